"""Highlights over a document's text: the text comes back whole, escaped, never as markup."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from vigil.web.highlight import Mark, Segment, group_of, highlight, segments, to_html

OUR_TAGS = re.compile(
    r'<span class="anchor" id="m-[0-9]+"></span>'
    r'|<mark class="hl hl-[a-z]+( hl-many)?"><a href="#s-[0-9]+">'
    r"|</a></mark>"
)
TEXT = st.text(alphabet=st.sampled_from("ab <>&\"'\n\u00e9\u0645/=;"), max_size=80)


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(TEXT)
    n = len(text)
    marks = draw(
        st.lists(
            st.builds(
                Mark,
                start=st.integers(-3, n + 3),
                end=st.integers(-3, n + 3),
                key=st.integers(1, 6),
                group=st.sampled_from(["name", "event", "letter"]),
            ),
            max_size=8,
        )
    )
    return text, marks


@given(text_and_marks())
def test_segments_give_the_text_back_and_cover_what_they_say(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)
    clipped = {(max(0, m.start), min(len(text), m.end), m.key) for m in marks}
    at = 0
    for piece in pieces:
        end = at + len(piece.text)
        covering = {(a, b, k) for a, b, k in clipped if a <= at and end <= b}
        assert {(m.start, m.end, m.key) for m in piece.marks} == covering
        lengths = [m.end - m.start for m in piece.marks]
        assert lengths == sorted(lengths)  # innermost first
        at = end


@given(text_and_marks())
def test_html_is_escaped_text_inside_our_own_tags_only(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    out = str(highlight(text, marks))
    bare = OUR_TAGS.sub("", out)
    assert "<" not in bare and ">" not in bare
    assert html.unescape(bare) == text
    # every suggestion with a span inside the text gets exactly one anchor
    inside = {m.key for m in marks if max(0, m.start) < min(len(text), m.end)}
    assert sorted(map(int, re.findall(r'id="m-([0-9]+)"', out))) == sorted(inside)


def test_nested_spans_are_cut_into_flat_runs() -> None:
    text = "held at Harbour Gate station"
    outer = Mark(0, len(text), 1, "event")
    inner = Mark(8, 20, 2, "name")
    assert segments(text, [outer, inner]) == [
        Segment("held at ", (outer,)),
        Segment("Harbour Gate", (inner, outer)),
        Segment(" station", (outer,)),
    ]
    assert str(to_html(segments(text, [outer, inner]))) == (
        '<span class="anchor" id="m-1"></span>'
        '<mark class="hl hl-event"><a href="#s-1">held at </a></mark>'
        '<span class="anchor" id="m-2"></span>'
        '<mark class="hl hl-name hl-many"><a href="#s-2">Harbour Gate</a></mark>'
        '<mark class="hl hl-event"><a href="#s-1"> station</a></mark>'
    )


def test_crossing_spans_are_cut_where_they_cross() -> None:
    text = "<b>one two three</b>"
    left, right = Mark(3, 10, 1, "name"), Mark(7, 16, 2, "demand")
    assert [p.text for p in segments(text, [left, right])] == [
        "<b>",
        "one ",
        "two",
        " three",
        "</b>",
    ]
    out = str(highlight(text, [left, right]))
    assert out.startswith("&lt;b&gt;") and out.endswith("&lt;/b&gt;")


def test_groups() -> None:
    assert [group_of(f) for f in ("persons", "events", "demands", "legal_references")] == [
        "name",
        "event",
        "demand",
        "legal",
    ]
    assert group_of("copies_to") == "letter" and group_of("contacts.emails") == "contact"
    assert group_of("something_new") == "other"

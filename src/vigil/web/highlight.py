"""Suggestion spans over a document's text, as escaped pieces for the document page.

`segments(text, marks)` cuts the text at every span boundary, so overlapping
and nested spans become flat pieces, each carrying the marks that cover it
(innermost first): the HTML never nests or crosses tags. `to_html` escapes
every piece and wraps a marked one in `<mark>` with a link to its innermost
suggestion. The document's words are never trusted as HTML. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from vigil.web.terms import N_

GROUPS: dict[str, str] = {
    "persons": "name",
    "organizations": "name",
    "locations": "name",
    "persons_at_risk": "name",
    "groups_at_risk": "name",
    "events": "event",
    "prior_interventions": "event",
    "demands": "demand",
    "legal_references": "legal",
    "title": "letter",
    "date": "letter",
    "salutation": "letter",
    "closing": "letter",
    "senders": "letter",
    "addressees": "letter",
    "copies_to": "letter",
}
"""Field -> highlight group (a CSS class `hl-GROUP` and a legend entry)."""

GROUP_LABELS: dict[str, str] = {
    "name": N_("names (people, organisations, places)"),
    "event": N_("events and earlier interventions"),
    "demand": N_("demands"),
    "legal": N_("legal references"),
    "letter": N_("letter parts (date, senders, addressees, copies, salutation…)"),
    "contact": N_("contact details"),
    "other": N_("other"),
}

WHOLE_DOCUMENT = frozenset({"language", "kind"})
"""Fields about the whole document: listed, never highlighted."""


def group_of(field: str) -> str:
    if field.startswith("contacts."):
        return "contact"
    return GROUPS.get(field, "other")


@dataclass(frozen=True)
class Mark:
    """One span of one suggestion (`key` is the suggestion id)."""

    start: int
    end: int
    key: int
    group: str = "other"


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same marks (innermost first; none for plain text)."""

    text: str
    marks: tuple[Mark, ...] = ()


def _innermost(mark: Mark) -> tuple[int, int, int]:
    return (mark.end - mark.start, -mark.start, mark.key)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """`text` cut at every boundary of `marks` (clipped to the text; empty ones dropped).

    The pieces' texts joined give `text` back exactly.
    """
    size = len(text)
    clipped = [
        Mark(max(0, m.start), min(size, m.end), m.key, m.group)
        for m in marks
        if max(0, m.start) < min(size, m.end)
    ]
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for m in clipped:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    cuts = sorted({0, size, *starts, *ends})
    active: set[Mark] = set()
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        out.append(Segment(text[a:b], tuple(sorted(active, key=_innermost))))
    return out


def to_html(pieces: Sequence[Segment], anchor: str = "m-", target: str = "s-") -> Markup:
    """The pieces as HTML: text escaped; marked runs as `<mark><a href="#s-ID">`.

    Each suggestion's first run is preceded by an empty `<span id="m-ID">`, so
    the list of suggestions can link back to its words (also when an inner
    span takes the link).
    """
    seen: set[int] = set()
    html: list[str] = []
    for piece in pieces:
        words = str(escape(piece.text))
        if not piece.marks:
            html.append(words)
            continue
        for mark in piece.marks:
            if mark.key not in seen:
                seen.add(mark.key)
                html.append(f'<span class="anchor" id="{escape(anchor)}{mark.key}"></span>')
        inner = piece.marks[0]
        classes = f"hl hl-{inner.group}" + (" hl-many" if len(piece.marks) > 1 else "")
        html.append(
            f'<mark class="{escape(classes)}">'
            f'<a href="#{escape(target)}{inner.key}">{words}</a></mark>'
        )
    return Markup("".join(html))


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    return to_html(segments(text, marks))

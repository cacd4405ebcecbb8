"""Boilerplate marking of plain-text web pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import require
from vigil.ingest.boilerplate import is_furniture, mark, unmatched_lines

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

PAGE = """Home » Letters » A letter to the minister
A letter to the minister

Dear Minister,
We ask for the release of our colleague.

Portrait of a colleague

Portrait of a colleague

Share this:
Facebook Twitter WhatsApp
Post navigation
You may also like
Leave a Comment3
This website uses cookies to improve your experience. Accept
"""


def _marked_lines(text: str) -> list[str]:
    result = mark(text)
    return [text[s.start : s.end] for s in result.boilerplate]


def test_breadcrumb_line_is_boilerplate() -> None:
    assert "Home » Letters » A letter to the minister" in _marked_lines(PAGE)


def test_site_furniture_lines_are_boilerplate() -> None:
    marked = _marked_lines(PAGE)
    for line in (
        "Share this:",
        "Facebook Twitter WhatsApp",
        "Post navigation",
        "You may also like",
        "Leave a Comment3",
        "This website uses cookies to improve your experience. Accept",
    ):
        assert line in marked


@pytest.mark.parametrize(
    "line",
    [
        "Accueil > Actualités > Lettre ouverte",
        "Vous aimerez aussi",
        "Laisser un commentaire",
        "Articles similaires",
        "Partager sur Facebook",
        "Navigation des articles",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        "© 2023 Some Association. Tous droits réservés.",
        "Related posts",
        "12 Comments",
    ],
)
def test_french_and_english_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Dear Minister,",
        "We urge you to share this information with the prosecutor.",
        "Copies to:",
        "Home Office of the United Kingdom",
        "Facebook posts were used as evidence against him.",
    ],
)
def test_content_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_caption_repeated_right_after_keeps_the_first() -> None:
    result = mark(PAGE)
    assert result.text.count("Portrait of a colleague") == 1
    assert "Portrait of a colleague" in _marked_lines(PAGE)


def test_long_title_repeated_later_keeps_the_first() -> None:
    title = "Members of parliament call for the release of detained lawyers"
    text = f"{title}\n2021-01-01\n\nIntro paragraph.\n   {title}   \nBody text."
    result = mark(text)
    assert result.text.count(title) == 1
    assert result.text.startswith(title)


def test_short_repeated_lines_apart_are_content() -> None:
    text = (
        "Ministry of Justice\nDamascus, Syria\n\nBody.\n\n"
        "cc: Ministry of Defence\nDamascus, Syria\n"
    )
    assert mark(text).boilerplate == []


def test_clean_text_is_full_text_without_marked_lines() -> None:
    result = mark(PAGE)
    assert result.full_text == PAGE
    assert "Dear Minister," in result.text
    assert "You may also like" not in result.text
    assert "Home »" not in result.text


def test_unmatched_lines_marks_what_an_extractor_dropped() -> None:
    full = "Menu\nTitle\nFirst para\u200b.\nFooter links"
    spans = unmatched_lines(full, "First para.")
    assert [full[s.start : s.end] for s in spans] == ["Menu", "Title", "Footer links"]


LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["", "Share this", "You may also like", "Home » A » B", "Dear Minister,", "Caption"]
        ),
        st.text(alphabet=st.characters(blacklist_characters="\n\r"), max_size=60),
    ),
    max_size=40,
)


@given(LINES)
def test_every_content_line_survives_in_order(lines: list[str]) -> None:
    full = "\n".join(lines)
    result = mark(full)
    marked = {s.start for s in result.boilerplate}
    kept: list[str] = []
    offset = 0
    for line in lines:
        if offset not in marked:
            kept.append(line)
        offset += len(line) + 1
    assert result.text == "\n".join(kept)
    for span in result.boilerplate:
        assert 0 <= span.start <= span.end <= len(full)


def test_seed_004_loses_its_site_furniture() -> None:
    path = SHARED / "eval" / "dev" / "seed-004.txt"
    require(path.is_file(), f"the shared example {path}")
    full = path.read_text("utf-8")
    result = mark(full.replace("\r\n", "\n"))
    assert "Home »" not in result.text
    assert "You may also like" not in result.text
    assert "Leave a Comment" not in result.text
    caption_lines = [ln for ln in result.text.split("\n") if ln.strip() == "Amir Parvizi"]
    assert len(caption_lines) == 1
    assert "Copies to:" in result.text
    assert "Dear Mr. Çuçi" in result.text


@pytest.mark.parametrize(
    "line",
    [
        "This website uses Cook\u0131es to improve your experience",  # a dotless i matches i
        "COOKIES: we use them to count visits",
        "Nous utilisons des cookies pour mesurer l'audience",
    ],
)
def test_cookie_notice_is_found_whatever_the_case_of_cookie(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["I cook for the families and we use the hall", "Cookery classes accept new pupils"],
)
def test_cooking_is_not_a_cookie_notice(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Share on Facebook Twitter", True),
        ("- Telegram · WhatsApp ·", True),
        ("Email Print Link", False),  # share words, but no network and no 'share'
        ("Facebook posts by the minister", False),  # a word that is not a share word
        ("' - '", False),
    ],
)
def test_share_rows_need_only_share_words_and_a_network(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Caption_\nCaption_", []),  # "_" is no letter: 7 letters, too short to repeat
        ("Caption 12\nCaption 12", ["Caption 12"]),  # 9 letters and digits, right after
        ("Ⅻ ٣٤٥ abcd\nⅫ ٣٤٥ abcd", ["Ⅻ ٣٤٥ abcd"]),  # numerals of any script count
    ],
)
def test_repeats_count_letters_and_digits_of_any_script(text: str, marked: list[str]) -> None:
    assert _marked_lines(text) == marked

"""The document's title when the zone model reads none: a letterhead is not a title,
the subject line is (invented letters)."""

from __future__ import annotations

import pytest

from vigil.extract import header
from vigil.extract.context import Context
from vigil.extract.types import ExtractInput, Extraction
from vigil.settings import Settings


def _title_without_zones(text: str, settings: Settings) -> str | None:
    """The header stage alone, with no zone read (as when the model is unsure)."""
    ctx = Context(doc=ExtractInput(text=text), settings=settings, text=text, result=Extraction())
    ctx.split_lines()
    header.run(ctx)
    return ctx.result.title.value if ctx.result.title else None


LETTER = (
    "NORTHLAND PRISONERS SUPPORT NETWORK\n"
    "12 Harbour Street, 0150 Northtown · Tel. +47 22 00 00 00 · info@example.org\n\n"
    "3 May 2024\n\n"
    "Minister of Justice\nMinistry of Justice\nSouthtown\n\n"
    "Re: Detention of three journalists since March\n\n"
    "Dear Minister,\n\nWe write about three journalists held without charge.\n"
)


def test_a_letterhead_is_not_the_title_the_subject_line_is(settings: Settings) -> None:
    assert _title_without_zones(LETTER, settings) == "Detention of three journalists since March"


def test_a_letterhead_without_a_subject_line_gives_no_title(settings: Settings) -> None:
    text = LETTER.replace("Re: Detention of three journalists since March\n\n", "")
    assert _title_without_zones(text, settings) is None


def test_a_heading_over_a_date_is_still_the_title(settings: Settings) -> None:
    text = (
        "NORTHLAND: FREE THE THREE JOURNALISTS\n"
        "3 May 2024\n\n"
        "The Northland Prisoners Support Network calls for the release of three journalists.\n"
    )
    assert _title_without_zones(text, settings) == "NORTHLAND: FREE THE THREE JOURNALISTS"


@pytest.mark.parametrize(
    "line",
    [
        "HOME   ABOUT   CAMPAIGNS   LETTERS   DONATE",
        "Velmar Rights Network |Home|About us|Cases|Contact",
        "Petition · Asylum · Region: Northland",
    ],
)
def test_a_menu_or_a_metadata_line_is_no_title(line: str) -> None:
    assert header._navigation(line)


@pytest.mark.parametrize(
    "line",
    ["Velmar: release the detained teachers now", "Letter to the Minister | a second appeal"],
)
def test_a_heading_is_no_menu(line: str) -> None:
    assert not header._navigation(line)

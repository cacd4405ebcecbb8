# ruff: noqa: E501
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


def _title_with_zones(text: str, settings: Settings, zoned: list[tuple[str, str, float, float]]) -> str | None:
    """The header stage over zones given by hand: (line text, zone, confidence, title marginal)."""
    from vigil.extract.zones.features import zone_lines
    from vigil.extract.zones.labels import Zone
    from vigil.extract.zones.read import Zoned

    ctx = Context(doc=ExtractInput(text=text), settings=settings, text=text, result=Extraction())
    ctx.split_lines()
    by_text = {line.text: line for line in zone_lines(text)}
    ctx.zones = [Zoned(by_text[t], Zone(z), c, m) for t, z, c, m in zoned]
    header.run(ctx)
    return ctx.result.title.value if ctx.result.title else None


ALERT = (
    "VELMAR RIGHTS ASSOCIATION\n"
    "Home > Alerts > Velmar\n"
    "Posted on 3 May 2024 by the editors · 2 min read\n"
    "Velmar: teacher held without charge for a year\n\n"
    "The teacher was arrested in May 2023 and has not been charged.\n"
)


def test_the_likeliest_title_is_taken_when_no_line_is_labelled_title(settings: Settings) -> None:
    zoned = [
        ("VELMAR RIGHTS ASSOCIATION", "sender", 0.6, 0.05),
        ("Home > Alerts > Velmar", "chrome", 0.7, 0.1),
        ("Posted on 3 May 2024 by the editors · 2 min read", "chrome", 0.5, 0.35),
        ("Velmar: teacher held without charge for a year", "body", 0.45, 0.32),
        ("The teacher was arrested in May 2023 and has not been charged.", "body", 0.99, 0.0),
    ]
    assert _title_with_zones(ALERT, settings, zoned) == "Velmar: teacher held without charge for a year"


def test_an_unlikely_title_is_not_taken(settings: Settings) -> None:
    zoned = [
        ("VELMAR RIGHTS ASSOCIATION", "sender", 0.6, 0.05),
        ("Home > Alerts > Velmar", "chrome", 0.7, 0.1),
        ("Posted on 3 May 2024 by the editors · 2 min read", "chrome", 0.5, 0.1),
        ("Velmar: teacher held without charge for a year", "body", 0.9, 0.1),
        ("The teacher was arrested in May 2023 and has not been charged.", "body", 0.99, 0.0),
    ]
    assert _title_with_zones(ALERT, settings, zoned) is None


def test_the_first_lines_that_are_no_title_are_passed_over(settings: Settings) -> None:
    text = "NORTHLAND PRISONERS ASSOCIATION\nOPEN LETTER\nNorthland: free the three journalists\n\nWe write today.\n"
    assert _title_without_zones(text, settings) == "Northland: free the three journalists"


@pytest.mark.parametrize(
    "line",
    [
        "Home > Appeals > Velmar",
        "Accessed 03/06/2024 · example.org/en/letters/one",
        "12 Harbour Street, Northtown · info@example.org",
        "UA 12/2024",
        "A/HRC/WG/2024/7        Advance Version        Distr.: General",
        "NORTHLAND PRISONERS ASSOCIATION",
        "OPEN LETTER",
        "Offener Brief",
        "H.E. the Minister of Justice of Northland",
        "Action started on 30 May 2022 · Northland Rights Network",
    ],
)
def test_lines_that_are_no_title(line: str) -> None:
    assert header._not_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "Velmar: release the detained teachers now",
        "Open letter to the President on the detained teachers",
        "Lettre ouverte : « libérez les enseignants »",
        "Re: Detention of three journalists since March",
    ],
)
def test_titles_are_titles(line: str) -> None:
    assert not header._not_title(line)


def test_quoting_guillemets_are_no_breadcrumb() -> None:
    assert header._breadcrumb("Lettre au ministre : « libérez-les »") == "Lettre au ministre : « libérez-les »"
    assert header._breadcrumb("Accueil » Appels » Libérez les enseignants") == "Libérez les enseignants"


STATEMENT = (
    "NORTHLAND TEACHERS UNION\n"
    "Press office\n"
    "4 Quay Road, Northtown\n\n"
    "STATEMENT                                  Northtown, 3 May 2024\n\n"
    "Velmar: release the three teachers now!\n\n"
    "The union condemns the arrest of three teachers on 1 May in Southtown.\n"
)


def test_a_heading_set_apart_is_the_title_when_the_model_finds_none(settings: Settings) -> None:
    lines = [ln for ln in STATEMENT.splitlines() if ln]
    zoned = [(lines[0], "sender", 0.4, 0.0), (lines[1], "body", 0.4, 0.0), (lines[2], "body", 0.5, 0.0)]
    zoned += [(lines[3], "date", 0.9, 0.0), (lines[4], "body", 0.8, 0.02), (lines[5], "body", 1.0, 0.0)]
    assert _title_with_zones(STATEMENT, settings, zoned) == "Velmar: release the three teachers now!"


def test_the_likelier_of_two_headings_set_apart_is_the_title(settings: Settings) -> None:
    text = "3 May 2024\n\nNorthland Teachers Union annual session notes\n\nVelmar: release the teachers\n\nThe union condemns the arrests.\n"
    lines = [ln for ln in text.splitlines() if ln]
    zoned = [(lines[0], "date", 0.9, 0.0), (lines[1], "sender", 0.5, 0.01), (lines[2], "body", 0.6, 0.08), (lines[3], "body", 1.0, 0.0)]
    assert _title_with_zones(text, settings, zoned) == "Velmar: release the teachers"


def test_no_heading_after_the_salutation(settings: Settings) -> None:
    text = "Dear Minister,\n\nRelease the three teachers now\n\nWe write about three teachers.\n"
    lines = [ln for ln in text.splitlines() if ln]
    zoned = [(lines[0], "salutation", 0.9, 0.0), (lines[1], "body", 0.6, 0.05), (lines[2], "body", 1.0, 0.0)]
    assert _title_with_zones(text, settings, zoned) is None


def test_a_subject_line_is_the_title_when_there_is_no_heading(settings: Settings) -> None:
    text = "3.5.2024\n\nMinistry of the Interior\nNorthtown\n\nKONU: Release of our client from administrative detention\n\nDear Minister,\n\nWe write.\n"
    lines = [ln for ln in text.splitlines() if ln]
    zoned = [(ln, "body", 0.6, 0.0) for ln in lines]
    assert _title_with_zones(text, settings, zoned) == "Release of our client from administrative detention"

# ruff: noqa: E501, RUF001
"""The document's own date stated in its first lines: a paragraph's dateline or a
'Published ...' line (invented texts)."""

from __future__ import annotations

import pytest

from vigil.extract import dates
from vigil.extract.context import Context
from vigil.extract.types import ExtractInput, Extraction
from vigil.settings import Settings


def _date(text: str, settings: Settings, published: str | None = None) -> str | None:
    ctx = Context(doc=ExtractInput(text=text, published=published), settings=settings, text=text, result=Extraction())
    ctx.split_lines()
    dates.run(ctx)
    return ctx.result.date.value if ctx.result.date else None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Families write to the commissioner\n\nNORTHTOWN, 22 June 2023 – Forty relatives of detained teachers wrote today.\n", "2023-06-22"),
        ("Carta de las familias\n\nMadrid, 3 de octubre de 2023. La asociación ha pedido hoy al ministerio su intervención.\n", "2023-10-03"),
        ("Lettre des familles\n\nParis, le 14 février 2022 – Les familles ont écrit au ministre.\n", "2022-02-14"),
        ("Families write again\nPublished 11 September 2023 · Updated 12 September 2023\n\nThe families wrote on Friday.\n", "2023-09-11"),
        ("Lettre des familles\nPublié le 13 février 2024 · 2 min de lecture\n\nLes familles ont écrit.\n", "2024-02-13"),
    ],
)
def test_a_date_the_text_states_for_itself(text: str, iso: str, settings: Settings) -> None:
    assert _date(text, settings) == iso


def test_the_stated_date_wins_over_the_pages_metadata(settings: Settings) -> None:
    text = "Families write to the commissioner\n\nNORTHTOWN, 22 June 2023 – Forty relatives wrote today.\n"
    assert _date(text, settings, published="2023-07-01") == "2023-06-22"


def test_a_sentence_that_opens_with_a_place_and_a_date_is_no_dateline(settings: Settings) -> None:
    text = "Families write again\n\nIn Northtown, 22 June 2023 was the day the teachers were arrested, and more.\n"
    assert _date(text, settings) is None


def test_a_memo_date_field_is_read_however_long_its_line(settings: Settings) -> None:
    text = (
        "TO:     Minister of Justice of Nordland\nFROM:   Nordland Refugee Aid\n"
        "DATE:   30 August 2024 (the day we remember those who were made to disappear)\n"
        "RE:     Dario Velt\n\nWe ask you to disclose where Dario Velt is held.\n"
    )
    assert _date(text, settings) == "2024-08-30"


def test_a_petitions_start_date_is_its_date_even_after_a_separator(settings: Settings) -> None:
    text = (
        "Free Dario Velt now\nStarted by Ada Brenn · Fecha de inicio: 20/11/2023\n\n"
        "Dario Velt was detained on 6 November 2023 and faces extradition.\n"
    )
    assert _date(text, settings) == "2023-11-20"


def test_a_published_line_in_any_language_gives_its_date() -> None:
    from vigil.extract import calendars

    assert calendars.published_date("Publicado el 15 de enero de 2025 · Redacción") == "2025-01-15"
    assert calendars.published_date("Published on 3 May 2024 by the editors") == "2024-05-03"
    assert calendars.published_date("Arrested on 3 May 2024") is None


@pytest.mark.parametrize(
    ("masthead", "iso"),
    [("NORTHLAND LETTER CIRCLE - NEWSLETTER, DECEMBER 2024", "2024-12"), ("تقرير موجز رقم ٣ – يوليو ٢٠٢٣", "2023-07")],
)
def test_an_issues_month_on_the_masthead_is_the_date_when_no_day_is_given(masthead: str, iso: str, settings: Settings) -> None:
    text = f"{masthead}\n\nThis month's case\n\nA teacher was arrested in March 2022 and is held in Southtown.\n"
    assert _date(text, settings) == iso


def test_a_month_in_the_body_is_no_masthead(settings: Settings) -> None:
    text = "Northland Letter Circle\n\nThis month's case\n\nA teacher was arrested in March 2022 and is held in Southtown.\n"
    assert _date(text, settings) is None

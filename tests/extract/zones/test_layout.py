# Synthetic letters keep their paragraphs on one line, as published.
# ruff: noqa: E501
"""Zone lines and the addressee blocks read from them, on synthetic letters
(names, offices and places are invented)."""

from __future__ import annotations

from typing import Any

from vigil.extract import ExtractInput, extract
from vigil.extract.parties import name_and_title
from vigil.extract.zones.features import zone_lines
from vigil.extract.zones.read import clean_addressee_line
from vigil.settings import Settings

BODY = (
    "We write to ask for the immediate release of Mara Velt, a teacher who was arrested by the security police on 3 May 2022 "
    "and has been held without charge since then, without access to a lawyer or to her family."
)

DOUBLE_SPACED = f"""Lawmakers write to the fleet commander about a detained teacher

2022-06-01

Today a group of lawmakers sent a letter to the commander of the northern fleet asking for the release of Mara Velt, whose detention has lasted a month. The text of the letter is below:

June 1, 2022

General Ida K. Sorn

Commander of the Northern Fleet

Fleet Headquarters, North Harbour

12 Anchor Road, Keeltown

Keeltown, NR 40211

Dear General Sorn,

{BODY}

Sincerely,

Pol Arven

Member of Parliament
"""


def _run(text: str, settings: Settings) -> dict[str, Any]:
    return extract(ExtractInput(text=text), settings).to_contract("t")


def test_single_blank_lines_of_a_double_spaced_text_do_not_part_a_block() -> None:
    lines = {ln.text: ln for ln in zone_lines(DOUBLE_SPACED)}
    assert not lines["Commander of the Northern Fleet"].blank_before
    assert lines[BODY].blank_before and lines[BODY].blank_after


def test_blank_lines_part_blocks_in_an_ordinary_text() -> None:
    text = "Minister Ana Lusk\nMinistry of Justice\n\nDear Minister,\n\n" + BODY + "\n"
    lines = {ln.text: ln for ln in zone_lines(text)}
    assert not lines["Ministry of Justice"].blank_before
    assert lines["Dear Minister,"].blank_before


def test_an_office_under_a_name_is_the_title_of_that_one_addressee(settings: Settings) -> None:
    out = _run(DOUBLE_SPACED, settings)
    assert [a["name"] for a in out["addressees"]] == ["Ida K. Sorn"]
    assert "Commander of the Northern Fleet" in (out["addressees"][0]["title"] or "")


def test_a_generational_suffix_stays_in_the_name() -> None:
    assert name_and_title("The Honorable Ivo Marek, Jr.") == ("Ivo Marek Jr.", None)
    assert name_and_title("Ivo Marek, Jr., Governor") == ("Ivo Marek Jr.", "Governor")


def test_a_short_label_before_an_addressee_is_dropped() -> None:
    assert clean_addressee_line("To be put to: Vice-President of the Council") == "Vice-President of the Council"

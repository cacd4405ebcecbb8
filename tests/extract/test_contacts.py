"""Contacts: the writer's phone numbers in the forms they are written."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings

LETTER = (
    "3 May 2024\n\nMinister of Justice\nMinistry of Justice\nSouthtown\n\n"
    "Dear Minister,\n\nWe write about three teachers held without charge in Southtown.\n\n"
    "Yours sincerely,\n\nAda Brenn\nNorthland Teachers Union\n{contact}\n"
)


def _phones(contact: str, settings: Settings) -> list[str]:
    text = LETTER.format(contact=contact)
    return list(extract(ExtractInput(text=text), settings).to_contract("t")["contacts"]["phones"])


@pytest.mark.parametrize(
    ("contact", "number"),
    [
        ("ada.brenn@example.org | (202) 555-0143", "(202) 555-0143"),
        ("ada.brenn@example.org · +44 7700 914 266", "+44 7700 914 266"),
        ("Cel. 310 555 8821", "310 555 8821"),
        ("Móvil: 612 34 56 78", "612 34 56 78"),
    ],
)
def test_a_writers_number_is_read_as_written(contact: str, number: str, settings: Settings) -> None:
    assert _phones(contact, settings) == [number]


def test_a_labelled_number_stops_at_the_end_of_its_line(settings: Settings) -> None:
    phones = _phones("Tel: +48 572 118 903\n\n12 copies were sent.", settings)
    assert phones == ["+48 572 118 903"]


def test_a_one_letter_label_needs_a_number_possible_where_it_is_dialled(settings: Settings) -> None:
    assert _phones("T 1234 5678 901", settings) == []
    assert _phones("Tel 1234 5678 901", settings) == ["1234 5678 901"]

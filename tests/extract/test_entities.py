"""Persons, organisations and places: repairs of the tagger's usual errors."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def test_a_name_only_ever_after_a_place_preposition_is_a_place(settings: Settings) -> None:
    text = "Ana Lorne, a teacher from Kuro Danel, was detained on 4 May 2021. Lorne is held."
    result = extract(ExtractInput(text=text), settings)
    assert "Kuro Danel" not in [p.value for p in result.persons]
    assert "Kuro Danel" not in [p.value for p in result.persons_at_risk]
    assert "Kuro Danel" in [p.value for p in result.locations]


def test_a_person_also_named_as_a_subject_stays_a_person(settings: Settings) -> None:
    text = (
        "We received a message from Tomas Veller on 2 May 2021. "
        "Tomas Veller was arrested two days later."
    )
    result = extract(ExtractInput(text=text), settings)
    assert "Tomas Veller" in [p.value for p in result.persons]

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


def test_prisoner_of_conscience_is_not_part_of_the_name(settings: Settings) -> None:
    text = (
        "We call for the release of Prisoner of Conscience Tran Van Loc, who was arrested "
        "on 4 May 2021. Tran Van Loc is held without charge."
    )
    result = extract(ExtractInput(text=text), settings)
    names = [p.value for p in result.persons] + [p.value for p in result.persons_at_risk]
    assert not any("Conscience" in n for n in names)


def test_a_name_cut_short_before_its_surname_tagged_later_is_joined(settings: Settings) -> None:
    from vigil.extract.entities import _joined_neighbours, _Mention

    text = "In May, Luis Alberto Ramos Ortega was detained. Later Mr. Ramos Ortega was moved."
    first = _Mention("Luis Alberto", 8, 20, "ner_person", 0.7)
    later = _Mention("Ramos Ortega", text.index("Ramos Ortega", 40), 0, "ner_person", 0.7)
    joined = _joined_neighbours([first, later], text)
    assert joined[0].text == "Luis Alberto Ramos Ortega" and joined[0].end == 33
    assert joined[1] == later
    # a name followed by another word is left as the tagger read it
    assert _joined_neighbours([first], text) == [first]

"""A pronoun points back to the last person at risk of its gender."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vigil.extract import ExtractInput, extract
from vigil.extract.referents import FEMALE, MALE, Referents, genders, pronoun_gender
from vigil.settings import Settings


@dataclass(frozen=True)
class _At:
    start: int
    end: int
    value: str


def _mentions(text: str, names: dict[str, str]) -> list[_At]:
    """Every occurrence of each form (form -> person)."""
    out = []
    for form, value in names.items():
        at = text.find(form)
        while at >= 0:
            out.append(_At(at, at + len(form), value))
            at = text.find(form, at + 1)
    return out


def test_honorific_and_family_word_give_a_gender() -> None:
    text = "We write about Ms. Lira Tomsen and her brother, Mr. Oskar Tomsen."
    found = genders(
        text, _mentions(text, {"Lira Tomsen": "Lira Tomsen", "Oskar Tomsen": "Oskar Tomsen"}), "en"
    )
    assert found == {"Lira Tomsen": FEMALE, "Oskar Tomsen": MALE}


def test_a_shared_surname_after_an_honorific_tells_nothing() -> None:
    text = "Mr. Oskar Tomsen was seen. Ms. Tomsen was not."
    mentions = _mentions(text, {"Oskar Tomsen": "Oskar Tomsen"})
    mentions += [_At(text.find("Tomsen was not"), text.find(" was not"), v) for v in
                 ("Oskar Tomsen", "Lira Tomsen")]
    assert genders(text, mentions, "en") == {"Oskar Tomsen": MALE}


def test_family_word_of_another_language() -> None:
    text = "Sa mère, Anni Vallo, a écrit."
    assert genders(text, _mentions(text, {"Anni Vallo": "Anni Vallo"}), "fr") == {
        "Anni Vallo": FEMALE
    }


def test_pronoun_genders_by_language() -> None:
    assert pronoun_gender("She", "en") == FEMALE
    assert pronoun_gender("elle", "fr") == FEMALE
    assert pronoun_gender("er", "de") == MALE
    assert pronoun_gender("sie", "de") is None  # also 'they'
    assert pronoun_gender("his", "en") is None


def test_resolve_skips_the_last_person_of_the_other_gender() -> None:
    people = Referents({"Lira Tomsen": FEMALE, "Oskar Tomsen": MALE})
    people.saw(["Lira Tomsen", "Oskar Tomsen"])
    assert people.resolve(FEMALE) == "Lira Tomsen"
    assert people.resolve(MALE) == "Oskar Tomsen"
    assert people.resolve(None) == "Oskar Tomsen"


def test_resolve_keeps_the_last_person_when_no_one_has_the_gender() -> None:
    people = Referents({"Oskar Tomsen": MALE, "Pel Arvo": MALE})
    people.saw(["Oskar Tomsen", "Pel Arvo"])
    assert people.resolve(FEMALE) == "Pel Arvo"
    unknown = Referents({})
    unknown.saw(["Kim Dorr"])
    assert unknown.resolve(MALE) == "Kim Dorr"


def _events(text: str, settings: Settings) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = extract(ExtractInput(text=text), settings).to_contract("t")[
        "events"
    ]
    return out


def test_she_after_her_brother_is_named_is_still_her(settings: Settings) -> None:
    text = (
        "We are concerned about Ms. Lira Tomsen, a teacher, and the detention of her brother, "
        "Mr. Oskar Tomsen. She was beaten during interrogation in March 2023."
    )
    torture = [e for e in _events(text, settings) if e["type"] == "torture_ill_treatment"]
    assert torture and torture[0]["subjects"] == ["Lira Tomsen"]

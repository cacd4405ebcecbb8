# ruff: noqa: RUF001
"""Named places of detention, and street addresses that are no place."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract, facilities
from vigil.settings import Settings


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("He has been held in Korvat Prison since March.", "Korvat Prison"),
        ("She was taken to the Dunmere police station.", "Dunmere police station"),
        ("He serves his sentence in Correctional Colony No. 7.", "Correctional Colony No. 7"),
        ("He was moved to penal colony No. 12 last week.", "penal colony No. 12"),
        ("Residents of Camp Serin were moved.", "Camp Serin"),
        ("Il est détenu à la prison de Valmont 2 depuis mai.", "prison de Valmont 2"),
        ("Он содержится в СИЗО-3 «Крепость» с мая.", "СИЗО-3 «Крепость»"),
        ("Men held in Tarvia's Dorn Prison wrote to us.", "Dorn Prison"),
        ("The family was taken to the Selvik pre-removal centre.", "Selvik pre-removal centre"),
    ],
)
def test_a_named_place_of_detention_is_read_whole(text: str, place: str) -> None:
    language = "ru" if "СИЗО" in text else "fr" if "détenu" in text else "en"
    assert place in [f.text for f in facilities.find(text, language)]


@pytest.mark.parametrize(
    "text",
    [
        "The prison is overcrowded and the camp has no water.",
        "Conditions in an Albanian camp were described to us.",
        "The Ministry's detention facility refused visits.",
        "DISAPPEARED IN THE PRISON: a report.",
    ],
)
def test_a_head_word_alone_or_with_a_common_word_names_no_place(text: str) -> None:
    assert facilities.find(text, "en") == []


@pytest.mark.parametrize(
    ("address", "street", "town"),
    [
        ("Ostergata 14, 0150 Oslo, Norway", "Ostergata", "Oslo"),
        ("145 Fenwick, London WC2B 6NH", "Fenwick", "London"),
        ("12, avenue de Lorme, 75116 Paris", "Lorme", "Paris"),
        ("Calle Marzo, 5\n28010 Madrid", "Calle Marzo", "Madrid"),
    ],
)
def test_a_street_in_an_address_is_no_place_but_its_town_is(
    address: str, street: str, town: str
) -> None:
    assert facilities.street(address, street)
    assert not facilities.street(address, town)


def test_a_town_named_in_a_sentence_with_a_date_is_no_street() -> None:
    assert not facilities.street("He was arrested in Marlow on 12 May 2023.", "Marlow")


def test_the_prison_is_one_place_and_its_bare_name_no_second(settings: Settings) -> None:
    text = (
        "Dear Minister,\nWe write about Arun Velis, who has been held in Korvat Prison since "
        "4 May 2021. Guards at Korvat beat him. We ask for his release.\n"
        "Yours sincerely,\nLena Ortis"
    )
    places = [p.value for p in extract(ExtractInput(text=text), settings).locations]
    assert "Korvat Prison" in places
    assert "Korvat" not in places


@pytest.mark.parametrize(
    ("state", "short"),
    [
        ("Arab Republic of Egypt", "Egypt"),
        ("Kingdom of Bahrain", "Bahrain"),
        ("Republic of Belarus", "Belarus"),
    ],
)
def test_a_state_s_formal_name_and_its_short_name_are_one_place(
    settings: Settings, state: str, short: str
) -> None:
    text = (
        f"Appeal to the authorities of the {state}.\nArun Velis was detained in {short} "
        "on 4 May 2021 and is held without charge."
    )
    places = [p.value for p in extract(ExtractInput(text=text), settings).locations]
    assert places == [state]


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("Maison des associations – 35, rue Varel-Duc\n93100 Montreuil", "Varel-Duc"),
        ("To: Director\nul. Tornaya 14, Moscow", "Tornaya"),
        ("Kalem Cad. No: 118/4, Fatih", "Kalem Cad"),
        ("2707 Orwin Delacey Jr. Ave SE\nWashington", "Orwin Delacey Jr"),
    ],
)
def test_a_name_beside_a_street_word_is_a_street(address: str, name: str) -> None:
    assert facilities.street_name(address, name)


def test_a_person_named_in_a_sentence_is_no_street() -> None:
    text = "Write to 12 Mill Road.\nVaren Duc was arrested on 4 May. Varen Duc is held."
    assert not facilities.street_name(text, "Varen Duc")


def test_a_place_of_detention_tagged_as_a_body_is_a_place(settings: Settings) -> None:
    text = (
        "On 3 May 2023 police took Arno Velt to the Korvat Removal Centre, where the "
        "Korvat Removal Centre refused his lawyer a visit."
    )
    found = extract(ExtractInput(text=text), settings)
    places = [v.value for v in found.locations]
    bodies = [v.value for v in found.organizations]
    assert "Korvat Removal Centre" in places
    assert not any("Korvat" in b for b in bodies)

# Synthetic salutations and letters in several scripts (names and places are invented).
# ruff: noqa: E501, RUF001
"""Who a salutation speaks to: openers, honorifics and respect words stripped by
language data; an office, a titled person or a name; several salutation lines."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import ExtractInput, extract
from vigil.extract.context import prov
from vigil.extract.letter import _office_rejoined, _places_only
from vigil.extract.salutation import addressee_text, opened_by_person_honorific
from vigil.extract.types import Party
from vigil.settings import Settings
from vigil.vocab import languages


@pytest.mark.parametrize(
    ("line", "addressee"),
    [
        ("Dear Ms Quell,", "Quell"),
        ("Monsieur le Président de la République,", "Président de la République"),
        ("Señor Presidente de la República de Norlandia:", "Presidente de la República de Norlandia"),
        ("Sehr geehrter Herr Bundeskanzler,", "Bundeskanzler"),
        ("Egregio Signor Ministro degli Affari Esteri,", "Ministro degli Affari Esteri"),
        ("Sayın İçişleri Bakanı,", "İçişleri Bakanı"),
        ("Уважаемый господин Генеральный прокурор!", "Генеральный прокурор"),
        ("جناب آقای نخست‌وزیر محترم جمهوری نورلند", "نخست‌وزیر جمهوری نورلند"),
        ("معالي وزير الخارجية المحترم،", "وزير الخارجية"),
        ("Distinguidos miembros del Grupo de Trabajo:", "Grupo de Trabajo"),
        ("Dear Sir,", ""),
    ],
)
def test_addressee_text_strips_the_words_around_the_addressee(line: str, addressee: str) -> None:
    assert addressee_text(line) == addressee


def test_a_person_honorific_is_told_from_an_office_courtesy() -> None:
    assert opened_by_person_honorific("سعادة السيد كريم الحداد")
    assert opened_by_person_honorific("Dear Mr Quell,")
    assert not opened_by_person_honorific("Dear President of the Assembly,")


def _addressees(text: str, settings: Settings, language: str | None = None) -> list[dict[str, Any]]:
    result = extract(ExtractInput(text=text, language=language), settings).to_contract("t")
    addressees: list[dict[str, Any]] = result["addressees"]
    return addressees


BODY = "We write about Tomas Vell, a teacher detained in Nordland since March 2021 without charge. We ask you to secure his release.\n\nYours sincerely,\n\nAda Brenn\n"


def test_an_office_in_the_salutation_is_the_addressee(settings: Settings) -> None:
    text = "Capital City, 3 May 2024\n\nDear President of the Assembly of Nordland,\n\n" + BODY
    names = [a["name"] for a in _addressees(text, settings)]
    assert names == ["President of the Assembly of Nordland"]


def test_an_office_salutation_in_french_is_read_without_its_courtesy(settings: Settings) -> None:
    text = (
        "Paris, le 3 mai 2024\n\nMonsieur le Ministre de l'Intérieur,\n\n"
        "Nous vous écrivons au sujet de Tomas Vell, enseignant détenu depuis mars 2021. Nous vous demandons sa libération.\n\n"
        "Veuillez agréer, Monsieur le Ministre, l'expression de notre haute considération.\n\nAda Brenn\n"
    )
    names = [a["name"] for a in _addressees(text, settings, "fr")]
    assert names == ["Ministre de l'Intérieur"]


def test_stacked_salutations_are_several_addressees(settings: Settings) -> None:
    text = "3 May 2024\n\nDear President of the Assembly of Nordland,\nDear Members of the Human Rights Committee,\n\n" + BODY
    names = [a["name"] for a in _addressees(text, settings)]
    assert len(names) == 2
    assert names[0] == "President of the Assembly of Nordland"
    assert "Human Rights Committee" in names[1]


def test_a_name_then_an_office_is_one_person(settings: Settings) -> None:
    text = "3 May 2024\n\nDear Ms Quell,\nDear Chair of the Human Rights Committee,\n\n" + BODY
    addressees = _addressees(text, settings)
    assert [a["name"] for a in addressees] == ["Quell"]
    assert addressees[0]["title"] == "Chair of the Human Rights Committee"


def test_a_title_joined_to_another_addressee_is_left_to_the_introduction(settings: Settings) -> None:
    text = "3 May 2024\n\nDear President and Secretary Quist,\n\n" + BODY
    names = [a["name"] for a in _addressees(text, settings)]
    assert "President and Secretary Quist" not in names


UN_STYLE = """Mandates of the Special Rapporteur on the situation of human rights defenders

12 June 2024

Excellency,

We have the honour to address you in our capacity as Special Rapporteur. We would like to bring to the attention of your Excellency's Government information concerning the detention of Mr. Tomas Vell since March 2021.

We urge your Excellency's Government to release Mr. Vell.

Please accept, Excellency, the assurances of our highest consideration.

Ada Brenn
Special Rapporteur on the situation of human rights defenders

His Excellency
Permanent Representative of the Republic of Nordland
to the United Nations Office at Geneva
"""


def test_a_bare_courtesy_salutation_takes_the_block_at_the_foot(settings: Settings) -> None:
    result = extract(ExtractInput(text=UN_STYLE), settings).to_contract("t")
    assert [a["name"] for a in result["addressees"]] == [
        "Permanent Representative of the Republic of Nordland to the United Nations Office at Geneva"
    ]
    assert result["copies_to"] == []


def test_a_bare_courtesy_salutation_takes_the_government_the_text_was_sent_to(settings: Settings) -> None:
    text = UN_STYLE.split("His Excellency")[0].replace(
        "bring to the attention of your Excellency's Government", "bring to the attention of the Government of Nordland"
    ) + "\nA similar letter has been sent to the Government of Southland.\n"
    result = extract(ExtractInput(text=text), settings).to_contract("t")
    assert [a["name"] for a in result["addressees"]] == ["Government of Nordland"]


@pytest.mark.parametrize(
    ("code", "sentence", "body"),
    [
        ("en", "The appeal was sent to the Government of Nordland on 2 May.", "the Government of Nordland"),
        ("fr", "La lettre adressée au Gouvernement de la Nordlande le 2 mai.", "Gouvernement de la Nordlande"),
        ("de", "Der Brief wurde an die Regierung von Nordland gesandt.", "die Regierung von Nordland"),
        ("it", "La lettera inviata al Governo di Nordlandia il 3 maggio.", "Governo di Nordlandia"),
        ("tr", "Nordland Hükümeti’ne gönderilen mektup", "Nordland Hükümeti"),
        ("ru", "Письмо направлено правительству Нордландии в мае.", "правительству Нордландии"),
        ("ar", "الرسالة الموجهة إلى حكومة نوردلاند بشأن المعتقلين.", "حكومة نوردلاند"),
        ("fa", "نامه‌ای که به دولت نوردلند ارسال شد", "دولت نوردلند"),
    ],
)
def test_each_language_names_the_body_a_letter_was_sent_to(code: str, sentence: str, body: str) -> None:
    found = [m.group("to") for rule in languages.rules("addressed_to", languages=[code]) if (m := rule.pattern.search(sentence))]
    assert found == [body]


def test_lines_under_a_signature_that_name_no_one_are_no_senders(settings: Settings) -> None:
    text = (
        "3 May 2024\n\nDear Minister,\n\n" + BODY.replace("Ada Brenn\n", "")
        + "Ada Brenn\n(sister of Tomas Vell)\nParis, France\n\n[Your name]\n\nShare this: Facebook Twitter\n"
    )
    result = extract(ExtractInput(text=text), settings).to_contract("t")
    senders = result["senders"]
    assert [s["name"] for s in senders] == ["Ada Brenn"]
    assert senders[0]["title"] == "sister of Tomas Vell"


def test_a_town_and_country_line_is_a_place_not_a_name() -> None:
    assert _places_only("Eastbury, France")
    assert _places_only("Eastbury, Lake province, France")
    assert _places_only("Paris, France")
    assert not _places_only("Ada Brenn, France")
    assert not _places_only("Eastbury Tenants Union")


@pytest.mark.parametrize(
    ("title", "rest", "office"),
    [
        ("Ministro", "de Relaciones Exteriores", "Ministro de Relaciones Exteriores"),
        ("Präsident", "der Nordländischen Republik", "Präsident der Nordländischen Republik"),
        ("Préfète", "de la Haute-Vallée", "Préfète de la Haute-Vallée"),
    ],
)
def test_a_title_split_from_its_office_is_one_office_again(title: str, rest: str, office: str) -> None:
    split = Party(name=rest, kind="person", title=title, prov=prov("letter", "t", 0.5))
    joined = _office_rejoined(split)
    assert (joined.name, joined.kind, joined.title) == (office, "office", None)


def test_a_surname_with_a_particle_stays_a_person() -> None:
    person = Party(name="de Souza", kind="person", title="Minister", prov=prov("letter", "t", 0.5))
    assert _office_rejoined(person) == person


@pytest.mark.parametrize(
    ("line", "title"),
    [("Madam President,", "President"), ("Mr President,", "President"), ("Honourable Minister,", "Minister"), ("Mr. Prime Minister,", "Prime Minister"), ("Dear Minister,", "Minister")],
)
def test_a_salutation_that_addresses_a_title_alone(line: str, title: str) -> None:
    from vigil.extract.letter import _salutation_title

    assert _salutation_title(line) == title


@pytest.mark.parametrize("line", ["Mr Brenn,", "Dear Ms Brenn,", "Dear President of the Assembly of Nordland,"])
def test_a_salutation_that_names_someone_or_a_whole_office_gives_no_bare_title(line: str) -> None:
    from vigil.extract.letter import _salutation_title

    assert _salutation_title(line) is None


def test_a_bare_title_salutation_takes_the_office_named_before_it(settings: Settings) -> None:
    text = (
        "The parents of a detained teacher wrote to the President of the Assembly of Nordland on 3 May.\n\n"
        "Madam President,\n\n" + BODY
    )
    names = [a["name"] for a in _addressees(text, settings)]
    assert names == ["President of the Assembly of Nordland"]


def test_an_addressee_line_the_model_missed_names_the_office(settings: Settings) -> None:
    text = "3 May 2024\n\nTo the Honourable Minister of Justice of Nordland\n\nHonourable Minister,\n\n" + BODY
    names = [a["name"] for a in _addressees(text, settings)]
    assert names == ["Minister of Justice of Nordland"]

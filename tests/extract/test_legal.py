# ruff: noqa: E501, RUF001
"""Legal instruments the text cites, and the names inside them (invented texts)."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def test_a_name_written_only_inside_an_instruments_name_is_no_person(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nKarim Northman has been held in solitary confinement since May, "
        "in breach of the Nelson Mandela Rules. We ask you to release Karim Northman.\n"
    )
    result = extract(ExtractInput(text=text, language="en"), settings)
    persons = [p.value for p in result.persons]
    assert "MANDELA_RULES" in [r.value for r in result.legal_references]
    assert "Nelson Mandela" not in persons
    assert "Karim Northman" in persons


def test_a_body_written_only_inside_an_instruments_name_is_no_organisation(settings: Settings) -> None:
    text = (
        "Egregio Ministro,\n\nKarim Northman è detenuto in isolamento dal maggio scorso, in "
        "violazione delle Regole minime standard delle Nazioni Unite per il trattamento dei "
        "detenuti (Regole Nelson Mandela). Chiediamo il rilascio di Karim Northman.\n"
    )
    result = extract(ExtractInput(text=text, language="it"), settings)
    assert "MANDELA_RULES" in [r.value for r in result.legal_references]
    assert not any("Nazioni Unite" in o.value for o in result.organizations)


def test_a_name_also_written_outside_an_instrument_stays() -> None:
    from vigil.extract.legal import _only_inside

    text = "Ada Brenn wrote from prison. The Ada Brenn Principles protect prisoners."
    inside = [(text.index("The Ada Brenn Principles"), text.index(" protect"))]
    assert not _only_inside(text, "Ada Brenn", inside)
    assert _only_inside(text[text.index("The"):], "Ada Brenn", [(0, len("The Ada Brenn Principles"))])


def _references(text: str, settings: Settings) -> list[str]:
    return [r.value for r in extract(ExtractInput(text=text), settings).legal_references]


@pytest.mark.parametrize(
    "sentence",
    [
        "He was sentenced under Article 361-1 of the Criminal Code.",
        "Article 143 of Northland's Code of Criminal Procedure limits pretrial detention.",
        "It breaches Article 83 of Northland's own Penal Enforcement Code.",
        "He was charged under Articles 30 and 34 of the 2017 Law on Terrorism Crimes.",
        "The order breaches Article 4 of Law No. 6458 on Foreigners.",
        "It contradicts the Kingdom's own Juvenile Law of 2018.",
        "Residential surveillance was introduced in the revision of the Criminal Procedure Law.",
        "La demande repose sur le code de l'entrée et du séjour des étrangers.",
        "Se pide protección conforme a la Ley de Protección para Defensores.",
        "Se respeten los derechos reconocidos por la Ley 70 de 1993.",
    ],
)
def test_a_named_national_law(sentence: str, settings: Settings) -> None:
    assert "NATIONAL_LAW" in _references(sentence, settings)


@pytest.mark.parametrize(
    "sentence",
    [
        "She is a solicitor at Northtown Law LLP.",
        "He teaches at the Faculty of Law of the university.",
        "He was tried by the Specialized Criminal Court in May.",
        "The law of the strongest prevails in the camp.",
    ],
)
def test_no_national_law(sentence: str, settings: Settings) -> None:
    assert "NATIONAL_LAW" not in _references(sentence, settings)


@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        ("Elle invoque l’article 3 de la Convention européenne des droits de l’homme.", "ECHR"),
        ("L’intérêt supérieur de l’enfant, garanti par la Convention internationale des droits de l’enfant.", "CRC"),
        ("Er verweist auf Art. 22 des Internationalen Pakts über bürgerliche und politische Rechte.", "ICCPR"),
        ("Ricordiamo i Principi di base delle Nazioni Unite sul ruolo degli avvocati.", "BASIC_PRINCIPLES_LAWYERS"),
        ("Recordamos los Principios Básicos de las Naciones Unidas sobre la Función de los Abogados.", "BASIC_PRINCIPLES_LAWYERS"),
    ],
)
def test_an_instrument_written_with_typographic_apostrophes_or_inflected(sentence: str, ref: str, settings: Settings) -> None:
    assert ref in _references(sentence, settings)

"""Persons, organisations and places: repairs of the tagger's usual errors."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, entities, extract
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


def test_a_mandate_is_an_office_and_its_holder_s_body_stays(settings: Settings) -> None:
    text = (
        "Copies: Special Rapporteur on the situation of human rights defenders; "
        "the Velmar Regional Commission's Special Rapporteur on Prisons.\n"
        "Arun Velis was detained on 4 May 2021."
    )
    orgs = [o.value for o in extract(ExtractInput(text=text), settings).organizations]
    assert not any("Special Rapporteur" in o for o in orgs)
    assert "Velmar Regional Commission" in orgs


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("London SE1", "Write to: Tarn Legal Aid, 4 Mill Lane, London SE1"),
        ("Observatoire", "Observatoire. The observatoire said the detainee was moved."),
        ("Ministry", "The Ministry did not answer."),
        ("Standard Minimum Rules", "It breaches the United Nations Standard Minimum Rules."),
    ],
)
def test_an_address_a_head_word_or_an_instrument_is_no_body(name: str, text: str) -> None:
    assert entities._no_body(name, text)


def test_a_known_body_written_in_one_word_stays_a_body() -> None:
    assert not entities._no_body("Interpol", "acting on an Interpol notice (see interpol.int)")


def test_a_head_word_followed_by_lower_case_words_and_a_place_is_one_body() -> None:
    text = "L'avvocato ha chiesto alla Corte d'appello di Varenna di respingere la domanda."
    start = text.index("Corte")
    mention = entities._Mention("Corte", start, start + 5, "ner_org", 0.6)
    assert entities._with_lower_case_tail(mention, text).text == "Corte d'appello di Varenna"


@pytest.mark.parametrize(
    ("language", "text", "body"),
    [
        ("fr", "Les autorités biélorusses ont arrêté Anna Exemple.", "autorités biélorusses"),
        ("es", "La policía nicaragüense detuvo a Ana Ejemplo.", "policía nicaragüense"),
        ("it", "La polizia egiziana ha arrestato Anna Esempio.", "polizia egiziana"),
        ("de", "Die iranischen Behörden haben Anna Beispiel verhaftet.", "iranischen Behörden"),
    ],
)
def test_a_lower_case_state_body_with_its_nationality_is_an_organisation(
    settings: Settings, language: str, text: str, body: str
) -> None:
    found = extract(ExtractInput(text=text, language=language), settings)
    assert body in [v.value for v in found.organizations]


def test_a_state_body_that_left_a_letter_unanswered_was_written_to(settings: Settings) -> None:
    text = (
        "Monsieur le Ministre,\n\nNous vous écrivons au sujet d'Anna Exemple. "
        "Les autorités russes n'ont pas répondu à notre lettre du 3 mars.\n"
    )
    found = extract(ExtractInput(text=text, language="fr"), settings)
    earlier = {(p.to, p.status) for p in found.prior_interventions}
    assert ("autorités russes", "no_response") in earlier


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Tratamiento de los Reclusos", "Reglas del Tratamiento de los Reclusos; su tratamiento"),
        ("Desarrollo de El Zapotal", "Asociación Desarrollo de El Zapotal; su desarrollo"),
    ],
)
def test_capitalised_common_nouns_joined_by_a_particle_are_no_person(name: str, text: str) -> None:
    assert entities._common_noun_phrase(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Luis de la Cruz", "el defensor Luis de la Cruz fue detenido; la cruz roja"),
        ("Ana Martínez", "Ana Martínez fue detenida"),
    ],
)
def test_a_name_with_a_particle_is_still_a_name(name: str, text: str) -> None:
    assert not entities._common_noun_phrase(name, text)


def test_a_name_with_an_acronym_in_it_is_a_bodys() -> None:
    assert entities._acronym_inside("VRWC Northland")
    assert not entities._acronym_inside("KARIM NORTHMAN")
    assert not entities._acronym_inside("Karim Northman")


_SPELLINGS = [
    (
        "Orin Tabbet (also spelled Oren Tabet), 37, was transferred in May. Tabbet is held alone.",
        "Orin Tabbet",
        "Oren Tabet",
    ),
    (
        "I write about my husband, Mikel Darosan (in Russian: Mikhail Darosanov), born 1979. "
        "He was arrested in 2021.",
        "Mikel Darosan",
        "Mikhail Darosanov",
    ),
    (
        "The court sentenced the engineer Lan Qiming, also known as Leo Lan, to 11 years.",
        "Lan Qiming",
        "Leo Lan",
    ),
]


@pytest.mark.parametrize(("text", "kept", "alias"), _SPELLINGS)
def test_another_spelling_given_with_a_name_is_its_alias(
    settings: Settings, text: str, kept: str, alias: str
) -> None:
    persons = [p.value for p in extract(ExtractInput(text=text), settings).persons]
    # the small tagger may cut the first spelling short; the other is its alias, never a person
    assert any(p.endswith(f" ({alias})") and kept.split()[-1] in p for p in persons)
    assert alias not in persons


def test_a_relative_named_in_brackets_is_no_alias() -> None:
    from vigil.extract.entities import _Mention, _spelling_aliases

    text = "Signed: Tomas Rendal, Veyport (brother of Ilse Rendal); Ilse Rendal was arrested."
    first = _Mention("Tomas Rendal", 8, 20, "ner_person", 0.7)
    at = text.index("Ilse")
    other = _Mention("Ilse Rendal", at, at + 11, "ner_person", 0.7)
    both = ["Tomas Rendal", "Ilse Rendal"]
    assert [m.text for m in _spelling_aliases(text, [first, other])] == both
    text = "Tomas Rendal (brother of Ilse Rendal) said she was arrested."
    assert [m.text for m in _spelling_aliases(text, [first, other])] == both


_RELATED_MARKERS = ["Related intervention letters\n\u203a ", "RELATED\n\u203a ", "Related: "]


@pytest.mark.parametrize("marker", _RELATED_MARKERS)
def test_names_in_a_list_of_related_posts_are_left_out(settings: Settings, marker: str) -> None:
    text = (
        "Dear Minister,\n\nWe ask you to release Arvo Lindqvist, detained since 4 May 2021.\n\n"
        "Yours sincerely,\nTamsin Reeve\n\n"
        f"{marker}Arrest of defence lawyer Oskar Veltman (2022)\n"
    )
    persons = [p.value for p in extract(ExtractInput(text=text), settings).persons]
    assert "Oskar Veltman" not in persons
    assert any("Lindqvist" in p for p in persons)


def test_two_forms_of_one_known_body_are_one_body_with_its_short_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vigil.extract.entities import _Mention, _one_known_body, _with_known_short_form

    known = {"northland refugee office": 0, "nro": 0, "velmar aid league": 1}
    monkeypatch.setattr(entities, "_known_bodies", lambda: known)
    assert _one_known_body("NRO", "Northland Refugee Office")
    assert not _one_known_body("NRO", "Velmar Aid League")
    long = _Mention("Northland Refugee Office", 0, 24, "gazetteer_body", 0.85)
    short = _Mention("NRO", 40, 43, "gazetteer_body", 0.85)
    assert _with_known_short_form(long, [long, short]).text == "Northland Refugee Office (NRO)"
    assert _with_known_short_form(long, [long]).text == "Northland Refugee Office"


def test_german_bodies_named_by_a_compound_head_are_no_persons(settings: Settings) -> None:
    text = (
        "Sehr geehrte Frau Ministerin,\n\nwir bitten Sie, sich für die Freilassung von Hanna "
        "Borowska einzusetzen. Sie wurde im Oktober 2021 festgenommen.\n\nMit freundlichen Grüßen"
        "\n\nStudentische Menschenrechtsgruppe Velmar\nGewerkschaftsjugend Velmar\n"
        "Arbeitsgemeinschaft Osteuropa der Volkshochschule Tarnow\n"
    )
    result = extract(ExtractInput(text=text, language="de"), settings)
    persons = [p.value for p in result.persons]
    assert persons == ["Hanna Borowska"]
    assert "Studentische Menschenrechtsgruppe Velmar" in [o.value for o in result.organizations]


def test_a_tagged_span_running_over_a_line_break_is_read_line_by_line() -> None:
    text = (
        "Palais Orme\nGeneva\n\nExcellency,\n"
        "Lena Varro Tidel\nKaro Mend\nBrisk Avenue Trust\nOffice"
    )
    town = (text.index("Geneva"), text.index("Excellency") + len("Excellency"), "ORG")
    names = (text.index("Lena"), text.index("Karo Mend") + len("Karo Mend"), "PERSON")
    body = (text.index("Brisk"), len(text), "ORG")
    spans = entities._line_pieces(text, [town, names, body])
    pieces = {(text[s:e], label) for s, e, label in spans}
    # a known town is a place; one word alone on its line is dropped
    assert pieces == {
        ("Geneva", "LOC"), ("Lena Varro Tidel", "PERSON"), ("Karo Mend", "PERSON"),
        ("Brisk Avenue Trust", "ORG"),
    }


def test_a_place_tagged_on_one_line_names_the_piece_of_another_span() -> None:
    text = "Caro Estin lives in Vantoria.\nSigned: Pel Arnow\nVantoria"
    place = (text.index("Vantoria"), text.index("Vantoria") + 8, "LOC")
    joined = (text.index("Pel"), len(text), "PERSON")
    pieces = entities._line_pieces(text, [place, joined])
    assert (text.rindex("Vantoria"), len(text), "LOC") in pieces


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "He named other Americans held abroad, including the wrongfully detained Nils\n"
            "Arvenson. Others are waiting for the same release, he told reporters that day.",
            "Nils\nArvenson",
        ),
        (
            "To: Minister of the\nInterior of the Republic of Tarvia",
            "Minister of the\nInterior of the Republic of Tarvia",
        ),
        (
            "We will not rest until we bring home both Inga and the wrongfully detained Nils\n"
            "Arvenson home safely as soon as we can.",
            "Nils\nArvenson",
        ),
    ],
)
def test_a_name_a_line_break_wraps_stays_whole(text: str, name: str) -> None:
    span = (text.index(name), text.index(name) + len(name), "PERSON")
    assert entities._line_pieces(text, [span]) == [span]


def test_a_name_tagged_as_a_place_elsewhere_is_a_place() -> None:
    text = "He was held in Korbel. To: Minister of the Interior, Korbel. Ana Velt left Velt."
    ents = [
        (text.index("Korbel"), text.index("Korbel") + 6, "LOC"),
        (text.rindex("Korbel"), text.rindex("Korbel") + 6, "ORG"),
        (text.index("Ana Velt"), text.index("Ana Velt") + 8, "PERSON"),
        (text.rindex("Velt"), text.rindex("Velt") + 4, "LOC"),
    ]
    # a surname the tagger also read inside a person's name stays that person's
    assert entities._tagged_places_elsewhere(text, ents) == {"Korbel"}
    # a given name that is also a town's, written before a surname, stays a name
    named = text + " Korbel Anders wrote."
    assert entities._tagged_places_elsewhere(named, ents) == frozenset()
    # an acronym read both ways is a body's
    acronym = "The KDC office in KDC."
    both = [(4, 7, "ORG"), (18, 21, "LOC")]
    assert entities._tagged_places_elsewhere(acronym, both) == frozenset()

# Synthetic sentences keep their paragraphs on one line; non-Latin scripts are intended.
# ruff: noqa: E501, RUF001
"""Names without a statistical model (`vigil.extract.capitalised`) and the
entities and at-risk stages that use them, on synthetic sentences with
invented names, in the languages spaCy has no model for here."""

from __future__ import annotations

from typing import Any

from vigil.extract import ExtractInput, extract
from vigil.extract.capitalised import (
    find,
    honorifics,
    inflected_same,
    plausible_body,
    plausible_person,
    titles,
    words,
)
from vigil.settings import Settings


def _labels(text: str, language: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"PERSON": set(), "ORG": set(), "LOC": set()}
    for c in find(text, language):
        out[c.label].add(c.text)
    return out


def _run(text: str, language: str, settings: Settings) -> dict[str, Any]:
    return extract(ExtractInput(text=text, language=language), settings).to_contract("t")


def test_words_merge_language_files_with_the_words_file() -> None:
    assert "Monsieur" in honorifics("fr")  # from languages/fr.json
    assert "Sr." in honorifics("es") and "آقای" in honorifics("fa")
    assert "Bundesminister" in titles("de") and "وزير" in titles("ar")
    assert "hermana" in words("family_words", "es")
    assert honorifics()[0] == max(honorifics(), key=len)  # longest first


def test_spanish_capitalised_run_is_a_person() -> None:
    found = _labels("El abogado Mateo Ilarri Sotoval fue detenido el lunes en Valdemora.", "es")
    assert "Mateo Ilarri Sotoval" in found["PERSON"]


def test_spanish_name_keeps_its_particles() -> None:
    found = _labels("La defensora Ana Berta Quiroz de Lamas fue amenazada.", "es")
    assert "Ana Berta Quiroz de Lamas" in found["PERSON"]


def test_conjunction_splits_two_persons() -> None:
    found = _labels("Según la familia, Telmo Arrieta y Nuria Bascuñán siguen presos.", "es")
    assert "Telmo Arrieta y Nuria Bascuñán" not in found["PERSON"]
    assert "Telmo Arrieta" in found["PERSON"]


def test_organisation_head_makes_a_body() -> None:
    found = _labels("Escribimos al Ministerio del Interior y a la Asociación Vecinal de Prados Altos.", "es")
    assert "Ministerio del Interior" in found["ORG"]
    assert "Asociación Vecinal de Prados Altos" in found["ORG"]
    assert not found["PERSON"]


def test_german_compound_head_makes_a_body() -> None:
    found = _labels("Das Innenministerium und der Helferkreis Talbach haben nicht geantwortet.", "de")
    assert "Innenministerium" in found["ORG"]
    assert "Helferkreis Talbach" in found["ORG"]


def test_german_noun_phrases_are_no_persons() -> None:
    found = _labels("Wir bitten um Humanitäre Aufnahme und die Freilassung Korvens. Im Auftrag der Gruppe.", "de")
    assert not found["PERSON"]


def test_german_honorific_inside_a_run_starts_the_name() -> None:
    found = _labels("Den Fall von Herrn Oskar Velmann verfolgen wir seit Jahren.", "de")
    assert "Oskar Velmann" in found["PERSON"]


def test_place_head_and_locative_make_places() -> None:
    found = _labels("Está recluido en la Prisión Central de Marvela, cerca de Sotoluz, y antes vivió en Almerande.", "es")
    assert "Prisión Central de Marvela" in found["LOC"]
    assert "Almerande" in found["LOC"]


def test_country_in_any_language_is_a_place() -> None:
    assert "Bielorrusia" in _labels("Fue extraditado a Bielorrusia.", "es")["LOC"]
    assert "Syrien" in _labels("Er wurde nach Syrien abgeschoben.", "de")["LOC"]
    assert "سوريا" in _labels("تم ترحيله إلى سوريا أمس.", "ar")["LOC"]


def test_nationality_is_no_place() -> None:
    found = _labels("Un ciudadano Sirio fue detenido.", "es")
    assert not any("Sirio" in x for x in found["LOC"])


def test_turkish_case_ending_marks_a_place_and_ends_a_body() -> None:
    found = _labels("Müvekkilim Karsel'de gözaltına alındı ve Anayasa Mahkemesi'ne başvurduk.", "tr")
    assert "Karsel" in found["LOC"]
    assert "Anayasa Mahkemesi" in found["ORG"]


def test_instruments_and_addresses_are_no_persons() -> None:
    found = _labels("Según el Código Penal y la Convención Americana, escriba a Calle Mirasol Norte.", "es")
    assert not found["PERSON"]


def test_title_alone_is_no_person() -> None:
    found = _labels("Estimada Señora Presidenta:\nNos dirigimos a usted.", "es")
    assert not found["PERSON"]


def test_cyrillic_full_name_with_patronymic() -> None:
    found = _labels("Вчера был задержан Степан Ильич Worobьёв.".replace("Worobьёв", "Воробьёв"), "ru")
    assert "Степан Ильич Воробьёв" in found["PERSON"]


def test_arabic_name_after_honorific() -> None:
    found = _labels("اعتقلت السلطات السيد كمال نادر الفرحاني في منزله.", "ar")
    assert "كمال نادر الفرحاني" in found["PERSON"]


def test_persian_name_from_a_given_name_stops_at_a_function_word() -> None:
    found = _labels("فرزندم فرهاد کیانپور را در زندان مرکزی شهرآباد نگه داشته‌اند.", "fa")
    assert "فرهاد کیانپور" in found["PERSON"]
    assert any(x.startswith("زندان مرکزی") for x in found["LOC"])


def test_arabic_body_starts_with_its_head() -> None:
    found = _labels("وجهنا رسالة إلى وزارة الداخلية ومنظمة الأمل للحقوق.", "ar")
    assert any(x.startswith("وزارة الداخلية") for x in found["ORG"])


def test_entities_stage_uses_rules_where_no_model(settings: Settings) -> None:
    text = "Carta abierta\n\nEl periodista Bruno Aldecoa Peral fue detenido por la Policía Nacional en Ribaluz el 3 de marzo.\n"
    out = _run(text, "es", settings)
    assert "Bruno Aldecoa Peral" in out["persons"]
    assert any(o.startswith("Policía Nacional") for o in out["organizations"])
    assert "Ribaluz" in out["locations"]


def test_quotation_with_guillemets_is_no_breadcrumb(settings: Settings) -> None:
    text = "«L'attivista Irene Valdossi, detenuta da marzo, deve essere liberata», dichiarano i deputati.\n"
    out = _run(text, "it", settings)
    assert "Irene Valdossi" in out["persons"]


def test_person_sharing_a_sentence_with_harm_is_at_risk(settings: Settings) -> None:
    text = "Sehr geehrte Frau Ministerin,\n\nder Gewerkschafter Pavel Ostrin ist seit Mai inhaftiert. Seine Kollegin Mira Tessel berichtet von seiner Gesundheit.\n"
    out = _run(text, "de", settings)
    assert "Pavel Ostrin" in out["persons_at_risk"]
    assert "Mira Tessel" not in out["persons_at_risk"]


def test_dead_person_is_not_at_risk(settings: Settings) -> None:
    text = "El activista Joel Varrientos Mal fue detenido y asesinado en prisión en 2020.\n"
    out = _run(text, "es", settings)
    assert "Joel Varrientos Mal" not in out["persons_at_risk"]


def test_linking_words_cut_a_run_without_a_head() -> None:
    found = _labels("Wir bitten Sie, sich bei den Stellen in Korsk für die Freilassung des Lehrers Anton Wilberg einzusetzen.", "de")
    assert "Anton Wilberg" in found["PERSON"]
    assert not any("Stellen" in x for x in found["PERSON"] | found["LOC"])


def test_dateline_city_is_a_place() -> None:
    assert "Valmora" in _labels("Studio Legale Ternesi\nValmora, 14 novembre 2023\n", "it")["LOC"]


def test_street_with_house_number_is_no_person() -> None:
    assert not _labels("Corso di Porta Ventosa 28 – 20122 Valmora", "it")["PERSON"]


def test_plausible_person_and_body() -> None:
    assert plausible_person("Nuria Bascuñán", "es")
    assert not plausible_person("Kopie: Amt für Wege", "de")
    assert not plausible_person("Presidenta", "es")
    assert not plausible_person("Ministerio del Interior", "es")
    assert plausible_body("Comité de Vecinos de Sotoluz", "es")
    assert not plausible_body("[Ihr Name]", "de")
    assert not plausible_body("Presidente del Consiglio", "it")


def test_cyrillic_case_forms_are_one_name() -> None:
    assert inflected_same("Ольги Сергеевны Травниковой", "Ольга Сергеевна Травникова")
    assert not inflected_same("Ольга Травникова", "Ирина Травникова")
    assert not inflected_same("Olga Travnikova", "Olga Travnikovoy")


def test_relation_inside_a_run_starts_the_name() -> None:
    found = _labels("Später wurde auch Korvens Kollege Pavel Drumov festgenommen.", "de")
    assert "Pavel Drumov" in found["PERSON"]


def test_place_named_after_a_noun() -> None:
    found = _labels("Lo hanno trasferito nel carcere di Valdorso, lontano dal comune di Brienta.", "it")
    assert "carcere di Valdorso" in found["LOC"]
    assert "Brienta" in found["LOC"]


def test_seat_of_an_international_body_is_a_city() -> None:
    assert "Ginevra" in _labels("Il Gruppo di lavoro si riunisce a Ginevra.", "it")["LOC"]


def test_city_tagged_as_person_becomes_a_place(settings: Settings) -> None:
    text = "Dear Minister,\n\nWe write about Dara Velkin, who has been detained in Tehran since May. Tehran has not answered our letters.\n"
    out = _run(text, "en", settings)
    assert "Tehran" not in out["persons"]
    assert "Tehran" not in out["persons_at_risk"]


def test_office_and_label_are_no_bodies() -> None:
    assert not plausible_body("President of the Republic", "en")
    assert not plausible_body("Signed,", "en")
    assert not plausible_body("UA XYZ 3/2024", "en")
    assert plausible_body("Human Rights Council", "en")
    assert plausible_body("High Court of Veldmark", "en")

# Synthetic letters keep their paragraphs on one line, as published; sentences
# in each language are written as it writes them.
# ruff: noqa: E501, RUF001
"""Demands, earlier appeals and cited instruments in letters written in
several languages (invented names and places)."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings
from vigil.vocab import languages


def _run(text: str, settings: Settings, language: str | None = None) -> dict[str, Any]:
    return extract(ExtractInput(text=text, language=language), settings).to_contract("t")


def test_items_of_an_asking_list_are_demands(settings: Settings) -> None:
    text = (
        "Estimado Ministro:\n\nEl defensor Tomás Vela está detenido desde marzo.\n\n"
        "Por lo anterior, le solicitamos:\n"
        "1. Informar a la familia sobre el paradero de Tomás Vela.\n"
        "2. Concedernos una reunión en un plazo de diez días.\n\n"
        "Atentamente,\nAna Ruiz\n"
    )
    demands = _run(text, settings)["demands"]
    assert {"disclose_information", "respond_or_meet"} <= set(demands)


def test_an_asking_list_joined_to_its_opening_line(settings: Settings) -> None:
    text = (
        "Monsieur le Préfet,\n\nM. Karim Olsen est retenu depuis le 2 mai.\n\n"
        "Nous vous demandons en conséquence :\n"
        "1. de renoncer à tout éloignement de M. Olsen vers son pays ;\n"
        "2. de mettre fin sans délai à sa rétention.\n\n"
        "Veuillez agréer, Monsieur le Préfet, l'expression de notre considération.\n\nLe comité\n"
    )
    demands = _run(text, settings)["demands"]
    assert {"halt_deportation", "release"} <= set(demands)


def test_an_asking_list_ends_at_the_next_plain_paragraph(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nWe ask you:\n1. to release Tomas Brand;\n2. to let his family visit him.\n\n"
        "An investigation into the prison was opened in 2020 and closed in 2021.\n\n"
        "Sincerely,\nAda Brenn\n"
    )
    demands = _run(text, settings)["demands"]
    assert {"release", "allow_family_contact"} <= set(demands)
    assert "investigate" not in demands


def test_third_person_and_reported_asking_cues(settings: Settings) -> None:
    german = "Das Komitee fordert: die Behörden auf, die Abschiebung von Herrn Lenz zu stoppen und ihn freizulassen."
    italian = (
        "La esorto ad adoperarsi affinché sia rilasciata immediatamente e riceva cure mediche."
    )
    spanish = (
        "Me dirijo a ustedes para pedirles que vuelvan a intervenir en el caso de mis hermanos."
    )
    assert {"halt_deportation", "release"} <= set(_run(german, settings, "de")["demands"])
    assert {"release", "medical_care"} <= set(_run(italian, settings, "it")["demands"])
    assert "intervene" in _run(spanish, settings, "es")["demands"]


def test_english_requests_for_lawyers_meetings_and_family_contact(settings: Settings) -> None:
    text = (
        "We urge you to ensure that they have access to lawyers of their choice and can correspond with their families. "
        "We would be grateful for a meeting at your earliest convenience."
    )
    demands = _run(text, settings, "en")["demands"]
    assert {"fair_trial", "allow_family_contact", "respond_or_meet"} <= set(demands)


def test_a_demand_carries_the_rule_id_of_its_pattern(settings: Settings) -> None:
    found = extract(
        ExtractInput(text="Exigimos la liberación inmediata de la defensora.", language="es"),
        settings,
    )
    rules = {d.value: d.prov.rule for d in found.demands}
    known = {r.id for r in languages.rules("demands", "release")}
    assert rules["release"] in known and rules["release"].startswith("es.demands.release.")


def test_instruments_are_named_in_each_language(settings: Settings) -> None:
    cases = {
        "es": (
            "Recordamos la Convención contra la Tortura y el Pacto Internacional de Derechos Civiles y Políticos.",
            {"CAT", "ICCPR"},
        ),
        "de": (
            "Das verstößt gegen die Europäische Menschenrechtskonvention und die Genfer Flüchtlingskonvention.",
            {"ECHR", "REFUGEE_CONVENTION"},
        ),
        "it": (
            "Ricordiamo le Regole minime standard per il trattamento dei detenuti e la CEDU.",
            {"MANDELA_RULES", "ECHR"},
        ),
        "fa": ("این اقدام نقض میثاق بین‌المللی حقوق مدنی و سیاسی است.", {"ICCPR"}),
        "ar": (
            "ويخالف ذلك اتفاقية مناهضة التعذيب ومبدأ عدم الإعادة القسرية.",
            {"CAT", "NON_REFOULEMENT"},
        ),
        "tr": (
            "Bu durum Avrupa İnsan Hakları Sözleşmesi ve geri göndermeme ilkesine aykırıdır.",
            {"ECHR", "NON_REFOULEMENT"},
        ),
        "ru": (
            "Это нарушает Конвенцию против пыток и Международный пакт о гражданских и политических правах.",
            {"CAT", "ICCPR"},
        ),
    }
    for code, (text, expected) in cases.items():
        found = extract(ExtractInput(text=text, language=code), settings)
        assert expected <= {v.value for v in found.legal_references}, code
        assert all("." in v.prov.rule and ":" not in v.prov.rule for v in found.legal_references)


def test_an_earlier_letter_to_a_named_body_left_unanswered(settings: Settings) -> None:
    text = (
        "Estimado Ministro:\n\nEl 5 de febrero de 2024 dirigimos una carta al Ministerio Público pidiendo protección para la familia. "
        "No hemos recibido ninguna respuesta.\n\nAtentamente,\nAna Ruiz\n"
    )
    earlier = {(p["to"], p["status"]) for p in _run(text, settings)["prior_interventions"]}
    assert ("Ministerio Público", "no_response") in earlier


def test_an_earlier_letter_turned_to_a_body_in_german(settings: Settings) -> None:
    text = (
        "Am 14. Juni hat sich das Komitee schriftlich an das Auswärtige Amt gewandt und um Hilfe gebeten. "
        "Eine Antwort steht noch aus."
    )
    earlier = {(p["to"], p["status"]) for p in _run(text, settings, "de")["prior_interventions"]}
    assert ("Auswärtige Amt", "no_response") in earlier


def test_our_unanswered_letter_went_to_the_addressee(settings: Settings) -> None:
    text = "Dear Minister Vell,\n\nOur letter of 3 May remained unanswered.\n\nWe urge you to release Tomas Brand.\n\nSincerely,\nAda Brenn\n"
    earlier = [(p["to"], p["status"]) for p in _run(text, settings)["prior_interventions"]]
    assert earlier == [("Vell", "no_response")]


def test_a_detainees_court_appeal_is_no_earlier_letter_of_the_writers(settings: Settings) -> None:
    text = "Dear Minister Vell,\n\nA detainee filed an appeal in June.\n\nWe urge you to release Tomas Brand.\n\nSincerely,\nAda Brenn\n"
    assert _run(text, settings)["prior_interventions"] == []


def test_an_earlier_letter_to_an_office_written_in_lower_case(settings: Settings) -> None:
    french = "Le comité a écrit au préfet de la Loire-Atlantique le 8 février ; sa lettre est restée sans réponse."
    italian = "La nostra lettera del 20 febbraio al Ministero degli Affari Esteri è rimasta senza risposta."
    assert ("préfet de la Loire-Atlantique", "no_response") in {
        (p["to"], p["status"]) for p in _run(french, settings, "fr")["prior_interventions"]
    }
    assert ("Ministero degli Affari Esteri", "no_response") in {
        (p["to"], p["status"]) for p in _run(italian, settings, "it")["prior_interventions"]
    }


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("en", "We urge you to allow his lawyer to visit him without delay."),
        ("en", "We call for a retrial that excludes evidence obtained under torture."),
        ("en", "We ask that she be allowed a lawyer of our choice."),
        ("fr", "Nous vous demandons de veiller à ce qu'il puisse voir ses avocats en privé."),
        ("it", "Chiediamo che possa incontrare i suoi avvocati di fiducia."),
        ("es", "Pedimos que pueda nombrar a un abogado de su confianza."),
        ("de", "Wir fordern, dass er einen Anwalt seiner Wahl erhält."),
    ],
)
def test_access_to_a_lawyer_or_a_new_trial_is_a_fair_trial_demand(code: str, sentence: str) -> None:
    rules = languages.rules("demands", "fair_trial", languages=[code])
    assert any(rule.pattern.search(sentence) for rule in rules)


@pytest.mark.parametrize(
    ("demand", "sentence"),
    [
        ("intervene", "We appeal to you to raise Tomas's case with the Nordland authorities."),
        ("intervene", "I ask you to use your mandate to press for his release."),
        ("intervene", "We write asking for urgent action to save two prisoners."),
        ("allow_family_contact", "I ask you to demand that the authorities let me see him."),
        ("allow_family_contact", "We call for our right to visit him to be respected."),
        ("allow_family_contact", "The mothers asked for a supervised meeting with their sons."),
        ("allow_family_contact", "Please bring me one letter or one telephone call from my son."),
    ],
)
def test_english_appeals_to_act_and_to_see_a_relative(demand: str, sentence: str) -> None:
    rules = languages.rules("demands", demand, languages=["en"])
    assert any(rule.pattern.search(sentence) for rule in rules)


@pytest.mark.parametrize(
    ("sentence", "demand"),
    [
        ("We urge you to ensure that he receives specialist care without delay.", "medical_care"),
        ("We ask you to arrange an immediate medical review by an independent doctor.", "medical_care"),
        ("We call for his transfer to a civilian hospital.", "medical_care"),
        ("I ask you, with all my heart, to find out where my son is.", "disclose_information"),
        ("Please provide any additional details and comments.", "disclose_information"),
        ("The relatives ask VRA to press for an independent investigation.", "investigate"),
    ],
)
def test_english_phrasings_of_a_demand(settings: Settings, sentence: str, demand: str) -> None:
    text = f"Dear Minister,\n\nArun Velis has been detained since 4 May 2021.\n\n{sentence}\n\nYours sincerely,\nLena Ortis\n"
    assert demand in _run(text, settings)["demands"]

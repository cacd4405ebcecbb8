"""Facts, not wishes: asked-for, feared and denied events are not asserted."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract
from vigil.extract.event_modality import cue_modality, requested
from vigil.settings import Settings


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("We call for his immediate release.", "release"),
        ("We urge you to release him without delay.", "release"),
        ("Nous demandons sa libération immédiate.", "libération"),
        ("Pedimos su liberación inmediata.", "liberación"),
        ("Wir fordern seine sofortige Freilassung.", "Freilassung"),
        ("Wir fordern die Behörden auf, ihn freizulassen.", "freizulassen"),
        ("Chiediamo il suo rilascio immediato.", "rilascio"),
        ("We ask that he be transferred to a hospital.", "transferred"),
        ("Exigeons qu'il soit jugé équitablement.", "jugé"),
        ("On 2 May a court ordered his release.", "release"),
        ("En plaidant, avec vos partenaires, pour sa libération.", "libération"),
        ("We ask you: - to tell us where he is; - to release him without delay.", "release"),
    ],
)
def test_an_event_a_request_asks_for_is_requested(sentence: str, trigger: str) -> None:
    assert requested(sentence, sentence.index(trigger))


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("We call for an investigation into his arrest.", "arrest"),
        ("We urge you to end his detention.", "detention"),
        ("We call for the release of Ana Ruiz, who was arrested in May.", "arrested"),
        ("We call on the authorities to release all those unjustly detained.", "detained"),
        ("Nous demandons une enquête sur sa détention.", "détention"),
        ("His request was rejected and he was deported.", "deported"),
        ("He was arrested on 3 May.", "arrested"),
        ("We ask you: - to investigate his torture.", "torture"),
        ("He was ordered to leave and was deported.", "deported"),
    ],
)
def test_a_fact_inside_a_request_is_not_requested(sentence: str, trigger: str) -> None:
    assert not requested(sentence, sentence.index(trigger))


@pytest.mark.parametrize(
    ("sentence", "trigger", "modality"),
    [
        ("Corre el riesgo de ser torturado si es devuelto.", "torturado", "feared"),
        ("Ihm droht Folter in seinem Herkunftsland.", "Folter", "feared"),
        ("Rischia la tortura se rimpatriato.", "tortura", "feared"),
        ("Las autoridades niegan que fue detenido.", "detenido", "denied"),
        ("Die Behörden bestreiten, dass er verhaftet wurde.", "verhaftet", "denied"),
        ("Fue detenido el 3 de mayo.", "detenido", None),
    ],
)
def test_fear_and_denial_cues_without_a_parse(sentence: str, trigger: str, modality: str) -> None:
    assert cue_modality(sentence, sentence.index(trigger)) == modality


def _events(text: str, settings: Settings, language: str | None = None) -> list[tuple[str, str]]:
    result = extract(ExtractInput(text=text, language=language), settings)
    return [(e.type, e.modality) for e in result.events]


def test_a_demanded_release_is_no_asserted_event(settings: Settings) -> None:
    text = "Tomas Veller was arrested in Eastgate on 4 May 2021. We call for his release."
    found = _events(text, settings)
    assert ("arrest", "asserted") in found
    assert ("release", "asserted") not in found


def test_a_demanded_release_in_french_is_no_asserted_event(settings: Settings) -> None:
    text = "M. Tomas Veller a été arrêté le 4 mai 2021. Nous demandons sa libération immédiate."
    found = _events(text, settings, "fr")
    assert ("release", "asserted") not in found


def test_contract_events_carry_their_modality(settings: Settings) -> None:
    text = "Tomas Veller was arrested by the police in Eastgate on 4 May 2021."
    contract = extract(ExtractInput(text=text), settings).to_contract("t")
    assert contract["events"] and all(e["modality"] == "asserted" for e in contract["events"])


def test_a_feared_event_stays_out_of_the_contract(settings: Settings) -> None:
    text = "Tomas Veller could be executed if he is returned."
    result = extract(ExtractInput(text=text), settings)
    assert all(e.type != "execution" for e in result.contract_events())
    assert ("execution", "feared") in [(e.type, e.modality) for e in result.events]


def test_a_threatened_removal_is_an_asserted_threat(settings: Settings) -> None:
    text = "Tomas Veller may be deported to Carpania next week."
    result = extract(ExtractInput(text=text), settings)
    threats = [e for e in result.contract_events() if e.type == "deportation_threat"]
    assert threats and threats[0].modality == "asserted"


def test_an_event_the_authorities_deny_is_denied(settings: Settings) -> None:
    text = "The authorities deny that Tomas Veller was arrested."
    result = extract(ExtractInput(text=text), settings)
    assert ("arrest", "denied") in [(e.type, e.modality) for e in result.events]
    assert all(e["type"] != "arrest" for e in result.to_contract("t")["events"])


def test_a_refusal_of_visits_is_asserted_not_denied(settings: Settings) -> None:
    text = (
        "Tomas Veller was arrested on 4 May 2021 in Eastgate. "
        "Since then his family has not been allowed to visit him."
    )
    result = extract(ExtractInput(text=text), settings)
    refusals = [e for e in result.events if e.type == "denial_of_family_contact"]
    assert refusals and refusals[0].modality == "asserted"
    assert refusals[0].subjects == ["Tomas Veller"]


def test_a_negation_in_a_trigger_of_another_type_still_denies(settings: Settings) -> None:
    text = "Tomas Veller has been held since May with no charges against him."
    result = extract(ExtractInput(text=text), settings)
    assert "trial" not in [e.type for e in result.contract_events()]


def test_whereabouts_not_disclosed_is_an_asserted_disappearance(settings: Settings) -> None:
    text = (
        "Tomas Veller was arrested on 4 May 2021 in Eastgate. "
        "The authorities have not disclosed his whereabouts to his family."
    )
    result = extract(ExtractInput(text=text), settings)
    assert "enforced_disappearance" in [e.type for e in result.contract_events()]


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Veller has been held in Correctional Colony No. 4 since May 2021.",
        "The prosecutor extended the detention of Mr. Tomas Veller in case No. 1024 of 2022.",
    ],
)
def test_a_number_sign_is_no_negation(settings: Settings, text: str) -> None:
    result = extract(ExtractInput(text=text), settings)
    assert "detention" in [e.type for e in result.contract_events()]

# Synthetic letters keep their paragraphs on one line, as published.
# ruff: noqa: E501
"""Demands: asking lists, pressing another government, subject lines and asking
cues in several languages (invented names and places)."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings
from vigil.vocab import languages


def _demands(text: str, settings: Settings, language: str | None = None) -> set[str]:
    result: dict[str, Any] = extract(ExtractInput(text=text, language=language), settings).to_contract("t")
    return set(result["demands"])


def test_an_item_of_an_asking_list_is_read_whole_even_when_it_asks_again(settings: Settings) -> None:
    text = (
        "Gentile Ministro,\n\nIl difensore Marco Vell è detenuto da marzo.\n\nVi chiediamo di:\n"
        "1. sollevare il caso di Marco Vell in ogni contatto con le autorità di Nordland e chiederne il rilascio;\n"
        "2. chiedere un'indagine indipendente.\n\nCordiali saluti,\nAda Brenn\n"
    )
    assert {"intervene", "release", "investigate"} <= _demands(text, settings, "it")


def test_lettered_items_in_parentheses_open_an_asking_list(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nTomas Brand has been held since May.\n\nWe urge you to: (a) review his detention;\n"
        "(b) ensure that his family can visit him;\n(c) release him without delay.\n\n"
        "An inquiry was opened in 2020 and closed.\n\nSincerely,\nAda Brenn\n"
    )
    found = _demands(text, settings, "en")
    assert {"allow_family_contact", "release"} <= found
    assert "investigate" not in found


def _intervene(code: str, sentence: str) -> bool:
    return any(r.pattern.search(sentence) for r in languages.rules("demands", "intervene", languages=[code]))


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("en", "We ask UNHCR:\n- to ask the Nordland authorities to let the families visit."),
        ("en", "We respectfully ask the committee:\n2. to urge the Government of Nordland to allow patients to go to hospital."),
        ("en", "I ask you to raise my brother's detention with the Nordland authorities."),
        ("en", "We request that you convey to the competent authorities our request that he be released."),
        ("fr", "Nous vous demandons d'exiger des autorités nordiques qu'elles libèrent M. Vell."),
        ("it", "Chiediamo al Governo di sollecitare le autorità nordiche affinché sia liberato."),
        ("es", "Pedimos que el caso se plantee directamente ante el Gobierno nórdico."),
        ("de", "Wir bitten Sie, bei den nordländischen Behörden darauf hinzuwirken, dass er freikommt."),
        ("ru", "Просим вас направить властям Нордландии срочное обращение."),
    ],
)
def test_asking_the_addressee_to_press_another_government_is_intervene(code: str, sentence: str) -> None:
    assert _intervene(code, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We urge your Government to release him.",
        "We ask you to urge the government to release him.",
        "We wish to urge the Government of Nordland to release him.",
        "The committee calls on the Nordland authorities to release him.",
    ],
)
def test_a_direct_call_on_a_government_is_no_intervene(sentence: str) -> None:
    assert not _intervene("en", sentence)

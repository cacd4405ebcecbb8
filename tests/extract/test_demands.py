# Synthetic letters keep their paragraphs on one line, as published.
# ruff: noqa: E501
"""Demands: asking lists, pressing another government, subject lines and asking
cues in several languages (invented names and places)."""

from __future__ import annotations

from typing import Any

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


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

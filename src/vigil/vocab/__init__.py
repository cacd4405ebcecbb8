# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Controlled vocabularies and gazetteers, kept as JSON data in this package.

Each vocabulary maps the contract ids of `eval/vocab.json` to English and
French labels, the HURIDOCS micro-thesaurus term where one exists, and the
patterns the extraction components use. Files are read once, on first use.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

VOCABULARIES = (
    "event_types",
    "legal_references",
    "demand_types",
    "party_kinds",
    "intervention_statuses",
    "channels",
    "case_situations",
)
GAZETTEERS = (
    "countries",
    "bodies",
    "letter",
    "party_aliases",
    "described_actors",
    "legal_grounds",
    "letter_phrases",
    "un_mandates",
    "case_words",
    "function_words",
)


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON file `<name>.json` of this package."""
    if name not in VOCABULARIES + GAZETTEERS:
        raise ValueError(f"unknown vocabulary {name!r}; known: {', '.join(VOCABULARIES + GAZETTEERS)}")
    raw = resources.files(__package__).joinpath(f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def ids(name: str) -> frozenset[str]:
    """The contract ids of a vocabulary (`event_types`, `demand_types`, ...)."""
    data = load(name)
    if name == "demand_types":
        return frozenset(data["types"])
    return frozenset(data)


def label(name: str, id_: str, language: str = "en") -> str:
    """The label of one id in English or French (English when missing)."""
    data = load(name)
    entry = data["types"][id_] if name == "demand_types" else data[id_]
    labels: dict[str, str] = entry["label"]
    return labels.get(language) or labels["en"]


__all__ = ["GAZETTEERS", "VOCABULARIES", "ids", "label", "load"]

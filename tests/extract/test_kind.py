# Synthetic letters keep their paragraphs on one line, as published.
# ruff: noqa: E501
"""The kind stage: what a text calls itself at its top stands over the kind model
(synthetic texts; names and places are invented)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.extract.kind import self_named
from vigil.settings import Settings


def test_open_letter_heading_names_the_kind() -> None:
    assert self_named("", ["OFFENER BRIEF", "An den Bundesminister des Innern"]) == "open_letter"
    assert self_named("Open letter to the Governor of Nordland on the Vell case", []) == "open_letter"
    assert self_named("", ["Lettre ouverte à Madame la Préfète", "Nantes, le 3 mai 2024"]) == "open_letter"


def test_petition_heading_names_the_kind() -> None:
    assert self_named("", ["Free Tomas Vell", "Petition to: Minister of Justice of Nordland"]) == "petition"
    assert self_named("", ["Sign this petition", "Tomas Vell must be released"]) == "petition"


def test_heading_without_a_name_of_kind_leaves_it_to_the_model() -> None:
    assert self_named("Letter to the Minister", ["Dear Minister,", "We write about Tomas Vell."]) is None
    assert self_named("", ["Nordland: teacher detained", "Unions send open letter to the minister"]) is None


def test_letter_calling_itself_open_is_an_open_letter(settings: Settings) -> None:
    text = (
        "OPEN LETTER\n\nTo the Minister of the Interior of Nordland\n\nCapital City, 3 May 2024\n\n"
        "Dear Minister,\n\nWe, the undersigned organisations, write about Tomas Vell, a teacher detained since 2021. We urge you to release him.\n\n"
        "Sincerely,\n\nAda Brenn\nDirector, Nordland Teachers' Union\n"
    )
    out = extract(ExtractInput(text=text), settings).to_contract("t")
    assert out["kind"] == "open_letter"


def test_reporting_verb_after_the_heading_keeps_it_self_named() -> None:
    assert self_named("Open letter: 40 unions urge the minister to act", []) == "open_letter"

# Synthetic letters keep their paragraphs on one line, as published.
# ruff: noqa: E501
"""The kind stage: what a text calls itself at its top stands over the kind model
(synthetic texts; names and places are invented)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.extract.kind import journalism, reports_itself, self_named
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


def test_newsroom_conventions_make_a_news_article() -> None:
    assert journalism("The Interior Ministry did not respond to a request for comment.")
    assert journalism("KESTRELBY, Oct 3 (Nordland Wire) - The wife of a jailed teacher wrote to the UN.")
    assert journalism("Publié le 09/02/2024 à 18h05 · Mis à jour le 10/02/2024 à 08h12")
    assert journalism("(Reporting by Ada Brenn; Editing by Ivo Marek)")
    assert not journalism("The ministry has not answered our letter of 3 May. We call for his release.")


def test_news_article_quoting_a_letter_is_news(settings: Settings) -> None:
    text = (
        "Wife of jailed teacher writes to UN expert\n\n"
        "KESTRELBY, Oct 3 (Nordland Wire) - The wife of Tomas Vell, a teacher jailed since 2021, has written to a UN expert.\n\n"
        '"Dear Special Rapporteur, I do not know whether my husband is alive," the letter says.\n\n'
        "The Interior Ministry did not respond to a request for comment.\n"
    )
    assert extract(ExtractInput(text=text), settings).to_contract("t")["kind"] == "news_article"


def test_report_heading_names_a_report() -> None:
    assert reports_itself("", ["NORDLAND RIGHTS WATCH", "Monitoring Report No. 12 - Nordland", "Period covered: January-June 2024"])
    assert reports_itself("Half-yearly report on appeals for disappeared teachers", [])
    assert reports_itself("", ["Rapport annuel 2023", "1. Résumé"])
    assert reports_itself("", ["Summary", "4. Recommendations"])
    assert not reports_itself("Teachers detained in Nordland", ["Dear Minister,", "We write about the report of your ministry."])

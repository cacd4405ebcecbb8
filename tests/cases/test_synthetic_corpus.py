"""'Done when' of issue 5 on our own synthetic letters (tests/cases/corpus), extracted for real.

Fictional people and countries. The family's appeal arrives first; its repost
on a web site (header, furniture, changed quotes and dashes) arrives later and
must join the same intervention. Like `test_seed_letters.py`, this runs the
real ingest and extraction on both backends.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from vigil import cases
from vigil.ingest.extraction import extract_stored
from vigil.ingest.pipeline import ingest
from vigil.model import InterventionSummary
from vigil.settings import Settings
from vigil.store import Store
from vigil.store import facts as fact_store
from vigil.store.case_tables import mentions

pytestmark = pytest.mark.slow  # real extraction of six letters on each backend (~1 min)

CORPUS = Path(__file__).parent / "corpus"
REPOST = CORPUS / "family-appeal-interior-repost.txt"


@pytest.fixture
def corpus(store: Store, settings: Settings) -> Store:
    letters = sorted(p for p in CORPUS.glob("*.txt") if p != REPOST)
    ingest(store, settings, letters)
    ingest(store, settings, [REPOST])
    extract_stored(store, settings, "pending")
    cases.build_from_extractions(store, follow_up_days=settings.follow_up_days)
    cases.suggest_cases(store)
    return store


def _by_addressee(store: Store, name: str) -> InterventionSummary:
    [found] = [i for i in cases.list_interventions(store) if name in i.names("addressee")]
    return found


def test_case_for_daniel_oroszi(corpus: Store) -> None:
    [case] = [c for c in cases.list_cases(corpus) if c.name == "Daniel Oroszi"]
    view = cases.show_case(corpus, case.id)
    assert [m.name for m in view.case.members] == ["Daniel Oroszi"]
    letters = {_by_addressee(corpus, n).id for n in ("Helena Varga", "Viktor Lantos")}
    assert letters <= {i.id for i in view.timeline if i.what == "intervention"}


def test_case_for_daniel_oroszi_holds_his_arrest(corpus: Store) -> None:
    [case] = [c for c in cases.list_cases(corpus) if c.name == "Daniel Oroszi"]
    assert "arrest" in {i.label for i in cases.show_case(corpus, case.id).timeline}


def test_family_appeal_to_the_interior_minister_with_four_copies(corpus: Store) -> None:
    letter = _by_addressee(corpus, "Helena Varga")
    assert "family of Daniel Oroszi" in letter.names("sender")
    assert len(letter.names("copy")) == 4
    assert "Daniel Oroszi" in letter.names("on_behalf")
    assert letter.date == "2024-03-14" and not letter.date_is_recorded
    assert letter.due_date == "2024-04-13"  # 30 days, the default follow-up period


def test_the_repost_is_one_more_source_of_the_same_intervention(corpus: Store) -> None:
    items = cases.list_interventions(corpus)
    to_varga = [i for i in items if "Helena Varga" in i.names("addressee")]
    assert len(to_varga) == 1
    [letter] = to_varga
    assert len(letter.source_documents) == 2
    assert letter.source_documents[0] == letter.document_id
    repost = letter.source_documents[1]
    assert all(i.document_id != repost for i in items)
    rates = cases.response_rates(items)
    assert rates["Helena Varga"] == (1, 0)


def test_earlier_appeals_without_response_are_unanswered_once(corpus: Store) -> None:
    unanswered = cases.list_interventions(corpus, unanswered=True)
    earlier = [i for i in unanswered if i.status == "no_response"]
    assert earlier, "the earlier letters the family mentions are listed"
    assert all("Daniel Oroszi" in i.names("on_behalf") for i in earlier)
    # The repost mentions the same earlier letters: they join, never counted twice.
    assert all(len(i.source_documents) == 2 for i in earlier)
    addressees = [name for i in earlier for name in i.names("addressee")]
    assert len(addressees) == len(set(addressees))
    assert "Prosecutor General of Estavia" in addressees


def test_both_earlier_appeals_are_listed(corpus: Store) -> None:
    unanswered = cases.list_interventions(corpus, unanswered=True)
    assert len([i for i in unanswered if i.status == "no_response"]) == 2


def test_ngo_letter_to_the_president_with_a_copy_to_his_adviser(corpus: Store) -> None:
    letter = _by_addressee(corpus, "Marek Halloran")
    assert letter.names("copy") == ["Paul Okonjo"]
    assert {"Ines Marchetti", "Varenia Rights Monitor"} <= set(letter.names("sender"))
    assert letter.demands  # release, disclose, investigate: at least one read


def test_french_letter_is_an_intervention_and_a_case(corpus: Store) -> None:
    letter = _by_addressee(corpus, "Claire Dumoulin")
    assert letter.date == "2024-05-06"
    assert "Sophie Marchand" in letter.names("sender")
    assert len(letter.names("copy")) == 1
    assert "Karim Belhadj" in letter.names("on_behalf")
    assert any(c.name == "Karim Belhadj" for c in cases.list_cases(corpus))


def test_one_jrm_party_across_both_letters_apart_from_the_rahimi_sisters(corpus: Store) -> None:
    rows = fact_store.load_mentions(corpus)
    with corpus.engine.connect() as conn:
        doc_of = dict(conn.execute(select(mentions.c.id, mentions.c.document_id)).all())
    jrm = [r for r in rows if "JRM" in r.name or "Rahayi" in r.name or "Rahai-yi" in r.name]
    assert len({doc_of[r.id] for r in jrm}) == 2, "both letters name the movement"
    parties = {r.party_id for r in jrm}
    assert len(parties) == 1 and None not in parties
    sisters = {r.name: r.party_id for r in rows if r.name in ("Leyla Rahimi", "Laleh Rahimi")}
    assert len(set(sisters.values())) == 2
    assert not set(sisters.values()) & parties


def test_both_transliterations_are_spellings_of_the_jrm_party(corpus: Store) -> None:
    names = {r.name for r in fact_store.load_mentions(corpus)}
    assert {"Jonbesh-e Rahayi-ye Melli (JRM)", "Jonbish-i Rahai-yi Milli (JRM)"} <= names


def test_second_family_letter_with_the_same_paragraphs_stays_apart(corpus: Store) -> None:
    justice = _by_addressee(corpus, "Viktor Lantos")
    varga = _by_addressee(corpus, "Helena Varga")
    assert justice.id != varga.id
    assert len(justice.source_documents) == 1


def test_rebuilding_the_corpus_adds_nothing(corpus: Store) -> None:
    report = cases.build_from_extractions(corpus)
    assert (report.mentions, report.parties, report.interventions, report.sources) == (0, 0, 0, 0)
    assert cases.suggest_cases(corpus) == []


def test_copies_of_a_letter_add_no_events_of_their_own(corpus: Store) -> None:
    repeated = {d for i in cases.list_interventions(corpus) for d in i.source_documents[1:]}
    assert repeated  # the corpus has a repost
    for case in cases.list_cases(corpus):
        timeline = cases.show_case(corpus, case.id).timeline
        events = [t for t in timeline if t.what == "event"]
        assert not any(t.document_id in repeated for t in events)

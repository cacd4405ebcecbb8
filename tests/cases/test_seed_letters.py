"""'Done when' of issue 5 on the two shared example letters, ingested and extracted for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil import cases
from vigil.ingest.extraction import extract_stored
from vigil.ingest.pipeline import ingest
from vigil.model import InterventionSummary
from vigil.settings import Settings
from vigil.store import Store
from vigil.store import facts as fact_store

from ..conftest import require

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def seeded(store: Store, settings: Settings, shared: Path) -> Store:
    letters = [shared / "eval" / "dev" / f"seed-{n}.txt" for n in ("000", "004")]
    require(all(p.is_file() for p in letters), "the example letters in shared/eval/dev")
    ingest(store, settings, letters)
    extract_stored(store, settings, "pending")
    cases.build_from_extractions(store)
    cases.suggest_cases(store)
    return store


def _by_addressee(store: Store, name: str) -> InterventionSummary:
    [found] = [i for i in cases.list_interventions(store) if name in i.names("addressee")]
    return found


def test_case_for_amir_parvizi(seeded: Store) -> None:
    [case] = [c for c in cases.list_cases(seeded) if c.name == "Amir Parvizi"]
    view = cases.show_case(seeded, case.id)
    assert [m.name for m in view.case.members] == ["Amir Parvizi"]
    assert {i.what for i in view.timeline} == {"event", "intervention"}


def test_family_letter_to_the_interior_minister_with_six_copies(seeded: Store) -> None:
    letter = _by_addressee(seeded, "Bledar Çuçi")
    assert letter.names("sender") == ["family of Amir Parvizi"]
    assert len(letter.names("copy")) == 6
    assert "Amir Parvizi" in letter.names("on_behalf")
    # The letter gives no date: it takes the day it was recorded, flagged.
    assert letter.date is not None and letter.date_is_recorded


def test_two_earlier_appeals_without_response_are_unanswered(seeded: Store) -> None:
    unanswered = cases.list_interventions(seeded, unanswered=True)
    earlier = [i for i in unanswered if i.status == "no_response"]
    addressees = sorted(name for i in earlier for name in i.names("addressee"))
    # 'the Prime Minister and other human rights organizations of Albania': the place
    # the list ends with applies to the bare office too.
    assert addressees == ["Prime Minister of Albania", "human rights organizations of Albania"]
    assert all(i.names("sender") == ["family of Amir Parvizi"] for i in earlier)


def test_mehr_letter_to_chirac_with_a_copy_to_levitte(seeded: Store) -> None:
    letter = _by_addressee(seeded, "Jacques Chirac")
    assert letter.names("copy") == ["Jean-David Levitte"]
    assert "Mohammad Parvin" in letter.names("sender")


def test_mehr_is_a_sender_of_the_chirac_letter(seeded: Store) -> None:
    assert "MEHR" in _by_addressee(seeded, "Jacques Chirac").names("sender")


def test_one_mek_party_across_both_letters_apart_from_the_rajavis(seeded: Store) -> None:
    rows = fact_store.load_mentions(seeded)
    spellings = {"Mojahedin-e Khalgh (MEK)", "Mujahedin-e Khalq (MEK)"}
    mek = {r.party_id for r in rows if r.name in spellings}
    assert len(mek) == 1 and None not in mek
    rajavis = {r.party_id for r in rows if r.name in ("Maryam Rajavi", "Massoud Rajavi")}
    assert len(rajavis) == 2 and None not in rajavis and not (rajavis & mek)


def test_rebuilding_the_letters_adds_nothing(seeded: Store) -> None:
    report = cases.build_from_extractions(seeded)
    assert (report.mentions, report.parties, report.interventions) == (0, 0, 0)
    assert cases.suggest_cases(seeded) == []


def test_the_two_example_letters_give_two_cases_and_no_junk(seeded: Store) -> None:
    # one person and one specific group; no bare nouns, quantities or officials
    assert len(cases.list_cases(seeded)) == 2

"""The tracker's rows, filters, sorting and pages, and the dashboard's agenda, over
synthetic letters with known answers (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from vigil.cases import set_fields
from vigil.cases.agenda import agenda
from vigil.cases.tracker import TrackerFilter, party_casework, tracker
from vigil.store import Store
from vigil.store.links import document_links

from .tracker_letters import (
    KENYA_JUSTICE,
    PERU_INTERIOR,
    SIGNATORIES,
    Letters,
    record_letters,
)

TODAY = date(2026, 3, 15)


@pytest.fixture
def letters(store: Store) -> Letters:
    return record_letters(store, TODAY)


def _ids(store: Store, **wanted: object) -> set[int]:
    found = tracker(store, TrackerFilter(**wanted), today=TODAY, per_page=1000)  # type: ignore[arg-type]
    return {r.item.id for r in found.rows}


def test_rows_say_about_whom_which_case_and_country(store: Store, letters: Letters) -> None:
    rows = {r.item.id: r for r in tracker(store, TrackerFilter(), today=TODAY).rows}
    first = rows[letters.overdue_justice]
    assert [p.name for p in first.about] == ["Lena Varga"]
    assert [c.id for c in first.cases] == [letters.case]
    assert first.countries == ["Kenya"]
    assert rows[letters.answered].countries == ["Peru"]
    assert rows[letters.answered].cases == []
    assert len(rows[letters.open_letter].item.names("sender")) == SIGNATORIES


def test_filters_by_country_case_person_overdue_and_authority(
    store: Store, letters: Letters
) -> None:
    assert _ids(store) == letters.everything
    assert _ids(store, country="Kenya") == {
        letters.overdue_justice, letters.due_soon, letters.open_letter
    }  # fmt: skip
    assert _ids(store, country="Peru") == {letters.answered, letters.later}
    assert _ids(store, country="Chile") == set()
    assert _ids(store, case=letters.case) == {letters.overdue_justice, letters.due_soon}
    assert _ids(store, person=letters.tomas) == {letters.answered, letters.later}
    assert _ids(store, overdue=True) == letters.overdue
    assert _ids(store, authority="interior OF peru") == {letters.answered}
    peru = tracker(store, TrackerFilter(), today=TODAY).addressees
    [interior] = [p.party_id for p in peru if "interior" in p.name.casefold()]
    assert _ids(store, addressee=interior) == {letters.answered}
    assert _ids(store, addressee=letters.tomas) == set()  # spoken for, not written to
    assert _ids(store, status="answered") == {letters.answered}
    assert _ids(store, needs_date=True) == set()  # every letter by hand carries its date
    assert _ids(store, country="Kenya", overdue=True) == letters.overdue


def test_sorting_by_a_column_both_ways(store: Store, letters: Letters) -> None:
    def order(sort: str, descending: bool = False) -> list[int]:
        page = tracker(store, TrackerFilter(), sort=sort, descending=descending, today=TODAY)
        return [r.item.id for r in page.rows]

    by_date = [letters.open_letter, letters.answered, letters.overdue_justice,
               letters.due_soon, letters.later]  # fmt: skip
    assert order("date") == by_date
    assert order("date", descending=True) == by_date[::-1]
    assert order("due") == by_date  # 30 days after each date
    assert order("responses", descending=True)[0] == letters.answered
    # letters with no case sort last in either direction
    assert set(order("case")[:2]) == {letters.overdue_justice, letters.due_soon}
    assert set(order("case", descending=True)[:2]) == {letters.overdue_justice, letters.due_soon}


def test_pages_hold_the_totals(store: Store, letters: Letters) -> None:
    pages = [tracker(store, TrackerFilter(), page=n, per_page=2, today=TODAY) for n in (1, 2, 3)]
    assert [len(p.rows) for p in pages] == [2, 2, 1]
    assert {p.total for p in pages} == {5} and {p.pages for p in pages} == {3}
    assert {r.item.id for p in pages for r in p.rows} == letters.everything
    beyond = tracker(store, TrackerFilter(), page=9, per_page=2, today=TODAY)
    assert beyond.page == 3 and len(beyond.rows) == 1
    kenya = tracker(store, TrackerFilter(country="Kenya"), per_page=2, today=TODAY)
    assert (kenya.total, kenya.everything, kenya.pages) == (3, 5, 2)
    assert kenya.countries == ["Kenya", "Peru"]  # the choices stay whole


def test_agenda_counts_overdue_due_this_week_answers_and_rates(
    store: Store, letters: Letters
) -> None:
    found = agenda(store, TODAY)
    assert [r.item.id for r in found.overdue] == [letters.open_letter, letters.overdue_justice]
    assert [r.item.id for r in found.due_this_week] == [letters.due_soon]
    assert [(a.intervention_id, a.type) for a, _row in found.recent_responses] == [
        (letters.answered, "answer")
    ]
    rates = {r.name: (r.letters, r.answered, r.percent) for r in found.rates}
    assert rates[KENYA_JUSTICE] == (2, 0, 0)
    assert rates[PERU_INTERIOR] == (1, 1, 100)
    assert found.open_cases == 1 and found.letters == 5
    assert found.open_cases_by == {"not recorded": 1}


def test_open_cases_are_counted_by_situation(store: Store, letters: Letters) -> None:
    set_fields(store, letters.case, {"situation": "detained"})
    assert agenda(store, TODAY).open_cases_by == {"detained": 1}


def test_a_party_page_gathers_its_letters_by_role(store: Store, letters: Letters) -> None:
    lena = party_casework(store, letters.lena, TODAY)
    assert {k: [r.item.id for r in v] for k, v in lena.letters.items()} == {
        "on_behalf": [letters.overdue_justice, letters.due_soon]
    }
    from vigil import cases

    ministry = next(p.id for p in cases.list_parties(store) if p.name == KENYA_JUSTICE)
    received = party_casework(store, ministry, TODAY).letters
    assert [r.item.id for r in received["addressee"]] == [letters.overdue_justice, letters.due_soon]


def test_a_document_lists_the_letters_cases_and_parties_it_feeds(letter_store: Store) -> None:
    from vigil import cases

    (doc_id,) = letter_store.document_ids()
    links = document_links(letter_store, doc_id)
    assert len(links.interventions) == 2  # the letter and the earlier one it mentions
    assert [c.name for c in links.cases] == [c.name for c in cases.list_cases(letter_store)]
    names = {p.name for p in links.parties}
    assert {"Omar Benali", "Ana Lindqvist", "Clara Jensen"} <= names
    assert len(names) == len(links.parties)  # each party once


def test_documents_are_found_by_title_or_file_name(letter_store: Store) -> None:
    from vigil.model import ParsedDocument
    from vigil.store.lookup import find_documents

    text = "A note."
    parsed = ParsedDocument(format="txt", text=text, full_text=text, title=None)
    note = letter_store.add_document(parsed, text.encode(), locator="/data/Field_Note 100%.txt")
    assert find_documents(letter_store, "field_note", 10) == [(note, "Field_Note 100%.txt")]
    assert find_documents(letter_store, "100%", 10) == [(note, "Field_Note 100%.txt")]
    assert find_documents(letter_store, "e_d", 10) == []  # not "eld": "_" is only itself
    assert [t for _i, t in find_documents(letter_store, ".TXT", 10)] == [
        "Field_Note 100%.txt", "letter.txt"
    ]  # fmt: skip

"""Correcting the case file by hand: dismiss, rename, re-kind, re-date; each in the change log."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from vigil import cases
from vigil.errors import CaseError, InvalidIntervention
from vigil.model import ParsedDocument, TimelineItem
from vigil.store import Store
from vigil.store.suggestions import save_extraction
from vigil.store.tables import changes

from .conftest import LETTER, letter_record


def _logged(store: Store) -> list[tuple[str, str, dict[str, object]]]:
    c = changes.c
    with store.engine.connect() as conn:
        return [
            (r.action, r.entity, json.loads(r.detail))
            for r in conn.execute(select(c.action, c.entity, c.detail).order_by(c.id))
        ]


def _party(store: Store, name: str) -> int:
    [found] = [p for p in cases.list_parties(store) if p.name == name]
    return found.id


def test_a_dismissed_case_is_hidden_and_never_suggested_again(letter_store: Store) -> None:
    [case] = cases.list_cases(letter_store)
    cases.dismiss_case(letter_store, case.id)
    assert cases.list_cases(letter_store) == []
    assert [c.review_state for c in cases.list_cases(letter_store, dismissed=True)] == ["rejected"]
    assert cases.suggest_cases(letter_store) == []
    assert ("dismiss", "case", {"fields": ["status", "review_state"]}) in _logged(letter_store)


def test_a_dismissed_party_gets_no_case(store: Store) -> None:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, letter_record())
    cases.build_from_extractions(store)
    party = _party(store, "Omar Benali")
    cases.dismiss_party(store, party)
    [summary] = [p for p in cases.list_parties(store) if p.id == party]
    assert summary.review_state == "rejected"
    assert cases.suggest_cases(store) == []
    assert ("edit", "party", {"fields": ["review_state"]}) in _logged(store)


def test_rename_keeps_the_old_name_as_a_spelling(letter_store: Store) -> None:
    party = _party(letter_store, "Omar Benali")
    cases.rename_party(letter_store, party, "Omar B. Benali")
    view = cases.show_party(letter_store, party)
    assert view.party.name == "Omar B. Benali"
    assert {"Omar Benali", "Omar B. Benali"} <= {n.name for n in view.names}
    assert ("edit", "party", {"fields": ["name"]}) in _logged(letter_store)


def test_kind_must_come_from_the_vocabulary(letter_store: Store) -> None:
    party = _party(letter_store, "Nordic Detention Watch")
    cases.set_party_kind(letter_store, party, "group")
    assert cases.show_party(letter_store, party).party.kind == "group"
    with pytest.raises(CaseError):
        cases.set_party_kind(letter_store, party, "planet")


def test_an_intervention_date_is_corrected_and_its_due_date_follows(letter_store: Store) -> None:
    [letter] = [i for i in cases.list_interventions(letter_store) if i.key == "letter"]
    cases.set_date(letter_store, letter.id, "2023-11-03", follow_up_days=10)
    item = cases.get_intervention(letter_store, letter.id)
    assert (item.date, item.date_precision, item.due_date) == ("2023-11-03", "day", "2023-11-13")
    assert not item.date_is_recorded and not cases.needs_a_date(item)
    cases.set_date(letter_store, letter.id, "2023-11")
    assert cases.get_intervention(letter_store, letter.id).date_precision == "month"
    assert ("edit", "intervention") in {(a, e) for a, e, _ in _logged(letter_store)}


@pytest.mark.parametrize("bad", ["yesterday", "2023-13-01", "03/11/2023", ""])
def test_a_bad_date_changes_nothing(letter_store: Store, bad: str) -> None:
    [letter] = [i for i in cases.list_interventions(letter_store) if i.key == "letter"]
    with pytest.raises(InvalidIntervention):
        cases.set_date(letter_store, letter.id, bad)
    assert cases.get_intervention(letter_store, letter.id).date == letter.date


def test_parties_list_by_name_finds_the_spellings_resolution_joins(letter_store: Store) -> None:
    party = _party(letter_store, "Omar Benali")
    assert party in {p.id for p in cases.list_parties(letter_store, query="Omar Ben Ali")}
    assert party in {p.id for p in cases.list_parties(letter_store, query="benali")}
    assert party not in {p.id for p in cases.list_parties(letter_store, query="Karim Benali")}


def test_an_event_added_by_hand_joins_the_timeline_and_a_removed_one_leaves(
    letter_store: Store,
) -> None:
    [case] = cases.list_cases(letter_store)
    party = case.members[0].party_id
    doc = cases.show_case(letter_store, case.id).documents[0]
    added = cases.add_event(
        letter_store, document_id=doc, type_="detention", subjects=[party], when="2024-04"
    )
    timeline = cases.show_case(letter_store, case.id).timeline
    assert added in {t.id for t in timeline if t.what == "event"}
    cases.remove_event(letter_store, added)
    cases.update_case_file(letter_store)
    timeline = cases.show_case(letter_store, case.id).timeline
    assert added not in {t.id for t in timeline if t.what == "event"}
    assert ("remove", "event", {"fields": ["review_state"]}) in _logged(letter_store)
    with pytest.raises(CaseError):
        cases.add_event(letter_store, document_id=doc, type_="picnic", subjects=[party])


def test_addressees_and_people_spoken_for_are_edited_and_stay_edited(letter_store: Store) -> None:
    [letter] = [i for i in cases.list_interventions(letter_store) if i.key == "letter"]
    minister = _party(letter_store, "Ana Lindqvist")
    watch = _party(letter_store, "Nordic Detention Watch")
    assert cases.unlink_party(letter_store, letter.id, "addressee", minister) == 1
    assert cases.link_party(letter_store, letter.id, "copy", minister)
    assert not cases.link_party(letter_store, letter.id, "copy", minister)
    assert cases.link_party(letter_store, letter.id, "on_behalf", watch)
    cases.update_case_file(letter_store)
    item = cases.get_intervention(letter_store, letter.id)
    assert "Ana Lindqvist" not in item.names("addressee")
    assert "Ana Lindqvist" in item.names("copy")
    assert "Nordic Detention Watch" in item.names("on_behalf")
    with pytest.raises(InvalidIntervention):
        cases.link_party(letter_store, letter.id, "friend", watch)


def test_an_event_is_edited_with_its_actors_and_stays_edited(letter_store: Store) -> None:
    [case] = cases.list_cases(letter_store)
    person = case.members[0].party_id
    police = _party(letter_store, "the police")
    doc = cases.show_case(letter_store, case.id).documents[0]
    added = cases.add_event(
        letter_store, document_id=doc, type_="detention", subjects=[person], actors=[police]
    )
    [extracted] = [
        t.id
        for t in cases.show_case(letter_store, case.id).timeline
        if t.what == "event" and t.id != added
    ]
    changed = cases.edit_event(
        letter_store, extracted, type_="detention", when="2024-04-03", place=" Kumla ",
        actors=[police],
    )  # fmt: skip
    assert changed == ["type", "date", "place", "review_state"]  # the precision was "day"
    cases.update_case_file(letter_store)
    timeline = {
        t.id: t for t in cases.show_case(letter_store, case.id).timeline if t.what == "event"
    }
    edited = timeline[extracted]
    assert (edited.label, edited.date, edited.date_precision, edited.place) == (
        "detention", "2024-04-03", "day", "Kumla",
    )  # fmt: skip
    assert edited.review_state == "confirmed"
    assert {(p.role, p.party_id) for p in timeline[added].parties} == {
        ("subject", person),
        ("actor", police),
    }
    assert ("edit", "event", {"fields": changed, "parties": []}) in _logged(letter_store)
    with pytest.raises(CaseError):
        cases.edit_event(letter_store, extracted, type_="detention", when="spring")
    with pytest.raises(CaseError):
        cases.edit_event(letter_store, extracted, type_="picnic")


def test_demands_are_set_exactly_and_stay_set(letter_store: Store) -> None:
    [letter] = [i for i in cases.list_interventions(letter_store) if i.key == "letter"]
    assert letter.demands == ["release"]
    assert cases.set_demands(letter_store, letter.id, ["investigate", "release"]) == (
        ["investigate"],
        [],
    )
    assert cases.set_demands(letter_store, letter.id, ["investigate"]) == ([], ["release"])
    assert cases.set_demands(letter_store, letter.id, ["investigate"]) == ([], [])
    cases.update_case_file(letter_store)
    assert cases.get_intervention(letter_store, letter.id).demands == ["investigate"]
    logged = [d for a, e, d in _logged(letter_store) if (a, e) == ("edit", "intervention")]
    assert logged == [
        {"fields": ["demands"], "added": ["investigate"], "removed": []},
        {"fields": ["demands"], "added": [], "removed": ["release"]},
    ]
    with pytest.raises(InvalidIntervention):
        cases.set_demands(letter_store, letter.id, ["pardon"])


def test_reply_suggestions_of_one_letter_or_one_document(letter_store: Store) -> None:
    from vigil.errors import UnknownRecord
    from vigil.store.replies import add_reply_suggestion

    [letter] = [i for i in cases.list_interventions(letter_store) if i.key == "letter"]
    [prior] = [i for i in cases.list_interventions(letter_store) if i.key != "letter"]
    parsed = ParsedDocument(format="txt", text="A reply.", full_text="A reply.")
    doc = letter_store.add_document(parsed, b"A reply.", locator="reply.txt")
    reply = add_reply_suggestion(letter_store, letter.id, doc, "says_it_answers")
    assert [s.id for s in cases.reply_suggestions(letter_store, intervention_id=letter.id)] == [
        reply
    ]
    assert cases.reply_suggestions(letter_store, intervention_id=prior.id) == []
    assert [s.id for s in cases.reply_suggestions(letter_store, document_id=doc)] == [reply]
    assert cases.reply_of(letter_store, letter.id, reply).document_id == doc
    with pytest.raises(UnknownRecord):
        cases.reply_of(letter_store, prior.id, reply)


def _event(store: Store, case_id: int, event_id: int) -> list[TimelineItem]:
    timeline = cases.show_case(store, case_id).timeline
    return [t for t in timeline if t.what == "event" and t.id == event_id]


def test_an_event_entered_by_hand_with_no_document_says_who_and_when(letter_store: Store) -> None:
    [case] = cases.list_cases(letter_store)
    party = case.members[0].party_id
    added = cases.add_event(
        letter_store, type_="detention", subjects=[party], when="2024-05", actor="clara"
    )
    cases.update_case_file(letter_store)  # a rebuild keeps it
    [item] = _event(letter_store, case.id, added)
    assert item.document_id is None and item.quote is None
    assert item.entered_by == "clara" and item.entered_at is not None
    assert [p.party_id for p in item.parties if p.role == "subject"] == [party]
    assert (
        "add",
        "event",
        {
            "document_id": None,
            "subjects": [party],
            "actors": [],
            "fields": ["type", "date", "place"],
        },
    ) in _logged(letter_store)
    cases.edit_event(letter_store, added, type_="arrest", subjects=[party], actors=[party])
    [item] = _event(letter_store, case.id, added)
    assert item.label == "arrest" and {p.role for p in item.parties} == {"subject", "actor"}
    # the party's page still lists its mentions in documents only
    assert all(m.document_id is not None for m in cases.show_party(letter_store, party).mentions)


def test_migration_20_lets_events_and_mentions_have_no_document(store: Store) -> None:
    from sqlalchemy import inspect

    from vigil.store.migrations import MIGRATIONS

    [twenty] = [m for m in MIGRATIONS if m.version == 20]
    with store.engine.begin() as conn:  # the store as it was before migration 20
        for table in ("events", "mentions"):
            conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN document_id SET NOT NULL")
        for column in ("entered_by", "entered_at"):
            conn.exec_driver_sql(f"ALTER TABLE events DROP COLUMN {column}")
    with store.engine.begin() as conn:
        twenty.apply(conn, None)  # type: ignore[arg-type]  # the dialect is not used
        twenty.apply(conn, None)  # type: ignore[arg-type]  # again: nothing to do
    found = inspect(store.engine)
    for table in ("events", "mentions"):
        [column] = [c for c in found.get_columns(table) if c["name"] == "document_id"]
        assert column["nullable"]
    assert {"entered_by", "entered_at"} <= {c["name"] for c in found.get_columns("events")}

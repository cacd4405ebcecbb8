"""Cases and interventions from a hand-made extraction: idempotent, sourced, checked."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from vigil import cases
from vigil.errors import InvalidMerge, InvalidResponse, InvalidStatus, UnknownRecord
from vigil.store import Store
from vigil.store import case_tables as t
from vigil.store.tables import changes


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
            for table in (*t.TABLES, changes)
        }


def _letter(store: Store) -> int:
    return next(i.id for i in cases.list_interventions(store) if i.key == "letter")


def test_building_twice_adds_nothing(letter_store: Store) -> None:
    before = _counts(letter_store)
    report = cases.build_from_extractions(letter_store)
    assert cases.suggest_cases(letter_store) == []
    assert (report.mentions, report.parties, report.events, report.interventions) == (0, 0, 0, 0)
    assert _counts(letter_store) == before


def test_letter_becomes_an_intervention_with_parties_demands_and_due_date(
    letter_store: Store,
) -> None:
    letter = cases.get_intervention(letter_store, _letter(letter_store))
    assert letter.date == "2024-05-12" and not letter.date_is_recorded
    assert letter.due_date == "2024-06-11"
    assert letter.status == "sent" and letter.review_state == "suggested"
    assert letter.names("sender") == ["Clara Jensen", "Nordic Detention Watch"]
    assert letter.names("addressee") == ["Ana Lindqvist"]
    assert letter.names("on_behalf") == ["Omar Benali"]
    assert letter.demands == ["release"]


def test_prior_appeal_keeps_the_status_the_text_gives(letter_store: Store) -> None:
    prior = [i for i in cases.list_interventions(letter_store) if i.key != "letter"]
    assert [(i.names("addressee"), i.status) for i in prior] == [
        (["Minister of Justice"], "no_response")
    ]
    unanswered = cases.list_interventions(letter_store, unanswered=True)
    assert prior[0].id in {i.id for i in unanswered}


def test_case_show_sources_every_fact(letter_store: Store) -> None:
    [case] = cases.list_cases(letter_store)
    assert case.name == "Omar Benali" and case.review_state == "suggested"
    view = cases.show_case(letter_store, case.id)
    event = next(i for i in view.timeline if i.what == "event")
    assert event.label == "arrest" and event.date == "2024-04-02"
    assert event.date_precision == "day"
    assert event.alleged_by == ["Clara Jensen"]
    assert event.quote is not None and event.quote.text == "arrested by the police in Malmo"
    dates = [i.date for i in view.timeline if i.date]
    assert dates == sorted(dates)
    roles = {(p.name, p.role) for p in view.parties}
    expected = {("Omar Benali", "at_risk"), ("the police", "actor"), ("Ana Lindqvist", "addressee")}
    assert expected <= roles


def test_status_is_a_history_and_a_response_settles_the_letter(letter_store: Store) -> None:
    letter = _letter(letter_store)
    cases.set_status(letter_store, letter, "acknowledged")
    assert cases.get_intervention(letter_store, letter).status == "acknowledged"
    cases.respond(letter_store, letter, when="2024-06-01", type_="answer", summary="s")
    item = cases.get_intervention(letter_store, letter)
    assert item.status == "answered" and len(item.responses) == 1
    assert letter not in {i.id for i in cases.list_interventions(letter_store, unanswered=True)}
    with letter_store.engine.connect() as conn:
        statuses = list(conn.scalars(
            select(t.intervention_status_history.c.status)
            .where(t.intervention_status_history.c.intervention_id == letter)
            .order_by(t.intervention_status_history.c.id)
        ))  # fmt: skip
        logged = [json.loads(d) for d in conn.scalars(select(changes.c.detail))]
    assert statuses == ["sent", "acknowledged", "answered"]
    assert {"response_id": 1, "fields": ["date", "type", "summary"]} in logged


def test_overdue_lists_open_letters_past_their_due_date(letter_store: Store) -> None:
    from datetime import date

    letter = _letter(letter_store)
    late = cases.list_interventions(letter_store, overdue=True, today=date(2024, 7, 1))
    early = cases.list_interventions(letter_store, overdue=True, today=date(2024, 6, 1))
    assert [i.id for i in late] == [letter] and early == []


def test_case_new_add_merge_close(letter_store: Store) -> None:
    [suggested] = cases.list_cases(letter_store)
    other = cases.new_case(letter_store, "Hand-made")
    assert cases.add_to_case(letter_store, other, document_id=1)
    assert not cases.add_to_case(letter_store, other, document_id=1)
    cases.merge_cases(letter_store, suggested.id, other)
    view = cases.show_case(letter_store, suggested.id)
    assert view.documents == [1]
    merged = cases.show_case(letter_store, other)
    assert merged.case.status == "merged" and merged.case.merged_into == suggested.id
    cases.close_case(letter_store, suggested.id)
    assert cases.show_case(letter_store, suggested.id).case.status == "closed"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: cases.show_case(s, 99), UnknownRecord),
        (lambda s: cases.add_to_case(s, 99, party_id=1), UnknownRecord),
        (lambda s: cases.add_to_case(s, 1, party_id=999), UnknownRecord),
        (lambda s: cases.add_to_case(s, 1, document_id=999), UnknownRecord),
        (lambda s: cases.merge_cases(s, 1, 1), InvalidMerge),
        (lambda s: cases.merge_cases(s, 1, 99), UnknownRecord),
        (lambda s: cases.close_case(s, 99), UnknownRecord),
        (lambda s: cases.set_status(s, 1, "forgotten"), InvalidStatus),
        (lambda s: cases.set_status(s, 99, "answered"), UnknownRecord),
        (lambda s: cases.respond(s, 1, when="2024-05-01", type_="answer"), InvalidResponse),
        (lambda s: cases.respond(s, 1, when="01/06/2024", type_="answer"), InvalidResponse),
        (lambda s: cases.respond(s, 1, when="2024-06-01", type_="shrug"), InvalidStatus),
        (lambda s: cases.respond(s, 99, when="2024-06-01", type_="answer"), UnknownRecord),
        (lambda s: cases.respond(s, 1, when="2024-06-01", type_="answer", document_id=99),
         UnknownRecord),
    ],
    ids=["show-unknown", "add-unknown-case", "add-unknown-party", "add-unknown-document",
         "merge-into-itself", "merge-unknown", "close-unknown", "status-not-in-vocabulary",
         "status-unknown-intervention", "response-before-letter", "response-bad-date",
         "response-unknown-type", "response-unknown-intervention", "response-unknown-document"],
)  # fmt: skip
def test_bad_input_changes_nothing(letter_store: Store, call: object, error: type) -> None:
    assert _letter(letter_store) == 1
    before = _counts(letter_store)
    with pytest.raises(error):
        call(letter_store)  # type: ignore[operator]
    assert _counts(letter_store) == before


def test_merged_case_cannot_be_merged_again(letter_store: Store) -> None:
    other = cases.new_case(letter_store, "Second")
    cases.merge_cases(letter_store, 1, other)
    before = _counts(letter_store)
    with pytest.raises(InvalidMerge, match="merged into case 1"):
        cases.merge_cases(letter_store, 1, other)
    assert _counts(letter_store) == before


def test_cases_are_suggested_for_the_person_at_risk_only(letter_store: Store) -> None:
    cases.suggest_cases(letter_store)
    assert [c.name for c in cases.list_cases(letter_store)] == ["Omar Benali"]


def test_updating_for_some_documents_builds_only_theirs(store: Store) -> None:
    from vigil.model import ParsedDocument
    from vigil.store.suggestions import save_extraction

    from .conftest import LETTER, letter_record

    ids = []
    for n in range(2):
        text = LETTER + f"\nRef {n}\n" + "filler words " * (40 * n)
        parsed = ParsedDocument(format="txt", text=text, full_text=text)
        ids.append(store.add_document(parsed, text.encode(), locator=f"l{n}.txt"))
        save_extraction(store, ids[-1], letter_record())
    first = cases.update_case_file(store, [ids[0]])
    assert first.build.documents == 1
    assert [c.name for c in cases.list_cases(store)] == ["Omar Benali"]
    assert {i.document_id for i in cases.list_interventions(store)} == {ids[0]}
    second = cases.update_case_file(store, [ids[1]])
    assert second.build.documents == 1 and second.cases == []


def test_a_titled_short_form_of_the_addressee_joins_her_party(store: Store) -> None:
    from dataclasses import replace

    from vigil.model import ParsedDocument
    from vigil.store.suggestions import save_extraction

    from .conftest import LETTER, letter_record

    record = letter_record()
    record = replace(
        record,
        suggestions=[
            *record.suggestions,
            replace(record.suggestions[2], field="persons", value="Minister Lindqvist"),
        ],
    )
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, record)
    cases.build_from_extractions(store)
    found = [p for p in cases.list_parties(store, query="Lindqvist")]
    assert [p.name for p in found] == ["Ana Lindqvist"]
    assert {"Ana Lindqvist", "Minister Lindqvist"} <= {
        n.name for n in cases.show_party(store, found[0].id).names
    }

"""The review queue as decisions: each grouping rule, the order, and settling by agreement."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer
from sqlalchemy import select
from typer.testing import CliRunner

from vigil.cases import queue
from vigil.cases.review import (
    decide,
    decide_value,
    queue_stats,
    review_items,
    same_value,
    settle,
)
from vigil.cli.review import register as register_review
from vigil.errors import UnknownRecord
from vigil.model import ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store.suggestions import (
    confirmed_names,
    get_extraction,
    review,
    save_extraction,
    waiting_suggestions,
)
from vigil.store.tables import changes

from .conftest import letter_record

_ids = iter(range(1, 10_000))


def _s(field: str, value: Any, document: int = 1) -> SuggestionRecord:
    return SuggestionRecord(
        field, value, [Span(0, 1)], "test", "rule", 0.7, id=next(_ids), document_id=document
    )


def _fields(decision: queue.Decision) -> list[str]:
    return [s.field for s in decision.members]


def test_the_same_name_is_one_decision_headed_by_the_person_at_risk() -> None:
    items = [
        _s("persons", "Omar Benali"),
        _s("persons", "Benali"),
        _s("persons_at_risk", "Mr. Omar Benali"),
    ]
    [decision] = queue.document_decisions(items)
    assert decision.rule == "same_name"
    assert decision.head.field == "persons_at_risk"
    assert len(decision.members) == 3


def test_a_bare_surname_two_people_share_stays_its_own_decision() -> None:
    items = [
        _s("persons_at_risk", "Jane Doe"),
        _s("persons_at_risk", "John Doe"),
        _s("persons_at_risk", "Doe"),
    ]
    assert len(queue.document_decisions(items)) == 3


def test_a_role_and_its_mention_join_across_fields() -> None:
    items = [
        _s("addressees", {"name": "Ana Lindqvist", "kind": "person"}),
        _s("persons", "Ana Lindqvist"),
    ]
    [decision] = queue.document_decisions(items)
    assert _fields(decision) == ["addressees", "persons"]


def test_signatories_are_one_decision_from_cosigners_on() -> None:
    names = ["Ada Kern", "Bo Lund", "Cy Moss", "Di Nash"]
    few = [_s("senders", {"name": n}) for n in names[: queue.COSIGNERS - 1]]
    many = [_s("senders", {"name": n}, document=2) for n in names[: queue.COSIGNERS]]
    assert len(queue.document_decisions(few)) == queue.COSIGNERS - 1
    [decision] = queue.document_decisions(many)
    assert decision.rule == "signatories"


def test_names_in_passing_are_one_decision_but_not_a_party_to_the_letter() -> None:
    items = [
        _s("senders", {"name": "Clara Jensen"}),
        _s("persons", "Clara Jensen"),
        _s("persons", "Erik Holm"),
        _s("organizations", "Harbour Union"),
    ]
    decisions = queue.document_decisions(items)
    passing = [d for d in decisions if d.rule == "in_passing"]
    assert [sorted(_fields(d)) for d in passing] == [["organizations", "persons"]]
    assert any(_fields(d) == ["senders", "persons"] for d in decisions)


def test_details_are_one_decision_per_document() -> None:
    items = [
        _s("locations", "Malmo"),
        _s("legal_references", "Article 9"),
        _s("contacts.phones", "+00 1234"),
        _s("closing", "Yours"),
        _s("locations", "Lund", document=2),
    ]
    decisions = queue.queue(items)
    assert [(d.document_id, d.rule, len(d.members)) for d in decisions] == [
        (1, "details", 4),
        (2, "single", 1),
    ]


def test_events_of_one_type_sharing_a_subject_are_one_decision() -> None:
    arrest = {"type": "arrest", "subjects": ["Omar Benali"], "actors": []}
    again = {"type": "arrest", "subjects": ["Mr Omar Benali", "Sara Vik"], "actors": []}
    other = {"type": "arrest", "subjects": ["Lena Berg"], "actors": []}
    trial = {"type": "trial", "subjects": ["Omar Benali"], "actors": []}
    decisions = queue.document_decisions([_s("events", v) for v in (arrest, again, other, trial)])
    assert sorted(len(d.members) for d in decisions) == [1, 1, 2]


def test_the_same_demand_twice_is_one_decision() -> None:
    items = [_s("demands", "release"), _s("demands", "release"), _s("demands", "fair_trial")]
    assert sorted(len(d.members) for d in queue.document_decisions(items)) == [1, 2]


def test_the_queue_puts_casework_first_and_keeps_documents_together() -> None:
    plain = [_s("persons", "Erik Holm", document=1), _s("locations", "Lund", document=1)]
    letter = [
        _s("demands", "release", document=2),
        _s("prior_interventions", {"to": "Ministry"}, document=2),
        _s("events", {"type": "arrest", "subjects": ["Omar Benali"]}, document=2),
        _s("addressees", {"name": "Ana Lindqvist"}, document=2),
        _s("persons_at_risk", "Omar Benali", document=2),
    ]
    order = [(d.document_id, d.head.field) for d in queue.queue(plain + letter)]
    assert order == [
        (2, "persons_at_risk"),
        (2, "addressees"),
        (2, "events"),
        (2, "demands"),
        (2, "prior_interventions"),
        (1, "persons"),
        (1, "locations"),
    ]


def test_agreeing_takes_the_decision_on_the_same_field_and_value() -> None:
    waiting = [
        _s("persons", "Erik Holm"),
        _s("persons", "Harbour"),
        _s("organizations", "Erik Holm"),
    ]
    decided = {("persons", queue.value_key("Erik Holm")): "edited"}
    decided[("persons", queue.value_key("Harbour"))] = "rejected"
    # a document's own facts say nothing about another document
    waiting.append(_s("kind", "letter"))
    decided[("kind", queue.value_key("letter"))] = "accepted"
    found = [(s.field, s.value, state) for s, state in queue.agreeing(waiting, decided)]
    assert found == [("persons", "Erik Holm", "accepted"), ("persons", "Harbour", "rejected")]


def _letter(store: Store, name: str) -> int:
    text = f"A letter about {name}."
    doc = store.add_document(
        ParsedDocument(format="txt", text=text, full_text=text), text.encode(), locator=name
    )
    return doc


def _record_with(extra: list[SuggestionRecord]) -> Any:
    record = letter_record()
    record.suggestions.extend(extra)
    return record


def test_settle_gives_a_value_the_decision_a_person_took_elsewhere(store: Store) -> None:
    plain = SuggestionRecord("persons", "Erik Holm", [Span(0, 4)], "test", "ner", 0.7)
    junk = SuggestionRecord("persons", "Promoting", [Span(0, 4)], "test", "ner", 0.7)
    first, second = _letter(store, "one"), _letter(store, "two")
    for doc in (first, second):
        save_extraction(store, doc, _record_with([plain, junk]))
    by_value = {s.value: s for s in waiting_suggestions(store, [first]) if s.field == "persons"}
    assert by_value["Erik Holm"].id is not None and by_value["Promoting"].id is not None
    review(store, by_value["Erik Holm"].id, "accepted")
    review(store, by_value["Promoting"].id, "rejected")
    settle(store, [second])
    states = {s.value for s in waiting_suggestions(store, [second]) if s.field == "persons"}
    assert states == set()  # both decided, as the person decided them in the first letter
    with store.engine.connect() as conn:
        actors = set(conn.scalars(select(changes.c.actor).where(changes.c.action.like("review:%"))))
    assert actors == {"local", "auto"}


def test_settle_leaves_a_value_kept_once_and_rejected_once_for_a_person(store: Store) -> None:
    plain = SuggestionRecord("persons", "Erik Holm", [Span(0, 4)], "test", "ner", 0.7)
    docs = [_letter(store, n) for n in ("one", "two", "three")]
    for doc in docs:
        save_extraction(store, doc, _record_with([plain]))
    for doc, state in zip(docs, ("accepted", "rejected"), strict=False):
        [s] = [s for s in waiting_suggestions(store, [doc]) if s.value == "Erik Holm"]
        assert s.id is not None
        review(store, s.id, state)
    settle(store, [docs[2]])
    assert [s.value for s in waiting_suggestions(store, [docs[2]]) if s.field == "persons"] == [
        "Erik Holm"
    ]


def test_decide_accepts_every_suggestion_of_the_decision(store: Store) -> None:
    doc = _letter(store, "one")
    extra = [
        SuggestionRecord("persons", "Omar Benali", [Span(0, 4)], "test", "ner", 0.7),
        SuggestionRecord("locations", "Malmo", [Span(0, 4)], "test", "ner", 0.7),
    ]
    save_extraction(store, doc, _record_with(extra))
    [at_risk] = [s for s in waiting_suggestions(store) if s.field == "persons_at_risk"]
    assert at_risk.id is not None
    decided = decide(store, at_risk.id, "accepted")
    assert len(decided) == 2
    waiting = {s.field for s in waiting_suggestions(store)}
    assert "persons_at_risk" not in waiting and "persons" not in waiting
    assert "locations" in waiting  # not settled yet: `settle` runs with the case file


def test_queue_stats_count_suggestions_and_decisions_by_field(store: Store) -> None:
    doc = _letter(store, "one")
    extra = [
        SuggestionRecord("persons", "Omar Benali", [Span(0, 4)], "test", "ner", 0.7),
        SuggestionRecord("locations", "Malmo", [Span(0, 4)], "test", "ner", 0.7),
        SuggestionRecord("legal_references", "Article 9", [Span(0, 4)], "test", "ner", 0.7),
    ]
    save_extraction(store, doc, _record_with(extra))
    stats = queue_stats(store)
    assert stats.documents == 1
    assert stats.suggestions["persons"] == 1 and stats.suggestions["persons_at_risk"] == 1
    assert "persons" not in stats.decisions  # it joined the person at risk's decision
    assert stats.decisions["details"] == 1
    assert stats.to_decide == stats.waiting - 2


def test_review_items_follow_the_queue_and_say_their_decision(store: Store) -> None:
    doc = _letter(store, "one")
    extra = [SuggestionRecord("persons", "Omar Benali", [Span(0, 4)], "test", "ner", 0.7)]
    save_extraction(store, doc, _record_with(extra))
    items = review_items(store, limit=3)
    assert [i.suggestion.field for i in items[:2]] == ["persons_at_risk", "persons"]
    assert (items[0].decision_rule, items[0].decision_size) == ("same_name", 2)


def test_a_place_is_decided_in_every_document_a_person_at_risk_only_in_its_own(
    store: Store,
) -> None:
    place = SuggestionRecord("locations", "Malmö", [Span(0, 4)], "test", "ner", 0.7)
    other = SuggestionRecord("locations", "Lund", [Span(0, 4)], "test", "ner", 0.7)
    first, second = _letter(store, "one"), _letter(store, "two")
    save_extraction(store, first, _record_with([place, other]))
    save_extraction(store, second, _record_with([place]))
    items = {
        (i.suggestion.document_id, i.suggestion.value): i
        for i in review_items(store)
        if isinstance(i.suggestion.value, str)
    }
    assert items[(first, "Malmö")].same_value == items[(second, "Malmö")].same_value == 2
    assert items[(first, "Lund")].same_value == 1
    assert items[(first, "Omar Benali")].same_value == 1  # at risk: said of one letter only
    head = items[(first, "Malmö")].suggestion.id
    assert head is not None
    assert sorted(same_value(store, head)) == sorted(
        s.id for s in waiting_suggestions(store) if s.value == "Malmö"
    )
    assert len(decide_value(store, head, "rejected")) == 2
    assert [s.value for s in waiting_suggestions(store) if s.field == "locations"] == ["Lund"]
    at_risk = items[(second, "Omar Benali")].suggestion.id
    assert at_risk is not None
    assert decide_value(store, at_risk, "accepted") == [at_risk]
    assert [s.document_id for s in waiting_suggestions(store) if s.value == "Omar Benali"] == [
        first
    ]
    with pytest.raises(UnknownRecord):
        same_value(store, at_risk)  # decided: waits no more
    with store.engine.connect() as conn:
        query = select(changes.c.entity_id).where(changes.c.entity == "suggestion")
        logged = list(conn.scalars(query))
    assert len(logged) == 3  # one entry per suggestion decided


@pytest.mark.sqlite_only
def test_review_stats_command_prints_waiting_per_document_by_field(
    letter_store: Store, cli_env: dict[str, str]
) -> None:
    app = typer.Typer()
    register_review(app)
    app.command("noop")(lambda: None)  # two commands, so `review` is a subcommand
    result = CliRunner().invoke(app, ["review", "--stats", "--json"], env=cli_env)
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["documents"] == 1
    assert body["suggestions"]["persons_at_risk"] == 1
    assert body["decisions_per_document"] == body["to_decide"]
    text = CliRunner().invoke(app, ["review", "--stats"], env=cli_env)
    assert "1 documents:" in text.output and "persons_at_risk" in text.output


def test_to_settle_takes_the_mentions_and_a_list_of_signatories_but_its_first() -> None:
    signers = [_s("senders", {"name": f"Signer {n}", "kind": "person"}, 7) for n in range(5)]
    items = [
        _s("persons", "Erik Holm", 7),
        _s("organizations", "Nordic Detention Watch", 7),
        _s("locations", "Malmö", 7),
        _s("persons_at_risk", "Omar Benali", 7),
        _s("events", {"type": "arrest", "subjects": ["Omar Benali"]}, 7),
        _s("addressees", {"name": "Ana Lindqvist", "kind": "person"}, 7),
        *signers,
        _s("senders", {"name": "Lone Writer", "kind": "person"}, 8),
    ]
    chosen = queue.to_settle(items)
    assert {s.field for s in chosen} == {"persons", "organizations", "locations", "senders"}
    assert [s.id for s in chosen if s.field == "senders"] == [s.id for s in signers[1:]]
    head = queue.Decision(7, "single", (signers[0],))
    assert queue.followers(head, chosen) == signers[1:]
    at_risk = queue.Decision(7, "single", (items[3],))
    assert queue.followers(at_risk, chosen) == []


def _signed_by_a_list(store: Store) -> int:
    doc = _letter(store, "list")
    signers = [
        SuggestionRecord("senders", {"name": f"Signer {n}", "kind": "person"}, [Span(0, 4)],
                         "test", "zone_signature", 0.75)
        for n in range(5)
    ]  # fmt: skip
    mention = SuggestionRecord("persons", "Erik Holm", [Span(0, 4)], "test", "ner", 0.7)
    save_extraction(store, doc, _record_with([*signers, mention]))
    return doc


def test_settle_marks_mentions_settled_by_auto_and_never_as_confirmed_names(
    store: Store,
) -> None:
    doc = _signed_by_a_list(store)
    settle(store, [doc])
    waiting = waiting_suggestions(store, [doc])
    assert "persons" not in {s.field for s in waiting}
    # the letter's own sender, then five signers: a list of six, its first waits
    assert [s.value["name"] for s in waiting if s.field == "senders"] == ["Clara Jensen"]
    settled = waiting_suggestions(store, [doc], "settled")
    assert sorted(s.field for s in settled) == ["persons"] + ["senders"] * 5
    assert "Erik Holm" not in confirmed_names(store)
    with store.engine.connect() as conn:
        actors = set(
            conn.scalars(select(changes.c.actor).where(changes.c.action == "review:settled"))
        )
    assert actors == {"auto"}
    # revertible: a person rejects a settled mention; it is then a person's decision
    [mention] = [s for s in settled if s.field == "persons"]
    assert mention.id is not None
    assert review(store, mention.id, "rejected").review_state == "rejected"
    review(store, mention.id, "accepted")
    assert "Erik Holm" in confirmed_names(store)


def test_deciding_the_first_signatory_decides_the_settled_list(store: Store) -> None:
    doc = _signed_by_a_list(store)
    settle(store, [doc])
    items = [i for i in review_items(store, document_id=doc) if i.suggestion.field == "senders"]
    [listed] = items
    assert listed.suggestion.value["name"] == "Clara Jensen"
    assert listed.heads_decision and listed.decision_size == 6
    assert listed.decision_rule == "signatories"
    assert listed.suggestion.id is not None
    decided = decide(store, listed.suggestion.id, "rejected")
    assert len(decided) == 6
    states = [
        s.review_state for s in get_extraction_suggestions(store, doc) if s.field == "senders"
    ]
    assert states == ["rejected"] * 6
    assert "senders" not in queue_stats(store).suggestions
    [mention] = [s for s in get_extraction_suggestions(store, doc) if s.field == "persons"]
    assert mention.review_state == "settled"  # a mention follows no list


def get_extraction_suggestions(store: Store, doc: int) -> list[SuggestionRecord]:
    found = get_extraction(store, doc)
    assert found is not None
    return found.suggestions

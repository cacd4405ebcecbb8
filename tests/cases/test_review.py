"""The review queue: decisions recorded, bulk review, rejected stays rejected, names feed back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from vigil.cases.review import evidence_span, review_items, source_sentence
from vigil.errors import ReviewError, UnknownRecord
from vigil.ingest.extraction import extract_stored
from vigil.ingest.pipeline import ingest
from vigil.model import Span, SuggestionRecord
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.suggestions import (
    confirmed_names,
    get_extraction,
    review,
    review_many,
    review_progress,
)

from ..cli.helpers import vigil

LETTER = """3 June 2024

Mr. Pavel Orlov
Prosecutor General
Minsk, Belarus

Dear Prosecutor General,

We are concerned about Ms. Irina Sokolova, a journalist who was arrested in
Minsk on 12 May 2024 and is held without charge. We urge you to release her.

Yours sincerely,

Tomas Berg
Coordinator, Baltic Press Watch
"""


@pytest.fixture
def extracted(store: Store, settings: Settings, tmp_path: Path) -> Store:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_text(LETTER)
    ingest(store, settings, [folder])
    extract_stored(store, settings, "pending")
    return store


def test_source_sentence_quotes_the_span() -> None:
    text = "First sentence. He was arrested in Minsk on Monday. Then more."
    start = text.index("arrested")
    before, quoted, after = source_sentence(text, Span(start, start + 8))
    assert (before, quoted, after) == ("He was ", "arrested", " in Minsk on Monday.")


def test_queue_shows_each_suggestion_in_its_sentence(extracted: Store) -> None:
    items = review_items(extracted, limit=500, field="persons")
    assert items
    for item in items:
        assert item.suggestion.review_state == "suggested"
        assert item.quoted  # the words that support it
    assert any("Sokolova" in i.quoted for i in items)


def test_decisions_are_recorded_and_logged(extracted: Store) -> None:
    first, second, third = review_items(extracted, limit=3)
    review(extracted, first.suggestion.id or 0, "accepted")
    review(extracted, second.suggestion.id or 0, "rejected")
    edited = review(extracted, third.suggestion.id or 0, "edited", "Corrected value")
    assert edited.value == "Corrected value" and edited.review_state == "edited"
    counts = review_progress(extracted)
    assert counts["accepted"] == 1 and counts["rejected"] == 1 and counts["edited"] == 1
    with extracted.engine.connect() as conn:
        actions = [r[0] for r in conn.execute(text("SELECT action FROM changes"))]
    assert {"review:accepted", "review:rejected", "review:edited"} <= set(actions)


def test_bad_review_input_changes_nothing(extracted: Store) -> None:
    before = review_progress(extracted)
    with pytest.raises(UnknownRecord):
        review(extracted, 999_999, "accepted")
    item = review_items(extracted, limit=1)[0]
    with pytest.raises(ReviewError):
        review(extracted, item.suggestion.id or 0, "maybe")
    with pytest.raises(ReviewError):
        review(extracted, item.suggestion.id or 0, "edited", "")
    with pytest.raises(ReviewError):
        review_many(extracted, "accepted")
    assert review_progress(extracted) == before


def test_bulk_accept_by_rule_and_confidence(extracted: Store) -> None:
    items = review_items(extracted, limit=500)
    rule = items[0].suggestion.rule
    expected = sum(1 for i in items if i.suggestion.rule == rule)
    assert review_many(extracted, "accepted", rule=rule) == expected
    assert all(i.suggestion.rule != rule for i in review_items(extracted, limit=500))
    high = sum(1 for i in review_items(extracted, limit=500) if i.suggestion.confidence >= 0.85)
    assert review_many(extracted, "accepted", min_confidence=0.85) == high


def test_rejected_suggestion_does_not_come_back(extracted: Store, settings: Settings) -> None:
    person = next(i for i in review_items(extracted, limit=500, field="persons"))
    review(extracted, person.suggestion.id or 0, "rejected")
    extract_stored(extracted, settings, "all")
    record = get_extraction(extracted, person.suggestion.document_id or 0)
    assert record is not None
    same = [
        s for s in record.suggestions if s.field == "persons" and s.value == person.suggestion.value
    ]
    assert [s.review_state for s in same] == ["rejected"]


def test_accepted_names_feed_the_gazetteer(extracted: Store) -> None:
    person = next(
        i
        for i in review_items(extracted, limit=500, field="persons")
        if "Sokolova" in json.dumps(i.suggestion.value)
    )
    review(extracted, person.suggestion.id or 0, "accepted")
    assert person.suggestion.value in confirmed_names(extracted)


@pytest.mark.sqlite_only  # the command runs on the laptop store of `cli_env`
def test_review_command_from_the_keyboard(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert vigil(cli_env, "init").code == 0
    (tmp_path / "letter.txt").write_text(LETTER)
    assert vigil(cli_env, "ingest", tmp_path / "letter.txt").code == 0
    run = vigil(cli_env, "review", "--limit", "3", stdin="ars")
    assert run.code == 0, run.err
    assert "1 decided" not in run.out and "2 decided" in run.out
    listed = json.loads(vigil(cli_env, "review", "--list", "--json", "--limit", "500").out)
    assert all(i["suggestion"]["review_state"] == "suggested" for i in listed)
    bulk = vigil(cli_env, "review", "--accept-all", "--field", "persons")
    assert bulk.code == 0 and "accepted" in bulk.out


def test_sure_document_facts_are_settled_and_the_rest_waits(store: Store) -> None:
    from dataclasses import replace

    from vigil import cases
    from vigil.model import ParsedDocument
    from vigil.store.suggestions import review_queue, save_extraction

    from .conftest import LETTER, letter_record

    record = letter_record()
    unsure = replace(record.suggestions[0], field="kind", value="letter", confidence=0.6)
    sure = replace(record.suggestions[0], field="language", value="en", confidence=1.0)
    record = replace(record, suggestions=[*record.suggestions, unsure, sure])
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, record)
    cases.update_case_file(store, [doc_id])
    waiting = {s.field for s in review_queue(store, limit=100)}
    assert "language" not in waiting and "kind" in waiting and "persons_at_risk" in waiting



EVIDENCE = "Signed: Lena Fosse, Ph.D., Harbour Watch. We ask for the release of Ivo Brand."


def _at(words: str) -> Span:
    start = EVIDENCE.index(words)
    return Span(start, start + len(words))


def _shown(field: str, value: object, *spans: Span) -> str:
    found = evidence_span(SuggestionRecord(field, value, list(spans), "t", "r", 0.5), EVIDENCE)
    return EVIDENCE[found.start : found.end]


def test_the_evidence_is_the_values_own_words_in_its_spans() -> None:
    # a sender whose last span is its organisation: the name is shown, not the organisation
    sender = {"name": "Lena Fosse", "organization": "Harbour Watch"}
    assert _shown("senders", sender, _at("Lena Fosse, Ph.D."), _at("Harbour Watch")) == (
        "Lena Fosse"
    )
    # a person at risk whose span is the whole sentence: the name within it
    sentence = "We ask for the release of Ivo Brand."
    assert _shown("persons_at_risk", "Ivo Brand", _at(sentence)) == "Ivo Brand"
    assert _shown("persons_at_risk", "Mr Brand", _at(sentence)) == "Brand"  # by the last word
    # ids, values not in the text and records without a name keep their last span
    assert _shown("demands", "release", _at(sentence)) == sentence
    assert _shown("groups_at_risk", "detained sailors", _at(sentence)) == sentence
    assert _shown("events", {"type": "arrest"}, _at("Ph.D."), _at(sentence)) == sentence
    empty = SuggestionRecord("persons", "Ivo", [], "t", "r", 0.5)
    assert evidence_span(empty, EVIDENCE) == Span(0, 0)

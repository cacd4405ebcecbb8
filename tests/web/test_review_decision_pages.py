"""The review queue grouped in the browser as `vigil review` groups it: a decision of
several suggestions stands under its head, with its count, and one post accepts or
rejects them all, each suggestion with its own change-log entry.

The letter and its extraction are those of `test_review_pages` (hand-made, in our own
words), with a second mention of the person at risk and a salutation, so that two
decisions hold two suggestions each.
"""

from __future__ import annotations

import re

import pytest

from vigil.accounts import Role
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store.suggestions import get_extraction, save_extraction

from .test_review_pages import LETTER, Signed, actor_of, record, review_log


def grouped_record() -> ExtractionRecord:
    base = record()

    def s(field: str, value: str, words: str) -> SuggestionRecord:
        start = LETTER.index(words)
        return SuggestionRecord(field, value, [Span(start, start + len(words))], "test", "r", 0.5)

    more = [
        s("persons", "Tobias Wrenfield", "Tobias Wrenfield"),  # same name as the person at risk
        s("salutation", "Dear Director", "Dear Director"),  # a detail, as the place is
    ]
    return ExtractionRecord(
        base.pipeline_version, base.contract, [*base.suggestions, *more], [], False
    )


@pytest.fixture
def doc_id(store: Store) -> int:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Harbour letter")
    new = store.add_document(parsed, LETTER.encode(), locator="/data/harbour.txt")
    save_extraction(store, new, grouped_record())
    return new


def by_field(store: Store, doc: int) -> dict[str, tuple[int, str]]:
    """Field -> (suggestion id, review state)."""
    extraction = get_extraction(store, doc)
    assert extraction is not None
    return {s.field: (s.id or 0, s.review_state) for s in extraction.suggestions}


def test_page_shows_each_decision_with_its_count_and_the_figure_per_document(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    page = editor.page("/review")
    fields = by_field(store, doc_id)
    head = fields["persons_at_risk"][0]  # the person at risk heads the same-name decision
    assert page.count("One decision for 2 suggestions") == 2
    assert "grouped by the same name" in page and "grouped by the document&#39;s details" in page
    assert f'action="/review/{head}/decision"' in page
    assert f'action="/review/{fields["persons"][0]}/decision"' not in page  # a member: no form
    assert f'href="#item-{head}">Part of the decision above' in page
    assert "Accept all 2 suggestions" in page and "Reject all 2 suggestions" in page
    # 9 suggestions in 7 decisions, over one document
    assert re.search(r"7 decisions wait for a person: <strong>7(\.0)? per document</strong>", page)
    assert "(9 suggestions per document, over 1 extracted document)" in page


def test_one_post_accepts_a_whole_decision_with_one_entry_per_suggestion(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    fields = by_field(store, doc_id)
    head = fields["persons_at_risk"][0]
    response = editor.post(f"/review/{head}/decision", {"action": "accept", "back": "/review"})
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/review?done=accepted&n=2",
    )
    after = by_field(store, doc_id)
    assert after["persons_at_risk"][1] == after["persons"][1] == "accepted"
    assert {f for f, (_, state) in after.items() if state != "suggested"} == {
        "persons_at_risk",
        "persons",
    }
    who = actor_of(store, "editor")
    assert sorted(review_log(store)) == sorted(
        (who, "review:accepted", fields[f][0], {"batch": 2}) for f in ("persons_at_risk", "persons")
    )
    page = editor.page(response.headers["location"])
    assert "2 suggestions accepted." in page
    assert page.count("One decision for 2 suggestions") == 1  # the details wait still
    assert re.search(r"6 decisions wait for a person: <strong>6(\.0)? per document</strong>", page)


def test_a_member_rejects_its_whole_decision_and_returns_where_it_was(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    fields = by_field(store, doc_id)
    member = fields["salutation"][0]
    response = editor.post(
        f"/review/{member}/decision", {"action": "reject", "back": "/review?field=locations"}
    )
    assert response.headers["location"] == "/review?field=locations&done=rejected&n=2"
    after = by_field(store, doc_id)
    assert after["salutation"][1] == after["locations"][1] == "rejected"
    assert len(review_log(store)) == 2


@pytest.mark.parametrize(
    ("data", "status"),
    [({"action": "edit", "value": "x"}, 400), ({}, 400), ({"action": "approve"}, 400)],
)
def test_bad_decision_posts_change_nothing(
    data: dict[str, str], status: int, signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    before = get_extraction(store, doc_id)
    head = by_field(store, doc_id)["persons_at_risk"][0]
    assert editor.post(f"/review/{head}/decision", data).status_code == status
    assert editor.post("/review/999999/decision", {"action": "accept"}).status_code == 404
    assert get_extraction(store, doc_id) == before
    assert review_log(store) == []


def test_a_viewer_sees_the_decisions_but_cannot_take_one(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    viewer = signed_in(Role.VIEWER)
    page = viewer.page("/review")
    assert "One decision for 2 suggestions" in page and "/decision" not in page
    head = by_field(store, doc_id)["persons_at_risk"][0]
    assert viewer.post(f"/review/{head}/decision", {"action": "accept"}).status_code == 403
    assert review_log(store) == []


def _second_letter(store: Store) -> int:
    """Another letter naming the same street and the same person in passing."""
    text = "Letter from the harbour.\nTobias Wrenfield was seen at Lantern Street.\n"

    def s(field: str, value: str) -> SuggestionRecord:
        start = text.index(value)
        return SuggestionRecord(field, value, [Span(start, start + len(value))], "t", "r", 0.5)

    parsed = ParsedDocument(format="txt", text=text, full_text=text, title="Second letter")
    new = store.add_document(parsed, text.encode(), locator="/data/second.txt")
    found = [s("locations", "Lantern Street"), s("persons_at_risk", "Tobias Wrenfield")]
    save_extraction(store, new, ExtractionRecord("test", {}, found, [], False))
    return new


def test_a_value_is_accepted_in_every_document_at_once(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    other = _second_letter(store)
    editor = signed_in(Role.EDITOR)
    page = editor.page("/review")
    place = by_field(store, doc_id)["locations"][0]
    elsewhere = by_field(store, other)["locations"][0]
    assert page.count("This value waits in 2 suggestions in all documents.") == 2
    assert f'action="/review/{place}/everywhere"' in page
    assert "Accept it everywhere (2)" in page and "Reject it everywhere (2)" in page
    # that someone is at risk is said of one letter: never decided for another
    assert f'action="/review/{by_field(store, other)["persons_at_risk"][0]}/everywhere"' not in page
    response = editor.post(f"/review/{place}/everywhere", {"action": "accept"})
    assert response.headers["location"] == "/review?done=accepted&n=2"
    assert by_field(store, doc_id)["locations"][1] == "accepted"
    assert by_field(store, other)["locations"][1] == "accepted"
    assert by_field(store, doc_id)["salutation"][1] == "suggested"  # its decision: not taken
    who = actor_of(store, "editor")
    assert sorted(review_log(store)) == sorted(
        (who, "review:accepted", sid, {"batch": 2}) for sid in (place, elsewhere)
    )
    assert "This value waits in" not in editor.page("/review")


def test_a_value_of_one_letter_is_decided_only_there(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    other = _second_letter(store)
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    mine = by_field(store, other)["persons_at_risk"][0]
    response = editor.post(f"/review/{mine}/everywhere", {"action": "reject"})
    assert response.headers["location"] == "/review?done=rejected&n=1"
    assert by_field(store, other)["persons_at_risk"][1] == "rejected"
    assert by_field(store, doc_id)["persons_at_risk"][1] == "suggested"
    assert editor.post(f"/review/{mine}/everywhere", {"action": "accept"}).status_code == 404
    viewer = signed_in(Role.VIEWER)
    place = by_field(store, doc_id)["locations"][0]
    assert viewer.post(f"/review/{place}/everywhere", {"action": "accept"}).status_code == 403
    assert len(review_log(store)) == 1

"""A reply from an addressee to the sender of an earlier letter is proposed as its response."""

from __future__ import annotations

from vigil import cases
from vigil.cases.replies import Letter, reply_to, same_party, says_it_answers
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store.suggestions import save_extraction

REPLY = """20 June 2024

Ms. Clara Jensen
Nordic Detention Watch

Dear Ms. Jensen,

In reply to your letter of 12 May 2024 about Mr. Omar Benali: his case is under review.

Ana Lindqvist
Minister of the Interior
"""

EARLIER = Letter(7, 1, "2024-05-12", ("Clara Jensen",), ("Ana Lindqvist", "Minister of Justice"))


def _s(field: str, value: object, text: str) -> SuggestionRecord:
    start = REPLY.index(text)
    return SuggestionRecord(field, value, [Span(start, start + len(text))], "test", "rule", 0.8)


def reply_record() -> ExtractionRecord:
    return ExtractionRecord(
        pipeline_version="test",
        contract={"kind": "letter", "date": "2024-06-20"},
        suggestions=[
            _s("date", "2024-06-20", "20 June 2024"),
            _s("senders", {"name": "Ana Lindqvist", "kind": "person"}, "Ana Lindqvist"),
            _s("addressees", {"name": "Clara Jensen", "kind": "person"}, "Ms. Clara Jensen"),
            _s("persons_at_risk", "Omar Benali", "Mr. Omar Benali"),
        ],
        errors=[],
        truncated=False,
    )


def test_the_addressee_writing_back_to_the_sender_is_a_reply() -> None:
    found = reply_to(["Minister Lindqvist"], ["Clara Jensen"], "2024-06-20", "", [EARLIER])
    assert found is not None and (found.intervention_id, found.rule) == (7, "addressee_writes_back")


def test_a_second_letter_from_the_same_sender_is_no_reply() -> None:
    assert reply_to(["Clara Jensen"], ["Ana Lindqvist"], "2024-06-20", "", [EARLIER]) is None


def test_a_letter_dated_before_the_earlier_one_is_no_reply() -> None:
    assert reply_to(["Ana Lindqvist"], ["Clara Jensen"], "2024-01-02", "", [EARLIER]) is None


def test_saying_it_answers_is_enough_with_the_right_sender() -> None:
    text = "Thank you for your letter. We are looking into it."
    assert says_it_answers(text) and says_it_answers("Suite à votre courrier du 3 mai")
    found = reply_to(["Ana Lindqvist"], ["Someone Else"], None, text, [EARLIER])
    assert found is not None and found.rule == "says_it_answers"
    assert reply_to(["Ana Lindqvist"], ["Someone Else"], None, "About the case.", [EARLIER]) is None


def test_different_given_names_are_not_the_same_party() -> None:
    assert same_party("Minister Lindqvist", "Ana Lindqvist")
    assert not same_party("Eva Lindqvist", "Ana Lindqvist")


def _add_reply(store: Store) -> int:
    parsed = ParsedDocument(format="txt", text=REPLY, full_text=REPLY)
    doc_id = store.add_document(parsed, REPLY.encode(), locator="reply.txt")
    save_extraction(store, doc_id, reply_record())
    cases.update_case_file(store, [doc_id])
    return doc_id


def _letter(store: Store) -> int:
    return next(i.id for i in cases.list_interventions(store) if i.key == "letter")


def test_an_uploaded_reply_waits_as_a_response_not_a_new_letter(letter_store: Store) -> None:
    letter = _letter(letter_store)
    doc_id = _add_reply(letter_store)
    [waiting] = cases.reply_suggestions(letter_store)
    assert (waiting.intervention_id, waiting.document_id) == (letter, doc_id)
    assert doc_id not in {i.document_id for i in cases.list_interventions(letter_store)}
    cases.update_case_file(letter_store)  # a rebuild keeps the proposal
    assert doc_id not in {i.document_id for i in cases.list_interventions(letter_store)}
    response = cases.accept_reply(letter_store, waiting.id)
    item = cases.get_intervention(letter_store, letter)
    assert item.status == "answered" and [r.id for r in item.responses] == [response]
    assert item.responses[0].date == "2024-06-20"
    assert cases.reply_suggestions(letter_store) == []


def test_a_rejected_reply_becomes_a_letter_of_its_own(letter_store: Store) -> None:
    doc_id = _add_reply(letter_store)
    [waiting] = cases.reply_suggestions(letter_store)
    cases.reject_reply(letter_store, waiting.id)
    assert doc_id in {i.document_id for i in cases.list_interventions(letter_store)}
    assert cases.reply_suggestions(letter_store) == []

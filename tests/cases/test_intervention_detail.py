"""One intervention in full (status history, events, source words), and the response check
the web runs before storing a response's file."""

from __future__ import annotations

import pytest

from vigil import cases
from vigil.errors import InvalidResponse, InvalidStatus, UnknownRecord
from vigil.store import Store


def _letter(store: Store) -> int:
    return next(i.id for i in cases.list_interventions(store) if i.key == "letter")


def test_detail_has_history_events_and_source_words(letter_store: Store) -> None:
    letter = _letter(letter_store)
    cases.set_status(letter_store, letter, "acknowledged", actor="user:7")
    detail = cases.intervention_detail(letter_store, letter)
    assert detail.intervention.id == letter
    assert [(h.status, h.actor, h.source) for h in detail.history] == [
        ("sent", "local", "built"),
        ("acknowledged", "user:7", "hand"),
    ]
    assert detail.history[0].at <= detail.history[1].at
    (event,) = detail.events
    assert (event.label, event.date, event.alleged_by) == ("arrest", "2024-04-02", ["Clara Jensen"])
    assert event.quote is not None and event.quote.text == "arrested by the police in Malmo"
    assert detail.quote is not None and detail.quote.text == "12 May 2024"


def test_detail_of_an_unknown_intervention(letter_store: Store) -> None:
    with pytest.raises(UnknownRecord):
        cases.intervention_detail(letter_store, 424242)


@pytest.mark.parametrize(
    ("when", "type_", "error"),
    [
        ("2024-05-11", "answer", InvalidResponse),  # the day before the letter
        ("2024-02-30", "answer", InvalidResponse),
        ("12/06/2024", "answer", InvalidResponse),
        ("2024-06-01", "silence", InvalidStatus),
    ],
)
def test_check_response_refuses_what_respond_refuses(
    letter_store: Store, when: str, type_: str, error: type[Exception]
) -> None:
    letter = _letter(letter_store)
    with pytest.raises(error):
        cases.check_response(letter_store, letter, when=when, type_=type_)
    with pytest.raises(error):
        cases.respond(letter_store, letter, when=when, type_=type_)
    assert cases.get_intervention(letter_store, letter).responses == []


def test_check_response_accepts_the_letters_own_day(letter_store: Store) -> None:
    letter = _letter(letter_store)
    cases.check_response(letter_store, letter, when="2024-05-12", type_="acknowledgement")
    with pytest.raises(UnknownRecord):
        cases.check_response(letter_store, 424242, when="2024-05-12", type_="answer")

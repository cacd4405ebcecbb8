"""The outcome of an earlier appeal, from its own sentence or the next one
(invented letters)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def _earlier(text: str, settings: Settings) -> set[tuple[str, str]]:
    found = extract(ExtractInput(text=text, language="en"), settings)
    return {(p.to, p.status) for p in found.prior_interventions}


def test_neither_letter_answered_is_no_response(settings: Settings) -> None:
    text = (
        "The undersigned wrote to the Ministry of Justice on 3 May and on 12 June asking "
        "for news of the prisoners. Neither letter has been answered."
    )
    assert ("Ministry of Justice", "no_response") in _earlier(text, settings)


def test_the_next_sentence_gives_the_reply(settings: Settings) -> None:
    text = (
        "On 12 February we wrote to the Office of the Ombudsman about the case. "
        "The Office replied on 4 March that the matter was closed."
    )
    assert ("Office of the Ombudsman", "answered") in _earlier(text, settings)


def test_a_concern_left_unanswered_is_not_the_letters_outcome(settings: Settings) -> None:
    text = (
        "In a letter to the Foreign Minister, the members said an inquiry is needed because "
        "the concerns of the people have not been answered by the government."
    )
    assert ("Foreign Minister", "no_response") not in _earlier(text, settings)

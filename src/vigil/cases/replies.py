"""Whether a letter is a reply to an earlier one: a response, not a new letter. Pure.

A document answers an earlier letter when

1. one of its senders is an addressee (or copy) of that letter and one of its
   addressees is that letter's sender (`addressee_writes_back`); or
2. it says it answers a letter ("in reply to your letter", "votre lettre du")
   and one of its senders is an addressee of that letter (`says_it_answers`).

The earlier letter must not be dated after the reply; the latest one that
fits is chosen. Names are compared with `vigil.resolve` (a `merge` decision)
or as the same surname with no given name against it ("Minister Doe" and
"Jane Doe"). The cue words are data (`vocab/case_words.json`, `reply_cues`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from vigil import vocab
from vigil.resolve import Decision, Mention, match
from vigil.resolve.normalise import normalise


@dataclass(frozen=True)
class Letter:
    """An earlier letter: its intervention, date and the names on either side."""

    intervention_id: int
    document_id: int | None
    date: str | None
    senders: tuple[str, ...]
    addressees: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    intervention_id: int
    rule: str  # addressee_writes_back | says_it_answers


@cache
def _cues() -> re.Pattern[str]:
    words = [
        cue
        for language, lists in vocab.load("case_words").items()
        if not language.startswith("_") and isinstance(lists, dict)
        for cue in lists.get("reply_cues", [])
    ]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)


def says_it_answers(text: str) -> bool:
    """Whether the text says it answers a letter ('in reply to your letter of ...')."""
    return _cues().search(text) is not None


def _words(name: str) -> list[str]:
    return [w for w in normalise(name, "person").words if len(w) > 1]


def same_party(a: str, b: str) -> bool:
    """One party: resolution would join them, or the same surname with no other given name."""
    if match(Mention(a, None), Mention(b, None)).decision == Decision.MERGE:
        return True
    wa, wb = _words(a), _words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return len(wa) == 1 or len(wb) == 1 or wa[0] == wb[0]


def reply_to(
    senders: Sequence[str],
    addressees: Sequence[str],
    date: str | None,
    text: str,
    earlier: Sequence[Letter],
) -> Reply | None:
    """The earlier letter this one answers, with the rule that says so; None for a new letter."""
    known: dict[tuple[str, str], bool] = {}

    def same(a: str, b: str) -> bool:
        # many letters share an addressee: each pair of names is compared once
        if (a, b) not in known:
            known[(a, b)] = same_party(a, b)
        return known[(a, b)]

    def any_of(names: Sequence[str], others: Sequence[str]) -> bool:
        return any(same(a, b) for a in names for b in others)

    fitting = [
        e
        for e in earlier
        if not (date and e.date and e.date > date) and any_of(senders, e.addressees)
    ]
    fitting.sort(key=lambda e: (e.date or "", e.intervention_id), reverse=True)
    for e in fitting:
        if any_of(addressees, e.senders):
            return Reply(e.intervention_id, "addressee_writes_back")
    if fitting and says_it_answers(text):
        return Reply(fitting[0].intervention_id, "says_it_answers")
    return None

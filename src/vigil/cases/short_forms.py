"""Short and titled forms of a person's name joined to the full name they stand for. Pure.

"President Doe", "Doe" and "John Q. Doe Jr." are one person when the
context leaves no doubt:

1. Full names with the same given name and surname (titles, initials and
   'Jr.' aside, 'Bob' read as 'Robert': `given_name_forms` in
   `vocab/case_words.json`) are one person: "John Doe" and "John Q. Doe Jr."
   join the earliest party of that name. Different given names never join
   ("Kim Doe" and "Lee Doe" stay two).
2. A one-word form ("Doe", "President Doe") joins the full name with that
   surname in the same document, when the document has exactly one such person.
3. Otherwise it joins the full name with that surname in the whole store,
   when there is exactly one such person; two or more leave it where it is
   (for a person to decide in `vigil parties review`).

Each decision is a `Move` of one mention, with the rule that made it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from vigil.cases.at_risk import case_words
from vigil.resolve.aliases import given_name_forms
from vigil.resolve.normalise import normalise


@dataclass(frozen=True)
class PersonMention:
    """A mention of a person (or of a party of unknown kind) and the party it belongs to."""

    id: int
    document_id: int
    name: str
    party_id: int


@dataclass(frozen=True)
class Move:
    mention_id: int
    from_party: int
    to_party: int
    rule: str  # same_name | same_document | only_one_in_store


def name_words(name: str) -> list[str]:
    """The name's words without titles, initials or 'Jr.' ('President John Q. Doe' → john doe),
    the given name in one form of its usual ones ('Bob' → robert)."""
    return list(_name_words(name))


@lru_cache(maxsize=65_536)
def _name_words(name: str) -> tuple[str, ...]:
    """`name_words`, remembered: an update reads the same names again and again."""
    words = [w for w in normalise(name, "person").words if len(w) > 1]
    titles = case_words().official_titles
    while len(words) > 1 and (words[0] in titles or words[0].rstrip("s") in titles):
        words.pop(0)
    if len(words) > 1:
        words[0] = given_name_forms().get(words[0], words[0])
    return tuple(words)


def short_form_moves(mentions: Sequence[PersonMention]) -> list[Move]:
    """The mentions to move to the party of the full name they stand for."""
    words = {m.id: name_words(m.name) for m in mentions}
    full = [m for m in mentions if len(words[m.id]) >= 2]
    # 1. one person per (given name, surname): the earliest party holds it
    person_of: dict[tuple[str, str], int] = {}
    for m in sorted(full, key=lambda m: m.party_id):
        person_of.setdefault((words[m.id][0], words[m.id][-1]), m.party_id)
    moves: list[Move] = []
    target: dict[int, int] = {}
    for m in full:
        to = person_of[(words[m.id][0], words[m.id][-1])]
        target[m.id] = to
        if to != m.party_id:
            moves.append(Move(m.id, m.party_id, to, "same_name"))
    by_surname: dict[str, set[int]] = defaultdict(set)
    in_document: dict[tuple[int, str], set[int]] = defaultdict(set)
    for m in full:
        by_surname[words[m.id][-1]].add(target[m.id])
        in_document[(m.document_id, words[m.id][-1])].add(target[m.id])
    # 2-3. a one-word form joins the only person of that surname, in its document or the store
    for m in mentions:
        if len(words[m.id]) != 1:
            continue
        surname = words[m.id][0]
        here = in_document.get((m.document_id, surname), set())
        anywhere = by_surname.get(surname, set())
        if len(here) == 1:
            to, rule = next(iter(here)), "same_document"
        elif not here and len(anywhere) == 1:
            to, rule = next(iter(anywhere)), "only_one_in_store"
        else:
            continue
        if to != m.party_id:
            moves.append(Move(m.id, m.party_id, to, rule))
    return moves

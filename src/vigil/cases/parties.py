"""Parties: list and show them, suggest merges for a person to review, merge and split.

1. `suggest_merges` resolves every spelling of every party with `vigil.resolve`:
   a `review` pair between two parties, or two parties whose names resolution
   would now join, becomes a merge suggestion with its score and reasons;
   never across two different known kinds, never a pair already decided (a
   rejected pair, or one split by hand, does not come back).
2. A person accepts (the later party joins the earlier) or rejects each one
   (`review_queue`, `accept_merge`, `reject_merge`), or merges and splits by
   hand (`merge_parties`, `split_party`). Nothing here writes SQL: the store's
   `parties` module checks each change and applies it in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import combinations

from vigil import vocab
from vigil.errors import CaseError
from vigil.model import MergeSuggestion, PartySort, PartySummary, PartyView
from vigil.resolve import KINDS, Decision, MatchDecision, Mention, match, resolve
from vigil.store import Store
from vigil.store import offices as office_store
from vigil.store import parties as party_store


def list_parties(
    store: Store,
    kind: str | None = None,
    query: str | None = None,
    *,
    sort: PartySort = PartySort.ID,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[PartySummary]:
    """Parties (merged ones left out) in `sort` order, of one kind or matching a name.

    A name matches a party when one of its spellings contains it (its name, a
    recorded name, which every mention's words become, or the name of a party
    merged into it), or when resolution would join it with one of them ("Aleksandr Ivanov"
    finds "Alexander Ivanov"): the same decision `vigil parties match` prints.
    """
    return party_store.list_parties(
        store, kind=kind, matched=_matched(store, kind, query), sort=sort,
        descending=descending, limit=limit, offset=offset,
    )


def count_parties(store: Store, kind: str | None = None, query: str | None = None) -> int:
    """How many parties `list_parties` finds with the same kind and name (all pages)."""
    return party_store.count_parties(store, kind=kind, matched=_matched(store, kind, query))


def party_spellings(store: Store, party_ids: Iterable[int]) -> dict[int, list[str]]:
    """Every spelling the store has joined to each party (name, names, mentions)."""
    return party_store.spellings(store, party_ids)


def _matched(store: Store, kind: str | None, query: str | None) -> set[int] | None:
    """Parties a spelling of which contains `query` or resolution would join with it
    (None: no query, every party).

    Only spellings sharing a word with the query are compared (the store finds
    them in the same pass over the names): resolution joins names that share a
    family name or a given name, and comparing every spelling of a large store
    would cost a search its speed.
    """
    if not query or not query.strip():
        return None
    found = party_store.name_lookup(store, query)
    wanted = Mention(query.strip(), kind)
    also = {
        s.party_id
        for s in found.sharing
        if match(wanted, Mention(s.name, s.kind)).decision == Decision.MERGE
    }
    return set(found.containing) | also


def rename_party(store: Store, party_id: int, name: str, actor: str = "local") -> None:
    """Give a party the name a person knows it by (its old names stay as spellings)."""
    if not name.strip():
        raise CaseError("give the party a name, e.g. `vigil parties rename 12 'Jane Doe'`")
    party_store.edit_party(store, party_id, name=name.strip(), actor=actor)


def set_party_kind(store: Store, party_id: int, kind: str, actor: str = "local") -> None:
    """Change a party's kind (one of `vocab/party_kinds.json`)."""
    known = vocab.ids("party_kinds")
    if kind not in known:
        raise CaseError(f"unknown kind {kind!r}; use one of: {', '.join(sorted(known))}")
    party_store.edit_party(store, party_id, kind=kind, actor=actor)


def dismiss_party(store: Store, party_id: int, actor: str = "local") -> None:
    """Not a real party (a stray word): kept as rejected, never suggested as a case again."""
    party_store.edit_party(store, party_id, review_state="rejected", actor=actor)


def show_party(store: Store, party_id: int) -> PartyView:
    """Names and scripts, mentions with roles and documents, cases, waiting suggestions,
    and the offices it holds or the people who hold it."""
    view = party_store.party_view(store, party_id)
    return replace(view, offices=office_store.office_links(store, party_id))


def suggest_merges(
    store: Store, actor: str = "local", among: Sequence[int] | None = None
) -> list[int]:
    """Store the uncertain pairs of parties (of `among`, when given) for review; returns
    the new suggestions' ids."""
    rows = party_store.party_names_for_resolution(store, among)
    if len({party for party, _, _ in rows}) < 2:
        return []
    kinds = [kind if kind in KINDS else None for _, kind, _ in rows]
    resolution = resolve(
        [Mention(name, kind) for (_, _, name), kind in zip(rows, kinds, strict=True)]
    )
    same_spelling: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for index, ((_, _, name), kind) in enumerate(zip(rows, kinds, strict=True)):
        same_spelling[(name.strip(), kind)].append(index)
    found: dict[tuple[int, int], MatchDecision] = {}

    def consider(i: int, j: int, decision: MatchDecision) -> None:
        (a, kind_a, _), (b, kind_b, _) = rows[i], rows[j]
        if a == b or (kind_a and kind_b and kind_a != kind_b):
            return
        if decision.decision is Decision.DISTINCT:
            return
        pair = (a, b) if a < b else (b, a)
        if pair not in found or decision.score > found[pair].score:
            found[pair] = decision

    def spelled_as(index: int) -> list[int]:
        return same_spelling[(rows[index][2].strip(), kinds[index])]

    for review in resolution.reviews:
        for i in spelled_as(review.a):
            for j in spelled_as(review.b):
                consider(i, j, review.match)
    for cluster in resolution.clusters:
        first: dict[int, int] = {}
        for index in cluster:
            first.setdefault(rows[index][0], index)
        for i, j in combinations(first.values(), 2):
            consider(i, j, match(Mention(rows[i][2], kinds[i]), Mention(rows[j][2], kinds[j])))
    known = party_store.known_pairs(store)
    new = [
        (a, b, decision.score, decision.reasons)
        for (a, b), decision in sorted(found.items())
        if (a, b) not in known
    ]
    return party_store.add_suggestions(store, new, actor) if new else []


def review_queue(store: Store) -> list[MergeSuggestion]:
    """Merge suggestions waiting for a person, best score first."""
    return party_store.open_suggestions(store)


def get_merge_suggestion(store: Store, suggestion_id: int) -> MergeSuggestion:
    return party_store.get_suggestion(store, suggestion_id)


def accept_merge(store: Store, suggestion_id: int, actor: str = "local") -> int:
    """Merge the suggested pair (the later party joins the earlier); returns the party kept."""
    return party_store.decide_suggestion(store, suggestion_id, party_store.ACCEPTED, actor)


def reject_merge(store: Store, suggestion_id: int, actor: str = "local") -> None:
    """Keep the pair apart; it is not suggested again."""
    party_store.decide_suggestion(store, suggestion_id, party_store.REJECTED, actor)


def merge_parties(store: Store, into: int, other: int, actor: str = "local") -> int:
    """Merge party `other` into `into`; returns the number of mentions moved.

    `other` is kept as a tombstone (merged into `into`); refused for a party
    merged already, one into itself, or two parties of different known kinds.
    """
    return party_store.merge_parties(store, into, other, actor)


def split_party(
    store: Store, party_id: int, mention_ids: Iterable[int], actor: str = "local"
) -> int:
    """Move some of a party's mentions to a new party of the same kind; returns its id."""
    return party_store.split_party(store, party_id, mention_ids, actor)

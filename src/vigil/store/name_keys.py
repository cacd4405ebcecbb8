"""Mentions' name keys (table `mention_keys`, migration 16): which mentions a new one may join.

`cases.build` keys every mention once (its blocking keys and surname); an update then
loads only the mentions sharing a key with the new ones, for resolution and short forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, func, select

from vigil.model import MentionRow
from vigil.store.case_tables import mention_keys, mentions, parties
from vigil.store.store import Store


def unkeyed(store: Store, *, everywhere: bool = True) -> list[MentionRow]:
    """Mentions with no keys yet (made since the last build, or before migration 16).

    Not `everywhere` (an update): only those after the last mention keyed. Every build
    keys all it finds, a mention's name never changes and its keys go only with it, so
    the mentions made since the last build are those; a store never keyed (before
    migration 16, or restored from an archive) is looked at whole.
    """
    m, k = mentions.c, mention_keys.c
    query = (
        select(m.id, m.name, m.kind, m.party_id)
        .where(~select(k.mention_id).where(k.mention_id == m.id).exists())
        .order_by(m.id)
    )
    with store.engine.connect() as conn:
        if not everywhere:
            last = conn.scalar(select(func.max(k.mention_id)))
            if last is not None:
                query = query.where(m.id > last)
        return [MentionRow(int(r.id), r.name, r.kind, r.party_id) for r in conn.execute(query)]


def unassigned(store: Store) -> list[MentionRow]:
    """Mentions with no party yet (just built), in id order."""
    m = mentions.c
    query = select(m.id, m.name, m.kind, m.party_id).where(m.party_id.is_(None)).order_by(m.id)
    with store.engine.connect() as conn:
        return [MentionRow(int(r.id), r.name, r.kind, r.party_id) for r in conn.execute(query)]


def save_keys(store: Store, keyed: Iterable[tuple[int, Iterable[str]]]) -> None:
    """Record each mention's keys (a mention with none gets the key '-', so it is keyed)."""
    rows = [
        {"mention_id": mention, "key": key}
        for mention, keys in keyed
        for key in sorted(set(keys) or {"-"})
    ]
    if rows:
        with store.engine.begin() as conn:
            conn.execute(mention_keys.insert(), rows)


def keys_of(store: Store, mention_ids: Sequence[int]) -> set[str]:
    k = mention_keys.c
    with store.engine.connect() as conn:
        return set(conn.scalars(select(k.key).where(k.mention_id.in_(sorted(set(mention_ids))))))


def key_counts(store: Store, keys: Iterable[str]) -> dict[str, int]:
    """How many mentions have each of `keys`."""
    wanted = _sharing(keys)
    if not wanted:
        return {}
    k = mention_keys.c
    query = select(k.key, func.count()).where(k.key.in_(wanted)).group_by(k.key)
    with store.engine.connect() as conn:
        return {str(key): int(n) for key, n in conn.execute(query)}


def _sharing(keys: Iterable[str]) -> list[str]:
    return sorted(set(keys) - {"-"})


def mentions_sharing(store: Store, keys: Iterable[str]) -> list[MentionRow]:
    """Mentions with one of `keys`, in id order."""
    wanted = _sharing(keys)
    if not wanted:
        return []
    m, k = mentions.c, mention_keys.c
    ids = select(k.mention_id).where(k.key.in_(wanted))
    query = select(m.id, m.name, m.kind, m.party_id).where(m.id.in_(ids)).order_by(m.id)
    with store.engine.connect() as conn:
        return [MentionRow(int(r.id), r.name, r.kind, r.party_id) for r in conn.execute(query)]


def _person_mentions(keys: list[str]) -> Select[Any]:
    m, k = mentions.c, mention_keys.c
    return (
        select(m.id, m.document_id, m.name, m.party_id)
        .join(parties, parties.c.id == m.party_id)
        .where(
            parties.c.kind == "person",
            parties.c.merged_into.is_(None),
            m.document_id.is_not(None),  # a hand event's party with no document: no text
            m.id.in_(select(k.mention_id).where(k.key.in_(keys))),
        )
        .order_by(m.id)
    )


def person_mentions_sharing(
    store: Store,
    keys: Iterable[str],
    *,
    names: Iterable[str] | None = None,
    documents: Iterable[int] | None = None,
) -> list[tuple[int, int, str, int]]:
    """(mention, document, name, party) of the mentions of live person parties with one
    of `keys` (as `parties.person_mentions`, for some surnames only); of those only with
    one of `names` or in one of `documents`, when either is given."""
    wanted = _sharing(keys)
    if not wanted:
        return []
    query = _person_mentions(wanted)
    if names is not None or documents is not None:
        m = mentions.c
        query = query.where(
            m.name.in_(sorted(set(names or ()))) | m.document_id.in_(sorted(set(documents or ())))
        )
    with store.engine.connect() as conn:
        rows = conn.execute(query)
        return [(int(r.id), int(r.document_id), r.name, int(r.party_id)) for r in rows]


def person_names_sharing(store: Store, keys: Iterable[str]) -> list[tuple[str, int]]:
    """(name, party) of the mentions of live person parties with one of `keys`, each once:
    a surname's people in as many rows as spellings, however often each is mentioned."""
    wanted = _sharing(keys)
    if not wanted:
        return []
    inner = _person_mentions(wanted).order_by(None).subquery()
    query = select(inner.c.name, inner.c.party_id).distinct().order_by(inner.c.party_id)
    with store.engine.connect() as conn:
        return [(str(name), int(party)) for name, party in conn.execute(query)]


def parties_of_documents(
    store: Store, documents: Sequence[int], roles: Sequence[str] | None = None
) -> list[int]:
    """The parties the mentions of `documents` (in one of `roles`, when given) belong to."""
    m = mentions.c
    query = (
        select(m.party_id)
        .where(m.document_id.in_(sorted(set(documents))), m.party_id.is_not(None))
        .distinct()
    )
    if roles is not None:
        query = query.where(m.role.in_(list(roles)))
    with store.engine.connect() as conn:
        return sorted(int(p) for p in conn.scalars(query))


def keys_of_parties(store: Store, party_ids: Sequence[int], surnames: bool = False) -> set[str]:
    """The keys of the mentions of `party_ids` (their surname keys `s|...` only, when asked)."""
    m, k = mentions.c, mention_keys.c
    query = (
        select(k.key)
        .join(mentions, m.id == k.mention_id)
        .where(m.party_id.in_(sorted(set(party_ids))))
        .distinct()
    )
    if surnames:
        query = query.where(k.key.like("s|%"))
    with store.engine.connect() as conn:
        return set(conn.scalars(query))


def parties_sharing(
    store: Store, keys: Iterable[str], roles: Sequence[str] | None = None
) -> list[int]:
    """The parties of the mentions with one of `keys` (in one of `roles`, when given)."""
    wanted = _sharing(keys)
    if not wanted:
        return []
    m, k = mentions.c, mention_keys.c
    query = (
        select(m.party_id)
        .where(m.id.in_(select(k.mention_id).where(k.key.in_(wanted))), m.party_id.is_not(None))
        .distinct()
    )
    if roles is not None:
        query = query.where(m.role.in_(list(roles)))
    with store.engine.connect() as conn:
        return sorted(int(p) for p in conn.scalars(query))


def person_surnames(store: Store, mention_ids: Sequence[int]) -> set[str]:
    """The surname keys (`s|...`) of those of `mention_ids` that belong to a live person
    party: the only surnames a short form can be joined under (`cases.short_forms`)."""
    m, k = mentions.c, mention_keys.c
    query = (
        select(k.key)
        .join(mentions, m.id == k.mention_id)
        .join(parties, parties.c.id == m.party_id)
        .where(
            m.id.in_(sorted(set(mention_ids))),
            k.key.like("s|%"),
            parties.c.kind == "person",
            parties.c.merged_into.is_(None),
        )
        .distinct()
    )
    with store.engine.connect() as conn:
        return set(conn.scalars(query))

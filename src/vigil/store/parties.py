"""Parties in the store: lists and views, merge suggestions, merge and split by hand.

The only SQL of party review. A merge moves the other party's mentions,
names, case memberships and responses to the party it joins, and keeps the
other as a tombstone (`parties.merged_into`) that no build or suggestion
brings back; each moved mention remembers the party it came from
(`mentions.merged_from`), so a split can undo the merge. A split moves some
mentions to a new party of the same kind and records the pair as rejected, so
it is not suggested again. Every change is checked first, applied in one
transaction, and logged as ids and field names only: the reasons of a
suggestion quote names, so they stay in their table and never reach the log.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, false, func, insert, or_, select, update
from sqlalchemy.engine import RowMapping

from vigil.errors import InvalidMerge, InvalidSplit, ReviewError, UnknownRecord
from vigil.model import (
    MergeSuggestion,
    PartyCase,
    PartyDocument,
    PartyMention,
    PartyName,
    PartySort,
    PartySummary,
    PartyView,
)
from vigil.store import tables
from vigil.store.case_tables import (
    case_members,
    cases,
    mentions,
    parties,
    party_merge_suggestions,
    party_names,
    responses,
)
from vigil.store.changes import log_change
from vigil.store.facts import script_of
from vigil.store.store import Store

SUGGESTED, ACCEPTED, REJECTED = "suggested", "accepted", "rejected"
SPLIT_REASON = "split by hand: kept apart"
suggestions = party_merge_suggestions


def _now() -> datetime:
    return datetime.now(UTC)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _party(conn: Connection, party_id: int) -> RowMapping:
    row = conn.execute(select(parties).where(parties.c.id == party_id)).mappings().first()
    if row is None:
        raise UnknownRecord(f"no party with id {party_id}; list them with `vigil parties list`")
    return row


def _live(conn: Connection, party_id: int) -> RowMapping:
    """The party, unless it was merged into another (a tombstone cannot change)."""
    row = _party(conn, party_id)
    if row["merged_into"] is not None:
        raise InvalidMerge(
            f"party {party_id} was merged into party {row['merged_into']}; use that one"
        )
    return row


# -- short forms --------------------------------------------------------------------


def person_mentions(store: Store) -> list[tuple[int, int, str, int]]:
    """(mention, document, name, party) of every mention of a live person party."""
    m = mentions.c
    query = (
        select(m.id, m.document_id, m.name, m.party_id)
        .join(parties, parties.c.id == m.party_id)
        .where(
            parties.c.kind == "person",
            parties.c.merged_into.is_(None),
            m.document_id.is_not(None),  # a hand event's party with no document: no text
        )
        .order_by(m.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query)
        return [(int(r.id), int(r.document_id), r.name, int(r.party_id)) for r in rows]


def move_mentions(store: Store, moves: Sequence[tuple[int, int, int]], actor: str = "local") -> int:
    """Move mentions (mention, from party, to party) to another party, each remembering its
    old one (`merged_from`, so a split undoes it); a party left with no mention is merged
    into the one its mentions went to. One transaction; returns the parties emptied."""
    if not moves:
        return 0
    m = mentions.c
    emptied = 0
    with store.engine.begin() as conn:
        for mention_id, old, new in moves:
            name = conn.scalar(select(m.name).where(m.id == mention_id, m.party_id == old))
            if name is None:
                continue
            _live(conn, new)
            conn.execute(
                update(mentions).where(m.id == mention_id).values(party_id=new, merged_from=old)
            )
            if not conn.scalar(
                select(func.count())
                .select_from(party_names)
                .where(party_names.c.party_id == new, party_names.c.name == name)
            ):
                conn.execute(
                    insert(party_names).values(party_id=new, name=name, script=script_of(name))
                )
        for old, new in dict.fromkeys((old, new) for _, old, new in moves):
            row = _party(conn, old)
            if row["merged_into"] is None and not conn.scalar(
                select(func.count()).select_from(mentions).where(m.party_id == old)
            ):
                _merge(conn, new, old, actor)
                emptied += 1
        log_change(
            conn,
            actor,
            "short_forms",
            "party",
            None,
            {"mentions": len(moves), "parties_merged": emptied},
        )
    return emptied


# -- correcting ---------------------------------------------------------------------


def edit_party(
    store: Store,
    party_id: int,
    *,
    name: str | None = None,
    kind: str | None = None,
    review_state: str | None = None,
    actor: str = "local",
) -> None:
    """Rename a party (the new name joins its spellings), change its kind or review state."""
    values: dict[str, Any] = {
        k: v for k, v in (("name", name), ("kind", kind), ("review_state", review_state)) if v
    }
    if not values:
        return
    with store.engine.begin() as conn:
        _live(conn, party_id)
        conn.execute(update(parties).where(parties.c.id == party_id).values(**values))
        if name is not None and not conn.scalar(
            select(func.count())
            .select_from(party_names)
            .where(party_names.c.party_id == party_id, party_names.c.name == name)
        ):
            conn.execute(
                insert(party_names).values(party_id=party_id, name=name, script=script_of(name))
            )
        log_change(conn, actor, "edit", "party", party_id, {"fields": sorted(values)})


# -- reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """One spelling of a live party (its kind too: the resolver compares kinds)."""

    party_id: int
    kind: str | None
    name: str


@dataclass(frozen=True)
class NameLookup:
    """What one pass over the parties' spellings found for a typed name."""

    containing: frozenset[int]
    """Live parties one of whose spellings contains the name (a merged party's names
    lead to the party it joined)."""
    sharing: tuple[Spelling, ...]
    """Live parties' spellings that contain one of the name's words (three letters or
    more): the few worth asking the resolver about (a shared word is its blocking key)."""


def list_parties(
    store: Store,
    *,
    kind: str | None = None,
    query: str | None = None,
    also: Iterable[int] = (),
    matched: Iterable[int] | None = None,
    sort: PartySort = PartySort.ID,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[PartySummary]:
    """Parties (not the merged tombstones) in `sort` order; `query` matches any spelling.

    A spelling is the party's name or one of its recorded names (`party_names` holds
    the words of every mention given to it, and a merge moves them along); a merged
    party's own name leads to the party it joined.
    `also`: more parties to list with those the query matches (spellings the
    resolver joins, found by the caller). `matched`: the parties to list, found by the
    caller (`name_lookup`), instead of `query` and `also`. `limit`/`offset`: one page.
    """
    with store.engine.connect() as conn:
        ids = _matching(conn, query, also) if matched is None else _live_ids(conn, set(matched))
        return _summaries(
            conn, kind=kind, ids=ids, live_only=True, sort=sort, descending=descending,
            limit=limit, offset=offset,
        )


def count_parties(
    store: Store,
    *,
    kind: str | None = None,
    query: str | None = None,
    also: Iterable[int] = (),
    matched: Iterable[int] | None = None,
) -> int:
    """How many parties `list_parties` lists with the same filters (all pages)."""
    with store.engine.connect() as conn:
        ids = _matching(conn, query, also) if matched is None else _live_ids(conn, set(matched))
        stmt = select(func.count()).select_from(parties).where(parties.c.merged_into.is_(None))
        if kind:
            stmt = stmt.where(parties.c.kind == kind)
        if ids is not None:
            stmt = stmt.where(parties.c.id.in_(sorted(ids)))
        return int(conn.scalar(stmt) or 0)


def _matching(conn: Connection, query: str | None, also: Iterable[int]) -> set[int] | None:
    """The live parties one of whose spellings contains `query` (None: no query).

    The database narrows (case-insensitive for ASCII letters), Python decides
    (`casefold`, every script); a merged party's names lead to the party it joined.
    """
    if not query or not query.strip():
        return None
    needle = query.strip().casefold()
    ids = {
        int(party_id)
        for column_id, column_name in (
            (party_names.c.party_id, party_names.c.name),
            (parties.c.id, parties.c.name),
        )
        for party_id, name in conn.execute(
            select(column_id, column_name).where(_contains(column_name, needle))
        )
        if needle in name.casefold()
    }
    ids |= set(also)
    return _live_ids(conn, ids)


def name_lookup(store: Store, query: str) -> NameLookup:
    """The parties a typed name finds, from one scan of the recorded names (each row
    flagged by which test it passed) and one of the parties' own names.

    Both tests are the database's (`_contains`), so both dialects narrow as before;
    `containing` is then decided in Python (`casefold`, every script).
    """
    needle = query.strip().casefold()
    if not needle:
        return NameLookup(frozenset(), ())
    words = [w.casefold() for w in re.findall(r"\w+", query) if len(w) >= 3]
    scan = name_lookup_statement(needle, words)
    own = select(parties.c.id, parties.c.name).where(_contains(parties.c.name, needle))
    # SQLite: only the rows its trigram index finds are tested (PostgreSQL's LIKE reads its own)
    narrow = store.dialect.name_candidates("party_names", [needle, *words])
    scan = scan if narrow is None else scan.where(narrow)
    narrow = store.dialect.name_candidates("parties", [needle])
    own = own if narrow is None else own.where(narrow)
    containing: set[int] = set()
    sharing: list[Spelling] = []
    with store.engine.connect() as conn:
        for r in conn.execute(scan):
            if r.has_needle and needle in r.name.casefold():
                containing.add(int(r.party_id))
            if r.has_word and r.merged_into is None:
                sharing.append(Spelling(int(r.party_id), r.kind, r.name))
        containing |= {int(i) for i, name in conn.execute(own) if needle in name.casefold()}
        return NameLookup(frozenset(_live_ids(conn, containing)), tuple(sharing))


def name_lookup_statement(needle: str, words: list[str]) -> Select[Any]:
    """The recorded names containing `needle` or one of `words`, each flagged by which test
    it passed (PostgreSQL serves both from a trigram index, migration 21)."""
    has_needle = _contains(party_names.c.name, needle)
    has_word = or_(*(_contains(party_names.c.name, w) for w in words)) if words else false()
    return (
        select(
            party_names.c.party_id,
            parties.c.kind,
            parties.c.merged_into,
            party_names.c.name,
            has_needle.label("has_needle"),
            has_word.label("has_word"),
        )
        .join(parties, parties.c.id == party_names.c.party_id)
        .where(or_(has_needle, has_word))
    )


def _contains(column: Any, needle: str) -> Any:
    """`column` contains `needle`, ignoring the case of ASCII letters (both dialects)."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _live_ids(conn: Connection, ids: set[int]) -> set[int]:
    """Each party, or the live party a merged one joined (following chains of merges)."""
    merged = {
        int(r.id): int(r.merged_into)
        for r in conn.execute(
            select(parties.c.id, parties.c.merged_into).where(parties.c.merged_into.is_not(None))
        )
    }
    live: set[int] = set()
    for party_id in ids:
        seen: set[int] = set()
        while party_id in merged and party_id not in seen:
            seen.add(party_id)
            party_id = merged[party_id]
        live.add(party_id)
    return live


def spellings(store: Store, party_ids: Iterable[int]) -> dict[int, list[str]]:
    """Every spelling the store has joined to each party: its name, its recorded names,
    and the words of each mention of it (merged parties' included), in first-seen order."""
    wanted = sorted(set(party_ids))
    found: dict[int, list[str]] = {p: [] for p in wanted}
    if not wanted:
        return found
    queries = (
        select(parties.c.id, parties.c.name).where(parties.c.id.in_(wanted)),
        select(party_names.c.party_id, party_names.c.name)
        .where(party_names.c.party_id.in_(wanted))
        .order_by(party_names.c.id),
        select(mentions.c.party_id, mentions.c.name)
        .where(mentions.c.party_id.in_(wanted))
        .distinct()
        .order_by(mentions.c.party_id, mentions.c.name),
    )
    with store.engine.connect() as conn:
        for query in queries:
            for party_id, name in conn.execute(query):
                names = found[int(party_id)]
                if name and name.strip() and name.strip() not in names:
                    names.append(name.strip())
    return found


def _summaries(
    conn: Connection,
    *,
    kind: str | None,
    ids: Iterable[int] | None,
    live_only: bool,
    sort: PartySort = PartySort.ID,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[PartySummary]:
    m = mentions.c
    wanted = None if ids is None else sorted(set(ids))
    if wanted == []:
        return []
    counting = select(
        m.party_id,
        func.count().label("mentions"),
        func.count(func.distinct(m.document_id)).label("documents"),
    ).group_by(m.party_id)
    named = select(party_names.c.party_id, func.count().label("names")).group_by(
        party_names.c.party_id
    )
    if wanted is not None:  # count only the parties listed, not every mention in the store
        counting = counting.where(m.party_id.in_(wanted))
        named = named.where(party_names.c.party_id.in_(wanted))
    counts = counting.subquery()
    spellings = named.subquery()
    query = (
        select(
            parties.c.id,
            parties.c.name,
            parties.c.kind,
            parties.c.merged_into,
            parties.c.review_state,
            func.coalesce(spellings.c.names, 0).label("names"),
            func.coalesce(counts.c.mentions, 0).label("mentions"),
            func.coalesce(counts.c.documents, 0).label("documents"),
        )
        .outerjoin(counts, counts.c.party_id == parties.c.id)
        .outerjoin(spellings, spellings.c.party_id == parties.c.id)
    )
    # The sort key is an enum member mapped to a column here: nothing from a request
    # reaches the SQL text. The id breaks ties, so pages never overlap.
    key = {
        PartySort.ID: parties.c.id,
        PartySort.NAME: func.lower(parties.c.name),
        PartySort.KIND: parties.c.kind,
        PartySort.DOCUMENTS: func.coalesce(counts.c.documents, 0),
    }[PartySort(sort)]
    if descending:
        query = query.order_by(key.desc().nulls_last(), parties.c.id.desc())
    else:
        query = query.order_by(key.asc().nulls_last(), parties.c.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    if live_only:
        query = query.where(parties.c.merged_into.is_(None))
    if kind:
        query = query.where(parties.c.kind == kind)
    if wanted is not None:
        query = query.where(parties.c.id.in_(wanted))
    return [
        PartySummary(
            int(r.id),
            r.name,
            r.kind,
            int(r.names),
            int(r.mentions),
            int(r.documents),
            r.merged_into,
            r.review_state,
        )
        for r in conn.execute(query)
    ]


def party_view(store: Store, party_id: int) -> PartyView:
    """One party (a tombstone too: it says where it went) with everything that points at it."""
    m = mentions.c
    with store.engine.connect() as conn:
        _party(conn, party_id)
        [summary] = _summaries(conn, kind=None, ids=[party_id], live_only=False)
        names = [
            PartyName(r.name, r.script)
            for r in conn.execute(
                select(party_names.c.name, party_names.c.script)
                .where(party_names.c.party_id == party_id)
                .order_by(party_names.c.id)
            )
        ]
        found = [
            PartyMention(int(r.id), int(r.document_id), r.role, r.name, r.merged_from)
            for r in conn.execute(
                select(m.id, m.document_id, m.role, m.name, m.merged_from)
                .where(m.party_id == party_id, m.document_id.is_not(None))
                .order_by(m.id)
            )
        ]
        d = tables.documents.c
        titles = {
            int(r.id): r.title
            for r in conn.execute(
                select(d.id, d.title).where(d.id.in_(sorted({x.document_id for x in found})))
            )
        }
        roles: dict[int, list[str]] = {}
        for x in found:
            doc_roles = roles.setdefault(x.document_id, [])
            if x.role not in doc_roles:
                doc_roles.append(x.role)
        documents = [PartyDocument(d, titles.get(d), r) for d, r in sorted(roles.items())]
        in_cases = [
            PartyCase(int(r.id), r.name, r.status, r.role)
            for r in conn.execute(
                select(cases.c.id, cases.c.name, cases.c.status, case_members.c.role)
                .join(case_members, case_members.c.case_id == cases.c.id)
                .where(case_members.c.party_id == party_id)
                .order_by(cases.c.id)
            )
        ]
        waiting = _suggestions(
            conn,
            and_(
                suggestions.c.review_state == SUGGESTED,
                or_(suggestions.c.party_a == party_id, suggestions.c.party_b == party_id),
            ),
        )
    return PartyView(summary, names, found, documents, in_cases, waiting)


def _suggestions(conn: Connection, where: Any) -> list[MergeSuggestion]:
    a, b = parties.alias("a"), parties.alias("b")
    s = suggestions.c
    query = (
        select(
            s.id,
            s.party_a,
            a.c.name.label("name_a"),
            a.c.kind.label("kind_a"),
            s.party_b,
            b.c.name.label("name_b"),
            b.c.kind.label("kind_b"),
            s.score,
            s.reasons,
            s.review_state,
        )
        .join(a, a.c.id == s.party_a)
        .join(b, b.c.id == s.party_b)
        .where(where, a.c.merged_into.is_(None), b.c.merged_into.is_(None))
        .order_by(s.score.desc(), s.id)
    )
    return [
        MergeSuggestion(
            int(r.id),
            int(r.party_a),
            r.name_a,
            r.kind_a,
            int(r.party_b),
            r.name_b,
            r.kind_b,
            float(r.score),
            list(json.loads(r.reasons)),
            r.review_state,
        )
        for r in conn.execute(query)
    ]


def open_suggestions(store: Store) -> list[MergeSuggestion]:
    """Merge suggestions waiting for a person, best score first."""
    with store.engine.connect() as conn:
        return _suggestions(conn, suggestions.c.review_state == SUGGESTED)


def get_suggestion(store: Store, suggestion_id: int) -> MergeSuggestion:
    with store.engine.connect() as conn:
        _suggestion_row(conn, suggestion_id)
        found = _suggestions(conn, suggestions.c.id == suggestion_id)
    if not found:
        raise InvalidMerge(
            f"merge suggestion {suggestion_id} names a party merged since; "
            "run `vigil parties review --list` again"
        )
    return found[0]


def party_names_for_resolution(
    store: Store, among: Sequence[int] | None = None
) -> list[tuple[int, str | None, str]]:
    """(party id, kind, spelling) of every spelling of every party still in use (of
    `among`, when given)."""
    query = (
        select(parties.c.id, parties.c.kind, party_names.c.name)
        .join(party_names, party_names.c.party_id == parties.c.id)
        .where(parties.c.merged_into.is_(None))
        .order_by(parties.c.id, party_names.c.id)
    )
    if among is not None:
        query = query.where(parties.c.id.in_(sorted(set(among))))
    with store.engine.connect() as conn:
        return [(int(r.id), r.kind, r.name) for r in conn.execute(query)]


def known_pairs(store: Store) -> set[tuple[int, int]]:
    """Every pair already suggested, whatever became of it (a decided pair is not asked again)."""
    with store.engine.connect() as conn:
        return {
            (int(a), int(b))
            for a, b in conn.execute(select(suggestions.c.party_a, suggestions.c.party_b))
        }


# -- writing ----------------------------------------------------------------------------


def add_suggestions(
    store: Store, found: Sequence[tuple[int, int, float, list[str]]], actor: str = "local"
) -> list[int]:
    """Store new merge suggestions (pairs already known are skipped); returns their ids."""
    made: list[int] = []
    with store.engine.begin() as conn:
        known = {
            (int(a), int(b))
            for a, b in conn.execute(select(suggestions.c.party_a, suggestions.c.party_b))
        }
        for a, b, score, reasons in found:
            pair = _pair(a, b)
            if a == b or pair in known:
                continue
            known.add(pair)
            key = conn.execute(
                insert(suggestions).values(
                    party_a=pair[0],
                    party_b=pair[1],
                    score=round(float(score), 4),
                    reasons=json.dumps(reasons, ensure_ascii=False),
                    review_state=SUGGESTED,
                    created_at=_now(),
                    actor=actor,
                )
            ).inserted_primary_key
            assert key is not None
            made.append(int(key[0]))
            log_change(
                conn,
                actor,
                "suggest",
                "party_merge_suggestion",
                made[-1],
                {"parties": list(pair), "fields": ["score", "reasons"]},
            )
    return made


def _suggestion_row(conn: Connection, suggestion_id: int) -> RowMapping:
    row = conn.execute(select(suggestions).where(suggestions.c.id == suggestion_id)).mappings()
    found = row.first()
    if found is None:
        raise UnknownRecord(
            f"no merge suggestion with id {suggestion_id}; list them with "
            "`vigil parties review --list`"
        )
    return found


def decide_suggestion(store: Store, suggestion_id: int, state: str, actor: str = "local") -> int:
    """Accept (merge the later party into the earlier) or reject a suggestion.

    Returns the party kept (accepted) or the first of the pair (rejected).
    """
    if state not in (ACCEPTED, REJECTED):
        raise ReviewError(f"a merge suggestion is accepted or rejected, not {state!r}")
    with store.engine.begin() as conn:
        row = _suggestion_row(conn, suggestion_id)
        if row["review_state"] != SUGGESTED:
            raise ReviewError(
                f"merge suggestion {suggestion_id} was already {row['review_state']}; "
                "nothing to decide"
            )
        into, other = int(row["party_a"]), int(row["party_b"])
        if state == ACCEPTED:
            _merge(conn, into, other, actor)
        else:
            _live(conn, into)
            _live(conn, other)
        conn.execute(
            update(suggestions)
            .where(suggestions.c.id == suggestion_id)
            .values(review_state=state, decided_at=_now(), actor=actor)
        )
        log_change(
            conn,
            actor,
            "accept" if state == ACCEPTED else "reject",
            "party_merge_suggestion",
            suggestion_id,
            {"parties": [into, other], "fields": ["review_state", "decided_at", "actor"]},
        )
    return into


def merge_parties(store: Store, into: int, other: int, actor: str = "local") -> int:
    """Merge party `other` into `into` (checked first; one transaction); returns mentions moved."""
    with store.engine.begin() as conn:
        return _merge(conn, into, other, actor)


def _merge(conn: Connection, into: int, other: int, actor: str) -> int:
    if into == other:
        raise InvalidMerge(f"party {into} cannot be merged into itself; give two different ids")
    kept, gone = _live(conn, into), _live(conn, other)
    if kept["kind"] and gone["kind"] and kept["kind"] != gone["kind"]:
        raise InvalidMerge(
            f"party {other} is of kind {gone['kind']} and party {into} of kind {kept['kind']}: "
            "parties of different kinds are never merged"
        )
    now = _now()
    m = mentions.c
    moved = list(conn.scalars(select(m.id).where(m.party_id == other).order_by(m.id)))
    conn.execute(
        update(mentions).where(m.party_id == other).values(party_id=into, merged_from=other)
    )
    have = set(conn.scalars(select(party_names.c.name).where(party_names.c.party_id == into)))
    for name_id, spelling in conn.execute(
        select(party_names.c.id, party_names.c.name).where(party_names.c.party_id == other)
    ):
        if spelling in have:
            conn.execute(delete(party_names).where(party_names.c.id == name_id))
        else:
            conn.execute(
                update(party_names).where(party_names.c.id == name_id).values(party_id=into)
            )
    member_of = set(
        conn.scalars(select(case_members.c.case_id).where(case_members.c.party_id == into))
    )
    for case_id in list(
        conn.scalars(select(case_members.c.case_id).where(case_members.c.party_id == other))
    ):
        where = and_(case_members.c.case_id == case_id, case_members.c.party_id == other)
        if case_id in member_of:
            conn.execute(delete(case_members).where(where))
        else:
            conn.execute(update(case_members).where(where).values(party_id=into))
    if conn.scalar(select(cases.c.id).where(cases.c.suggested_for == into)) is None:
        conn.execute(update(cases).where(cases.c.suggested_for == other).values(suggested_for=into))
    conn.execute(update(responses).where(responses.c.from_party == other).values(from_party=into))
    _carry_suggestions(conn, into, other, actor, now)
    conn.execute(update(parties).where(parties.c.id == other).values(merged_into=into))
    log_change(
        conn,
        actor,
        "merge",
        "party",
        into,
        {
            "merged": other,
            "mention_ids": moved,
            "fields": ["party_id", "merged_from", "merged_into"],
        },
    )
    return len(moved)


def _carry_suggestions(conn: Connection, into: int, other: int, actor: str, now: datetime) -> None:
    """What was suggested about `other` now concerns `into`.

    The pair itself, if waiting, is accepted; a rejection of (other, X) is
    copied to (into, X) so X is not suggested again; a waiting (other, X) moves
    to (into, X), or goes if that pair is already known.
    """
    s = suggestions.c
    rows = list(
        conn.execute(
            select(suggestions).where(or_(s.party_a == other, s.party_b == other))
        ).mappings()
    )
    known = {
        (int(a), int(b))
        for a, b in conn.execute(
            select(s.party_a, s.party_b).where(or_(s.party_a == into, s.party_b == into))
        )
    }
    for row in rows:
        x = int(row["party_b"] if row["party_a"] == other else row["party_a"])
        if x == into:
            if row["review_state"] == SUGGESTED:
                conn.execute(
                    update(suggestions)
                    .where(s.id == row["id"])
                    .values(review_state=ACCEPTED, decided_at=now, actor=actor)
                )
            continue
        pair = _pair(into, x)
        if row["review_state"] == REJECTED and pair not in known:
            conn.execute(
                insert(suggestions).values(
                    party_a=pair[0],
                    party_b=pair[1],
                    score=row["score"],
                    reasons=row["reasons"],
                    review_state=REJECTED,
                    created_at=now,
                    decided_at=now,
                    actor=actor,
                )
            )
            known.add(pair)
        elif row["review_state"] == SUGGESTED:
            if pair in known:
                conn.execute(delete(suggestions).where(s.id == row["id"]))
            else:
                conn.execute(
                    update(suggestions)
                    .where(s.id == row["id"])
                    .values(party_a=pair[0], party_b=pair[1])
                )
                known.add(pair)


def split_party(
    store: Store, party_id: int, mention_ids: Iterable[int], actor: str = "local"
) -> int:
    """Move some of a party's mentions to a new party of the same kind; returns its id."""
    ids = sorted(set(mention_ids))
    if not ids:
        raise InvalidSplit("choose at least one mention to move to a new party")
    m = mentions.c
    with store.engine.begin() as conn:
        row = _live(conn, party_id)
        have = {int(r.id): r.name for r in conn.execute(
            select(m.id, m.name).where(m.party_id == party_id).order_by(m.id)
        )}  # fmt: skip
        foreign = [i for i in ids if i not in have]
        if foreign:
            shown = ", ".join(map(str, foreign[:10])) + (", ..." if len(foreign) > 10 else "")
            raise InvalidSplit(
                f"mention(s) {shown} are not mentions of party {party_id}; "
                f"see `vigil parties show {party_id}`"
            )
        if len(ids) == len(have):
            raise InvalidSplit(
                f"a split must leave party {party_id} at least one mention; "
                "to move all of them, merge the party instead"
            )
        now = _now()
        moving = list(dict.fromkeys(have[i] for i in ids))
        staying = list(dict.fromkeys(n for i, n in have.items() if i not in set(ids)))
        key = conn.execute(
            insert(parties).values(
                kind=row["kind"], name=moving[0], review_state="confirmed", created_at=now
            )
        ).inserted_primary_key
        assert key is not None
        new_id = int(key[0])
        conn.execute(
            update(mentions).where(m.id.in_(ids)).values(party_id=new_id, merged_from=None)
        )
        for spelling in moving:
            conn.execute(
                insert(party_names).values(
                    party_id=new_id, name=spelling, script=script_of(spelling)
                )
            )
        gone = [n for n in moving if n not in staying]
        if gone:
            conn.execute(
                delete(party_names).where(
                    party_names.c.party_id == party_id, party_names.c.name.in_(gone)
                )
            )
        fields = ["party_id", "merged_from"]
        if row["name"] in gone:
            conn.execute(update(parties).where(parties.c.id == party_id).values(name=staying[0]))
            fields.append("name")
        pair = _pair(party_id, new_id)
        conn.execute(
            insert(suggestions).values(
                party_a=pair[0],
                party_b=pair[1],
                score=0.0,
                reasons=json.dumps([SPLIT_REASON]),
                review_state=REJECTED,
                created_at=now,
                decided_at=now,
                actor=actor,
            )
        )
        log_change(
            conn,
            actor,
            "split",
            "party",
            party_id,
            {"new_party": new_id, "mention_ids": ids, "fields": fields},
        )
        log_change(conn, actor, "create", "party", new_id, {"split_from": party_id})
    return new_id

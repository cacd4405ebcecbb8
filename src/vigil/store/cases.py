"""The case file in the store: parties, mentions, events, interventions, responses, cases.

The only SQL of the case file. Writing `DocumentFacts` is idempotent (rows
are found by their natural key, document and key, before any insert); every
change a person makes is checked and applied in one transaction, and
appended to the change log as ids and field names only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, update

from vigil.errors import InvalidIntervention, InvalidMerge, InvalidResponse, UnknownRecord
from vigil.model import (
    CaseSummary,
    CaseView,
    DocumentFacts,
    FactSource,
    InterventionSummary,
    MentionRow,
    PartyRole,
    Quote,
    ResponseRecord,
    Span,
    TimelineItem,
)
from vigil.store import tables
from vigil.store.case_tables import (
    case_documents,
    case_members,
    cases,
    event_parties,
    events,
    intervention_demands,
    intervention_events,
    intervention_hand_parties,
    intervention_parties,
    intervention_sources,
    intervention_status_history,
    interventions,
    mentions,
    parties,
    party_names,
    responses,
)
from vigil.store.changes import log_change
from vigil.store.extraction_tables import extractions
from vigil.store.store import Store

AT_RISK_ROLES = ("person_at_risk", "group_at_risk")


def _now() -> datetime:
    return datetime.now(UTC)


def _source(source: FactSource) -> dict[str, Any]:
    return {
        "spans": json.dumps([[s.start, s.end] for s in source.spans]),
        "component": source.component,
        "rule": source.rule,
        "confidence": source.confidence,
        "review_state": "suggested",
    }


def _spans(raw: str) -> list[Span]:
    return [Span(a, b) for a, b in json.loads(raw)]


def _inserted(conn: Connection, stmt: Any) -> int:
    key = conn.execute(stmt).inserted_primary_key
    assert key is not None  # always set for an insert
    return int(key[0])


def _find_or_insert(
    conn: Connection, table: Table, document_id: int, key: str, values: dict[str, Any]
) -> tuple[int, bool]:
    """The row of (document, key), inserted with `values` if missing; (id, inserted)."""
    found = conn.scalar(
        select(table.c.id).where(table.c.document_id == document_id, table.c.key == key)
    )
    if found is not None:
        return int(found), False
    new_id = _inserted(conn, table.insert().values(document_id=document_id, key=key, **values))
    return new_id, True


# -- building from extractions -------------------------------------------------


def extracted_documents(store: Store) -> list[tuple[int, datetime]]:
    """(id, recorded at) of every document with an extraction, in id order."""
    d = tables.documents.c
    query = (
        select(d.id, d.created_at)
        .join(extractions, extractions.c.document_id == d.id)
        .order_by(d.id)
    )
    with store.engine.connect() as conn:
        return [(int(i), at) for i, at in conn.execute(query)]


def save_document_facts(
    store: Store,
    facts: DocumentFacts,
    actor: str = "local",
    *,
    repeats: tuple[int, float] | None = None,
) -> dict[str, int]:
    """Write what is missing of one document's facts; returns the counts added.

    `repeats` (intervention id, similarity): the document is a near-duplicate of
    that intervention's letter (or its own source, for one recorded by hand).
    Its letter becomes one more source of that intervention, and each earlier
    appeal it mentions joins the one of the same key and status from the first
    document, instead of new interventions.
    """
    added = {"mentions": 0, "events": 0, "interventions": 0, "sources": 0}
    doc = facts.document_id
    with store.engine.begin() as conn:
        joined = _repeated(conn, doc, facts, repeats) if repeats is not None else {}
        for intervention_id, similarity in joined.values():
            added["sources"] += _add_source(conn, intervention_id, doc, similarity)
        mention_ids: dict[str, int] = {}
        for m in facts.mentions:
            mention_id, inserted = _find_or_insert(
                conn,
                mentions,
                doc,
                m.key,
                {"role": m.role, "name": m.name, "kind": m.kind, **_source(m.source)},
            )
            added["mentions"] += inserted
            mention_ids[m.key] = mention_id
        event_ids: dict[str, int] = {}
        for e in facts.events:
            event_id, inserted = _find_or_insert(
                conn,
                events,
                doc,
                e.key,
                {
                    "type": e.type,
                    "date": e.date,
                    "date_precision": e.date_precision,
                    "place": e.place,
                    "modality": e.modality,
                    **_source(e.source),
                },
            )
            if inserted:
                added["events"] += 1
                alleged = mention_ids.get(e.alleged_by) if e.alleged_by else None
                links = {(mention_ids[k], "subject") for k in e.subjects if k in mention_ids}
                links |= {(mention_ids[k], "actor") for k in e.actors if k in mention_ids}
                for mention_id, role in sorted(links):
                    conn.execute(
                        event_parties.insert().values(
                            event_id=event_id,
                            mention_id=mention_id,
                            role=role,
                            alleged_by=alleged,
                        )
                    )
            event_ids[e.key] = event_id
        for i in facts.interventions:
            if i.key in joined:
                continue
            new_id, inserted = _find_or_insert(
                conn,
                interventions,
                doc,
                i.key,
                {
                    "date": i.date,
                    "date_precision": i.date_precision,
                    "date_is_recorded": i.date_is_recorded,
                    "channel": i.channel,
                    "due_date": i.due_date,
                    "created_at": _now(),
                    **_source(i.source),
                },
            )
            if not inserted:
                continue
            added["interventions"] += 1
            links = {(mention_ids[k], role) for k, role in i.parties if k in mention_ids}
            for mention_id, role in sorted(links):
                conn.execute(
                    intervention_parties.insert().values(
                        intervention_id=new_id, mention_id=mention_id, role=role
                    )
                )
            for key in dict.fromkeys(i.events):
                if key in event_ids:
                    conn.execute(
                        intervention_events.insert().values(
                            intervention_id=new_id, event_id=event_ids[key]
                        )
                    )
            for demand in {d.demand: d for d in i.demands}.values():
                conn.execute(
                    intervention_demands.insert().values(
                        intervention_id=new_id, demand=demand.demand, **_source(demand.source)
                    )
                )
            conn.execute(
                intervention_status_history.insert().values(
                    intervention_id=new_id,
                    status=i.status,
                    at=_now(),
                    actor=actor,
                    source=i.status_source,
                    spans=json.dumps([[s.start, s.end] for s in i.source.spans]),
                )
            )
        if any(added.values()):
            log_change(conn, actor, "build", "document", doc, added)
    return added


def _repeated(
    conn: Connection, doc: int, facts: DocumentFacts, repeats: tuple[int, float]
) -> dict[str, tuple[int, float]]:
    """Fact key → (intervention, similarity) for the interventions of a repeated letter."""
    intervention_id, similarity = repeats
    first = conn.execute(
        select(interventions.c.document_id).where(interventions.c.id == intervention_id)
    ).first()
    if first is None:
        return {}
    joined: dict[str, tuple[int, float]] = {}
    for fact in facts.interventions:
        own = conn.scalar(
            select(interventions.c.id).where(
                interventions.c.document_id == doc, interventions.c.key == fact.key
            )
        )
        if own is not None:
            continue
        if fact.key == "letter":
            joined[fact.key] = (intervention_id, similarity)
            continue
        if first.document_id in (None, doc):
            continue
        same = conn.scalar(
            select(interventions.c.id).where(
                interventions.c.document_id == first.document_id,
                interventions.c.key == fact.key,
            )
        )
        h = intervention_status_history.c
        first_status = conn.scalar(
            select(h.status).where(h.intervention_id == same).order_by(h.id).limit(1)
        )
        if same is not None and first_status == fact.status:
            joined[fact.key] = (int(same), similarity)
    return joined


def _add_source(conn: Connection, intervention_id: int, doc: int, similarity: float) -> int:
    """Record `doc` as one more source of an intervention; 1 if it was not one yet."""
    s = intervention_sources.c
    i = interventions.c
    own = conn.scalar(select(i.document_id).where(i.id == intervention_id))
    if own == doc or conn.scalar(
        select(func.count())
        .select_from(intervention_sources)
        .where(s.intervention_id == intervention_id, s.document_id == doc)
    ):
        return 0
    conn.execute(
        intervention_sources.insert().values(
            intervention_id=intervention_id, document_id=doc, similarity=round(similarity, 4)
        )
    )
    return 1


def letter_owners(store: Store) -> dict[int, int]:
    """Document id → the intervention whose own document it is (its letter, or by hand)."""
    i = interventions.c
    query = (
        select(i.document_id, func.min(i.id))
        .where(i.document_id.is_not(None), (i.key == "letter") | i.key.is_(None))
        .group_by(i.document_id)
    )
    with store.engine.connect() as conn:
        return {int(d): int(iid) for d, iid in conn.execute(query)}


def repeated_letters(store: Store) -> dict[int, tuple[int, float]]:
    """Document id → (intervention, similarity) for documents already joined as repeats."""
    s = intervention_sources.c
    query = select(s.document_id, s.intervention_id, s.similarity).order_by(s.intervention_id)
    with store.engine.connect() as conn:
        found: dict[int, tuple[int, float]] = {}
        for d, iid, sim in conn.execute(query):
            found.setdefault(int(d), (int(iid), float(sim)))
        return found


def intervention_addressees(store: Store, intervention_id: int) -> list[str]:
    """The addressee names (as written, or as named by hand) of one intervention."""
    with store.engine.connect() as conn:
        written = conn.scalars(
            select(mentions.c.name)
            .join(intervention_parties, intervention_parties.c.mention_id == mentions.c.id)
            .where(
                intervention_parties.c.intervention_id == intervention_id,
                intervention_parties.c.role == "addressee",
            )
        ).all()
        by_hand = [p.name for p in _hand_parties(conn, intervention_id) if p.role == "addressee"]
        return [*written, *by_hand]


def document_text(store: Store, document_id: int) -> str:
    """The clean text of one document ('' when there is none)."""
    d = tables.documents.c
    with store.engine.connect() as conn:
        return str(conn.scalar(select(d.text).where(d.id == document_id)) or "")


def load_mentions(store: Store) -> list[MentionRow]:
    m = mentions.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(m.id, m.name, m.kind, m.party_id).order_by(m.id))
        return [MentionRow(int(r.id), r.name, r.kind, r.party_id) for r in rows]


def assign_parties(
    store: Store,
    groups: Sequence[tuple[int | None, list[MentionRow], str | None, str]],
    actor: str = "local",
) -> int:
    """Give each group of mentions its party: the existing one, or a new (kind, name).

    Only mentions without a party are assigned; returns the number of parties made.
    """
    made = 0
    with store.engine.begin() as conn:
        for party_id, members, kind, name in groups:
            if party_id is None:
                party_id = _inserted(
                    conn, parties.insert().values(kind=kind, name=name, created_at=_now())
                )
                made += 1
                log_change(conn, actor, "create", "party", party_id, {"mentions": len(members)})
            new = [m.id for m in members if m.party_id is None]
            if new:
                conn.execute(
                    update(mentions).where(mentions.c.id.in_(new)).values(party_id=party_id)
                )
            known = set(
                conn.scalars(select(party_names.c.name).where(party_names.c.party_id == party_id))
            )
            for spelling in dict.fromkeys(m.name for m in members):
                if spelling not in known:
                    conn.execute(
                        party_names.insert().values(
                            party_id=party_id, name=spelling, script=script_of(spelling)
                        )
                    )
    return made


def script_of(name: str) -> str:
    """The script of a name's first letter: latin, arabic, cyrillic, ... (unicodedata)."""
    import unicodedata

    for char in name:
        if char.isalpha():
            return unicodedata.name(char, "UNKNOWN").split(" ")[0].lower()
    return "unknown"


def at_risk_parties(store: Store) -> list[tuple[int, str]]:
    """(party id, name) of every party mentioned as at risk, in order of first mention."""
    m = mentions.c
    query = (
        select(parties.c.id, parties.c.name, func.min(m.id).label("first"))
        .join(mentions, m.party_id == parties.c.id)
        .where(m.role.in_(AT_RISK_ROLES))
        .group_by(parties.c.id, parties.c.name)
        .order_by("first")
    )
    with store.engine.connect() as conn:
        return [(int(r.id), r.name) for r in conn.execute(query)]


# -- cases -----------------------------------------------------------------------


def _require(conn: Connection, table: Any, record_id: int, what: str) -> Any:
    row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        raise UnknownRecord(
            f"no {what} with id {record_id}; list them with `vigil {what}s`"
            if what in ("case", "intervention")
            else f"no {what} with id {record_id}"
        )
    return row


def create_case(
    store: Store,
    name: str,
    *,
    members: Iterable[int] = (),
    suggested_for: int | None = None,
    review_state: str = "confirmed",
    actor: str = "local",
) -> int | None:
    """Create a case; None if one was already suggested for `suggested_for`."""
    now = _now()
    with store.engine.begin() as conn:
        if suggested_for is not None and conn.scalar(
            select(cases.c.id).where(cases.c.suggested_for == suggested_for)
        ):
            return None
        member_ids = list(dict.fromkeys(members))
        for party_id in member_ids:
            _require(conn, parties, party_id, "party")
        case_id = _inserted(
            conn,
            cases.insert().values(
                name=name,
                status="open",
                suggested_for=suggested_for,
                review_state=review_state,
                created_at=now,
                updated_at=now,
            ),
        )
        for party_id in member_ids:
            conn.execute(
                case_members.insert().values(
                    case_id=case_id, party_id=party_id, role="at_risk", review_state=review_state
                )
            )
        log_change(conn, actor, "create", "case", case_id, {"members": member_ids})
    return case_id


def _open_case(conn: Connection, case_id: int) -> Any:
    row = _require(conn, cases, case_id, "case")
    if row["status"] == "merged":
        raise InvalidMerge(f"case {case_id} was merged into case {row['merged_into']}; use that")
    return row


def add_to_case(
    store: Store,
    case_id: int,
    *,
    party_id: int | None = None,
    document_id: int | None = None,
    actor: str = "local",
) -> bool:
    """Add a party at risk or a document to a case; False if it was there already."""
    with store.engine.begin() as conn:
        _open_case(conn, case_id)
        if party_id is not None:
            _require(conn, parties, party_id, "party")
            if conn.scalar(
                select(func.count())
                .select_from(case_members)
                .where(case_members.c.case_id == case_id, case_members.c.party_id == party_id)
            ):
                return False
            conn.execute(
                case_members.insert().values(
                    case_id=case_id, party_id=party_id, role="at_risk", review_state="confirmed"
                )
            )
            log_change(conn, actor, "add_party", "case", case_id, {"party_id": party_id})
        if document_id is not None:
            _require(conn, tables.documents, document_id, "document")
            if conn.scalar(
                select(func.count())
                .select_from(case_documents)
                .where(
                    case_documents.c.case_id == case_id, case_documents.c.document_id == document_id
                )
            ):
                return False
            conn.execute(case_documents.insert().values(case_id=case_id, document_id=document_id))
            log_change(conn, actor, "add_document", "case", case_id, {"document_id": document_id})
    return True


def merge_cases(store: Store, into: int, other: int, actor: str = "local") -> None:
    """Move the members and documents of `other` into `into`; `other` is marked merged."""
    if into == other:
        raise InvalidMerge(f"case {into} cannot be merged into itself; give two different ids")
    with store.engine.begin() as conn:
        _open_case(conn, into)
        _open_case(conn, other)
        have = set(
            conn.scalars(select(case_members.c.party_id).where(case_members.c.case_id == into))
        )
        for row in conn.execute(
            select(case_members).where(case_members.c.case_id == other)
        ).mappings():
            if row["party_id"] not in have:
                conn.execute(case_members.insert().values({**row, "case_id": into}))
        docs = set(
            conn.scalars(
                select(case_documents.c.document_id).where(case_documents.c.case_id == into)
            )
        )
        for doc_id in conn.scalars(
            select(case_documents.c.document_id).where(case_documents.c.case_id == other)
        ):
            if doc_id not in docs:
                conn.execute(case_documents.insert().values(case_id=into, document_id=doc_id))
        conn.execute(
            update(cases)
            .where(cases.c.id == other)
            .values(status="merged", merged_into=into, updated_at=_now())
        )
        conn.execute(update(cases).where(cases.c.id == into).values(updated_at=_now()))
        log_change(
            conn,
            actor,
            "merge",
            "case",
            into,
            {"merged": other, "fields": ["status", "merged_into"]},
        )


def close_case(store: Store, case_id: int, actor: str = "local") -> None:
    with store.engine.begin() as conn:
        row = _open_case(conn, case_id)
        if row["status"] == "closed":
            return
        conn.execute(
            update(cases).where(cases.c.id == case_id).values(status="closed", updated_at=_now())
        )
        log_change(conn, actor, "close", "case", case_id, {"fields": ["status"]})


def _members(conn: Connection, case_id: int) -> list[PartyRole]:
    rows = conn.execute(
        select(parties.c.id, parties.c.name, parties.c.kind, case_members.c.role)
        .join(case_members, case_members.c.party_id == parties.c.id)
        .where(case_members.c.case_id == case_id)
        .order_by(parties.c.id)
    )
    return [PartyRole(int(r.id), r.name, r.kind, r.role) for r in rows]


def _summary(conn: Connection, row: Any) -> CaseSummary:
    return CaseSummary(
        id=int(row["id"]),
        name=row["name"],
        status=row["status"],
        merged_into=row["merged_into"],
        review_state=row["review_state"],
        members=_members(conn, int(row["id"])),
    )


def list_cases(store: Store) -> list[CaseSummary]:
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(cases).order_by(cases.c.id)).mappings())
        return [_summary(conn, r) for r in rows]


def case_view(store: Store, case_id: int) -> CaseView:
    """A case with every event and intervention about its members or its documents."""
    with store.engine.connect() as conn:
        summary = _summary(conn, _require(conn, cases, case_id, "case"))
        member_ids = [p.party_id for p in summary.members]
        explicit = list(
            conn.scalars(
                select(case_documents.c.document_id).where(case_documents.c.case_id == case_id)
            )
        )
        ev_ids = set(
            conn.scalars(
                select(event_parties.c.event_id)
                .join(mentions, mentions.c.id == event_parties.c.mention_id)
                .where(mentions.c.party_id.in_(member_ids), event_parties.c.role == "subject")
            )
        )
        ev_ids |= set(conn.scalars(select(events.c.id).where(events.c.document_id.in_(explicit))))
        iv_ids = set(
            conn.scalars(
                select(intervention_parties.c.intervention_id)
                .join(mentions, mentions.c.id == intervention_parties.c.mention_id)
                .where(
                    mentions.c.party_id.in_(member_ids), intervention_parties.c.role == "on_behalf"
                )
            )
        )
        iv_ids |= set(
            conn.scalars(
                select(interventions.c.id).where(interventions.c.document_id.in_(explicit))
            )
        )
        h = intervention_hand_parties.c
        hand = conn.execute(
            select(h.intervention_id, h.party_id).where(h.role == "on_behalf")
        ).all()
        iv_ids |= {
            int(r.intervention_id) for r in hand if _live_party(conn, int(r.party_id)) in member_ids
        }
        items: list[TimelineItem] = []
        texts: dict[int, str] = {}
        for row in conn.execute(select(events).where(events.c.id.in_(ev_ids))).mappings():
            roles = _event_parties(conn, int(row["id"]))
            items.append(
                TimelineItem(
                    what="event",
                    id=int(row["id"]),
                    label=row["type"],
                    date=row["date"],
                    date_precision=row["date_precision"],
                    document_id=row["document_id"],
                    parties=roles,
                    alleged_by=_alleged_by(conn, int(row["id"])),
                    quote=_quote(conn, texts, row["document_id"], row["spans"]),
                    review_state=row["review_state"],
                )
            )
        for summary_iv in _interventions(conn, sorted(iv_ids)):
            items.append(
                TimelineItem(
                    what="intervention",
                    id=summary_iv.id,
                    label=summary_iv.key or "by hand",
                    date=summary_iv.date,
                    date_precision=summary_iv.date_precision,
                    document_id=summary_iv.document_id,
                    parties=summary_iv.parties,
                    alleged_by=summary_iv.names("sender") if summary_iv.key != "letter" else [],
                    quote=_quote(
                        conn,
                        texts,
                        summary_iv.document_id,
                        conn.scalar(
                            select(interventions.c.spans).where(interventions.c.id == summary_iv.id)
                        )
                        or "[]",
                    ),
                    status=summary_iv.status,
                    review_state=summary_iv.review_state,
                )
            )
    dated = sorted((i for i in items if i.date), key=lambda i: (i.date or "", i.what, i.id))
    undated = sorted(
        (i for i in items if not i.date),
        key=lambda i: (
            i.document_id or 0,
            i.quote.spans[0].start if i.quote and i.quote.spans else 0,
            i.what,
            i.id,
        ),
    )
    seen: dict[tuple[int, str], PartyRole] = {(p.party_id, p.role): p for p in summary.members}
    for item in items:
        for p in item.parties:
            seen.setdefault((p.party_id, p.role), p)
    documents = sorted(set(explicit) | {i.document_id for i in items if i.document_id is not None})
    return CaseView(summary, list(seen.values()), documents, dated + undated)


def _event_parties(conn: Connection, event_id: int) -> list[PartyRole]:
    rows = conn.execute(
        select(parties.c.id, parties.c.name, parties.c.kind, event_parties.c.role)
        .select_from(event_parties)
        .join(mentions, mentions.c.id == event_parties.c.mention_id)
        .join(parties, parties.c.id == mentions.c.party_id)
        .where(event_parties.c.event_id == event_id)
        .order_by(event_parties.c.role.desc(), mentions.c.id)
    )
    return list(dict.fromkeys(PartyRole(int(r.id), r.name, r.kind, r.role) for r in rows))


def _alleged_by(conn: Connection, event_id: int) -> list[str]:
    rows = conn.scalars(
        select(mentions.c.name)
        .select_from(event_parties)
        .join(mentions, mentions.c.id == event_parties.c.alleged_by)
        .where(event_parties.c.event_id == event_id)
    )
    return list(dict.fromkeys(rows))


def _quote(conn: Connection, texts: dict[int, str], doc_id: int | None, raw: str) -> Quote | None:
    if doc_id is None:
        return None
    if doc_id not in texts:
        texts[doc_id] = (
            conn.scalar(select(tables.documents.c.text).where(tables.documents.c.id == doc_id))
            or ""
        )
    spans = _spans(raw)
    text = texts[doc_id][spans[0].start : spans[0].end] if spans else ""
    return Quote(doc_id, spans, " ".join(text.split()))


# -- interventions -------------------------------------------------------------------


def _status(conn: Connection, intervention_id: int) -> str:
    h = intervention_status_history.c
    return str(
        conn.scalar(
            select(h.status)
            .where(h.intervention_id == intervention_id)
            .order_by(h.id.desc())
            .limit(1)
        )
        or "unknown"
    )


def _interventions(conn: Connection, ids: Sequence[int] | None) -> list[InterventionSummary]:
    query = select(interventions).order_by(interventions.c.id)
    if ids is not None:
        query = query.where(interventions.c.id.in_(ids))
    out: list[InterventionSummary] = []
    for row in list(conn.execute(query).mappings()):
        iid = int(row["id"])
        roles = [
            PartyRole(int(r.id), r.name, r.kind, r.role)
            for r in conn.execute(
                select(parties.c.id, parties.c.name, parties.c.kind, intervention_parties.c.role)
                .select_from(intervention_parties)
                .join(mentions, mentions.c.id == intervention_parties.c.mention_id)
                .join(parties, parties.c.id == mentions.c.party_id)
                .where(intervention_parties.c.intervention_id == iid)
                .order_by(mentions.c.id)
            )
        ]
        roles += _hand_parties(conn, iid)
        extra = conn.scalars(
            select(intervention_sources.c.document_id)
            .where(intervention_sources.c.intervention_id == iid)
            .order_by(intervention_sources.c.document_id)
        )
        demands = list(
            conn.scalars(
                select(intervention_demands.c.demand)
                .where(intervention_demands.c.intervention_id == iid)
                .order_by(intervention_demands.c.demand)
            )
        )
        answers = [
            ResponseRecord(int(r.id), iid, r.from_party, r.date, r.type, r.summary, r.document_id)
            for r in conn.execute(
                select(responses).where(responses.c.intervention_id == iid).order_by(responses.c.id)
            )
        ]
        out.append(
            InterventionSummary(
                id=iid,
                document_id=row["document_id"],
                key=row["key"],
                date=row["date"],
                date_precision=row["date_precision"],
                date_is_recorded=bool(row["date_is_recorded"]),
                due_date=row["due_date"],
                status=_status(conn, iid),
                parties=list(dict.fromkeys(roles)),
                demands=demands,
                responses=answers,
                review_state=row["review_state"],
                source_documents=list(
                    dict.fromkeys([*([row["document_id"]] if row["document_id"] else []), *extra])
                ),
            )
        )
    return out


_HAND_ROLES = ("sender", "addressee", "copy", "on_behalf")


def _live_party(conn: Connection, party_id: int) -> int:
    """The party a merged one now lives in (itself when not merged)."""
    column = parties.c.get("merged_into")
    seen = {party_id}
    while column is not None:
        into = conn.scalar(select(column).where(parties.c.id == party_id))
        if into is None or into in seen:
            break
        party_id = int(into)
        seen.add(party_id)
    return party_id


def _hand_parties(conn: Connection, intervention_id: int) -> list[PartyRole]:
    """Parties a person named for an intervention recorded by hand, merged ones followed."""
    h = intervention_hand_parties.c
    links = sorted(
        conn.execute(
            select(h.party_id, h.role).where(h.intervention_id == intervention_id)
        ).all(),
        key=lambda r: (_HAND_ROLES.index(r.role) if r.role in _HAND_ROLES else 9, r.party_id),
    )
    out: list[PartyRole] = []
    for link in links:
        row = conn.execute(
            select(parties.c.id, parties.c.name, parties.c.kind).where(
                parties.c.id == _live_party(conn, int(link.party_id))
            )
        ).first()
        if row is not None:
            out.append(PartyRole(int(row.id), row.name, row.kind, link.role))
    return out


def list_interventions(store: Store) -> list[InterventionSummary]:
    with store.engine.connect() as conn:
        return _interventions(conn, None)


def get_intervention(store: Store, intervention_id: int) -> InterventionSummary:
    with store.engine.connect() as conn:
        _require(conn, interventions, intervention_id, "intervention")
        return _interventions(conn, [intervention_id])[0]


def add_status(
    store: Store, intervention_id: int, status: str, *, source: str = "hand", actor: str = "local"
) -> None:
    """Append a status to the intervention's history (never overwritten)."""
    with store.engine.begin() as conn:
        _require(conn, interventions, intervention_id, "intervention")
        conn.execute(
            intervention_status_history.insert().values(
                intervention_id=intervention_id,
                status=status,
                at=_now(),
                actor=actor,
                source=source,
            )
        )
        log_change(conn, actor, "status", "intervention", intervention_id, {"fields": ["status"]})


def add_response(
    store: Store,
    intervention_id: int,
    *,
    when: date,
    type_: str,
    status: str | None,
    summary: str | None = None,
    document_id: int | None = None,
    from_party: int | None = None,
    actor: str = "local",
) -> int:
    """Record a response (and the status it brings); refused if dated before its letter."""
    with store.engine.begin() as conn:
        row = _require(conn, interventions, intervention_id, "intervention")
        if row["date"] and when.isoformat() < row["date"]:
            raise InvalidResponse(
                f"a response dated {when.isoformat()} is before its letter ({row['date']}); "
                "check the date"
            )
        if document_id is not None:
            _require(conn, tables.documents, document_id, "document")
        if from_party is not None:
            _require(conn, parties, from_party, "party")
        response_id = _inserted(
            conn,
            responses.insert().values(
                intervention_id=intervention_id,
                from_party=from_party,
                date=when.isoformat(),
                type=type_,
                summary=summary,
                document_id=document_id,
                actor=actor,
                created_at=_now(),
            ),
        )
        if status is not None:
            conn.execute(
                intervention_status_history.insert().values(
                    intervention_id=intervention_id,
                    status=status,
                    at=_now(),
                    actor=actor,
                    source="response",
                )
            )
        fields = ["date", "type"] + [
            f
            for f, v in (
                ("summary", summary),
                ("document_id", document_id),
                ("from_party", from_party),
            )
            if v is not None
        ]
        log_change(
            conn,
            actor,
            "respond",
            "intervention",
            intervention_id,
            {"response_id": response_id, "fields": fields},
        )
    return response_id


# -- interventions recorded by hand ------------------------------------------------------


def party_spellings(store: Store) -> list[tuple[int, str, str | None]]:
    """(party id, spelling, kind) of every known spelling of every party not merged away."""
    merged = parties.c.get("merged_into")
    query = (
        select(parties.c.id, party_names.c.name, parties.c.kind)
        .join(party_names, party_names.c.party_id == parties.c.id)
        .order_by(parties.c.id, party_names.c.id)
    )
    if merged is not None:
        query = query.where(merged.is_(None))
    with store.engine.connect() as conn:
        return [(int(r.id), r.name, r.kind) for r in conn.execute(query)]


def create_intervention(
    store: Store,
    *,
    when: date,
    due_date: str,
    channel: str,
    named: Sequence[tuple[str, str, int | None]],
    demands: Sequence[str],
    case_id: int | None = None,
    document_id: int | None = None,
    actor: str = "local",
) -> int:
    """Record an intervention a person sent outside Vigil; one transaction.

    `named` holds (role, name as typed, existing party id or None): a name
    without a party becomes a new party (one per distinct spelling). With a
    case, the intervention is on behalf of the case's parties at risk, and its
    document (if any) joins the case.
    """
    with store.engine.begin() as conn:
        if document_id is not None:
            _require(conn, tables.documents, document_id, "document")
        members: list[int] = []
        if case_id is not None:
            _open_case(conn, case_id)
            members = [p.party_id for p in _members(conn, case_id)]
            if not members and document_id is None:
                raise InvalidIntervention(
                    f"case {case_id} has no party at risk yet: add one with "
                    f"`vigil case add {case_id} --party P`, or give --document"
                )
        made: dict[str, int] = {}
        links: dict[tuple[int, str], None] = {}
        for role, name, party_id in named:
            if party_id is None:
                spelling = name.strip()
                if spelling.casefold() not in made:
                    new_id = _inserted(
                        conn,
                        parties.insert().values(
                            name=spelling, review_state="confirmed", created_at=_now()
                        ),
                    )
                    conn.execute(
                        party_names.insert().values(
                            party_id=new_id, name=spelling, script=script_of(spelling)
                        )
                    )
                    log_change(conn, actor, "create", "party", new_id, {"by_hand": True})
                    made[spelling.casefold()] = new_id
                party_id = made[spelling.casefold()]
            else:
                _require(conn, parties, party_id, "party")
            links[(party_id, role)] = None
        for member in members:
            links[(member, "on_behalf")] = None
        intervention_id = _inserted(
            conn,
            interventions.insert().values(
                document_id=document_id,
                key=None,
                date=when.isoformat(),
                date_precision="day",
                date_is_recorded=False,
                channel=channel,
                due_date=due_date,
                spans="[]",
                component="hand",
                rule="",
                confidence=1.0,
                review_state="confirmed",
                created_at=_now(),
            ),
        )
        for party_id, role in links:
            conn.execute(
                intervention_hand_parties.insert().values(
                    intervention_id=intervention_id, party_id=party_id, role=role
                )
            )
        for demand in dict.fromkeys(demands):
            conn.execute(
                intervention_demands.insert().values(
                    intervention_id=intervention_id,
                    demand=demand,
                    spans="[]",
                    component="hand",
                    rule="",
                    confidence=1.0,
                    review_state="confirmed",
                )
            )
        conn.execute(
            intervention_status_history.insert().values(
                intervention_id=intervention_id,
                status="sent",
                at=_now(),
                actor=actor,
                source="hand",
            )
        )
        if case_id is not None and document_id is not None:
            have = conn.scalar(
                select(func.count())
                .select_from(case_documents)
                .where(
                    case_documents.c.case_id == case_id, case_documents.c.document_id == document_id
                )
            )
            if not have:
                conn.execute(
                    case_documents.insert().values(case_id=case_id, document_id=document_id)
                )
        log_change(
            conn,
            actor,
            "create",
            "intervention",
            intervention_id,
            {
                "parties": len(links),
                "new_parties": sorted(made.values()),
                "demands": len(dict.fromkeys(demands)),
                "case_id": case_id,
                "document_id": document_id,
            },
        )
    return intervention_id

"""An extraction's facts in the store: mentions, events, interventions; mentions into parties.

Writing `DocumentFacts` is idempotent (rows are found by their natural key,
document and key, before any insert), in one transaction per document, and
appended to the change log as ids and counts only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, update

from vigil.model import DocumentFacts, FactSource, MentionRow
from vigil.store import tables
from vigil.store.case_rows import inserted_id, utc_now
from vigil.store.case_tables import (
    event_parties,
    events,
    intervention_demands,
    intervention_events,
    intervention_parties,
    intervention_sources,
    intervention_status_history,
    interventions,
    mentions,
    parties,
    party_names,
)
from vigil.store.changes import log_change
from vigil.store.extraction_tables import extractions
from vigil.store.store import Store


def _source(source: FactSource) -> dict[str, Any]:
    return {
        "spans": json.dumps([[s.start, s.end] for s in source.spans]),
        "component": source.component,
        "rule": source.rule,
        "confidence": source.confidence,
        "review_state": "suggested",
    }


def _find_or_insert(
    conn: Connection, table: Table, document_id: int, key: str, values: dict[str, Any]
) -> tuple[int, bool]:
    """The row of (document, key), inserted with `values` if missing; (id, inserted)."""
    found = conn.scalar(
        select(table.c.id).where(table.c.document_id == document_id, table.c.key == key)
    )
    if found is not None:
        return int(found), False
    new_id = inserted_id(conn, table.insert().values(document_id=document_id, key=key, **values))
    return new_id, True


@dataclass(frozen=True)
class ExtractedDocument:
    """A document with an extraction: what building its facts needs besides the extraction."""

    id: int
    recorded_at: datetime
    format: str


def extracted_documents(
    store: Store, only: Sequence[int] | None = None
) -> list[ExtractedDocument]:
    """Every document with an extraction (or those of `only`), in id order."""
    d = tables.documents.c
    query = (
        select(d.id, d.created_at, d.format)
        .join(extractions, extractions.c.document_id == d.id)
        .order_by(d.id)
    )
    if only is not None:
        query = query.where(d.id.in_(sorted(set(only))))
    with store.engine.connect() as conn:
        return [ExtractedDocument(int(i), at, str(fmt)) for i, at, fmt in conn.execute(query)]


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
                    "created_at": utc_now(),
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
                    at=utc_now(),
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


def letter_owners(store: Store, documents: Sequence[int] | None = None) -> dict[int, int]:
    """Document id → the intervention whose own document it is (its letter, or by hand);
    of `documents` only when given."""
    i = interventions.c
    query = (
        select(i.document_id, func.min(i.id))
        .where(i.document_id.is_not(None), (i.key == "letter") | i.key.is_(None))
        .group_by(i.document_id)
    )
    if documents is not None:
        query = query.where(i.document_id.in_(sorted(set(documents))))
    with store.engine.connect() as conn:
        return {int(d): int(iid) for d, iid in conn.execute(query)}


def repeated_letters(
    store: Store, documents: Sequence[int] | None = None
) -> dict[int, tuple[int, float]]:
    """Document id → (intervention, similarity) for documents already joined as repeats
    (of `documents` only, when given)."""
    s = intervention_sources.c
    query = select(s.document_id, s.intervention_id, s.similarity).order_by(s.intervention_id)
    if documents is not None:
        query = query.where(s.document_id.in_(sorted(set(documents))))
    with store.engine.connect() as conn:
        found: dict[int, tuple[int, float]] = {}
        for d, iid, sim in conn.execute(query):
            found.setdefault(int(d), (int(iid), float(sim)))
        return found


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
                party_id = inserted_id(
                    conn, parties.insert().values(kind=kind, name=name, created_at=utc_now())
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

"""Row helpers shared by the case file's store modules: ids, lookups, quotes, event parties."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from vigil.errors import InvalidMerge, UnknownRecord
from vigil.model import PartyRole, Quote, Span
from vigil.store import tables
from vigil.store.case_tables import case_members, cases, event_parties, mentions, parties


def utc_now() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


def _spans(raw: str) -> list[Span]:
    return [Span(a, b) for a, b in json.loads(raw)]


def inserted_id(conn: Connection, stmt: Any) -> int:
    """Run an insert; the id of the new row."""
    key = conn.execute(stmt).inserted_primary_key
    assert key is not None  # always set for an insert
    return int(key[0])


def require_row(conn: Connection, table: Any, record_id: int, what: str) -> Any:
    """The row of `table` with that id; `UnknownRecord` if there is none."""
    row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        raise UnknownRecord(
            f"no {what} with id {record_id}; list them with `vigil {what}s`"
            if what in ("case", "intervention")
            else f"no {what} with id {record_id}"
        )
    return row


def require_open_case(conn: Connection, case_id: int) -> Any:
    """The case's row; `InvalidMerge` if it was merged into another."""
    row = require_row(conn, cases, case_id, "case")
    if row["status"] == "merged":
        raise InvalidMerge(f"case {case_id} was merged into case {row['merged_into']}; use that")
    return row


def case_member_roles(conn: Connection, case_id: int) -> list[PartyRole]:
    """The parties of a case with their role, in party id order."""
    rows = conn.execute(
        select(parties.c.id, parties.c.name, parties.c.kind, case_members.c.role)
        .join(case_members, case_members.c.party_id == parties.c.id)
        .where(case_members.c.case_id == case_id)
        .order_by(parties.c.id)
    )
    return [PartyRole(int(r.id), r.name, r.kind, r.role) for r in rows]


def event_party_roles(conn: Connection, event_id: int) -> list[PartyRole]:
    """The parties of an event with their role (subjects first)."""
    rows = conn.execute(
        select(parties.c.id, parties.c.name, parties.c.kind, event_parties.c.role)
        .select_from(event_parties)
        .join(mentions, mentions.c.id == event_parties.c.mention_id)
        .join(parties, parties.c.id == mentions.c.party_id)
        .where(event_parties.c.event_id == event_id)
        .order_by(event_parties.c.role.desc(), mentions.c.id)
    )
    return list(dict.fromkeys(PartyRole(int(r.id), r.name, r.kind, r.role) for r in rows))


def alleged_by(conn: Connection, event_id: int) -> list[str]:
    """The names (as written) of those who allege an event."""
    rows = conn.scalars(
        select(mentions.c.name)
        .select_from(event_parties)
        .join(mentions, mentions.c.id == event_parties.c.alleged_by)
        .where(event_parties.c.event_id == event_id)
    )
    return list(dict.fromkeys(rows))


def quote_of(conn: Connection, texts: dict[int, str], doc_id: int | None, raw: str) -> Quote | None:
    """The words of a document at its first span (`texts` caches document texts)."""
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

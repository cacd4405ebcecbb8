"""Replies proposed as responses to an earlier letter: saved, listed, decided.

Each change is one transaction, appended to the change log as ids and field names.
"""

from __future__ import annotations

from sqlalchemy import select, update

from vigil.errors import ReviewError
from vigil.model import ReplySuggestion
from vigil.store import tables
from vigil.store.case_rows import inserted_id, require_row, utc_now
from vigil.store.case_tables import interventions, mentions, reply_suggestions
from vigil.store.changes import log_change
from vigil.store.store import Store

SUGGESTED = "suggested"


def reply_states(store: Store) -> dict[int, str]:
    """Review state of the reply proposal of each document that has one (the latest)."""
    r = reply_suggestions.c
    with store.engine.connect() as conn:
        return {
            int(doc): state
            for doc, state in conn.execute(select(r.document_id, r.review_state).order_by(r.id))
        }


def add_reply_suggestion(
    store: Store, intervention_id: int, document_id: int, rule: str, actor: str = "local"
) -> int:
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        suggestion_id = inserted_id(
            conn,
            reply_suggestions.insert().values(
                intervention_id=intervention_id,
                document_id=document_id,
                rule=rule,
                review_state=SUGGESTED,
                created_at=utc_now(),
                actor=actor,
            ),
        )
        log_change(
            conn,
            actor,
            "suggest_reply",
            "intervention",
            intervention_id,
            {"reply_suggestion": suggestion_id, "document_id": document_id},
        )
    return suggestion_id


def reply_facts(store: Store, document_id: int) -> tuple[int | None, str]:
    """The party of the reply's first sender (None if unnamed) and the day it was recorded."""
    m = mentions.c
    with store.engine.connect() as conn:
        party = conn.scalar(
            select(m.party_id)
            .where(m.document_id == document_id, m.role == "sender", m.party_id.is_not(None))
            .order_by(m.id)
            .limit(1)
        )
        recorded = conn.scalar(
            select(tables.documents.c.created_at).where(tables.documents.c.id == document_id)
        )
    day = recorded.date().isoformat() if recorded is not None else ""
    return (int(party) if party is not None else None, day)


def list_reply_suggestions(store: Store, state: str | None = SUGGESTED) -> list[ReplySuggestion]:
    r = reply_suggestions.c
    query = select(reply_suggestions).order_by(r.id)
    if state is not None:
        query = query.where(r.review_state == state)
    with store.engine.connect() as conn:
        return [
            ReplySuggestion(
                int(row["id"]),
                int(row["intervention_id"]),
                int(row["document_id"]),
                row["rule"],
                row["review_state"],
                row["response_id"],
            )
            for row in conn.execute(query).mappings()
        ]


def get_reply_suggestion(store: Store, suggestion_id: int) -> ReplySuggestion:
    found = [s for s in list_reply_suggestions(store, None) if s.id == suggestion_id]
    if not found:
        raise ReviewError(
            f"no reply suggestion {suggestion_id}; list them with `vigil intervention replies`"
        )
    return found[0]


def decide_reply(
    store: Store,
    suggestion_id: int,
    state: str,
    response_id: int | None = None,
    actor: str = "local",
) -> None:
    """Mark a waiting proposal accepted (with the response it became) or rejected."""
    r = reply_suggestions.c
    with store.engine.begin() as conn:
        row = require_row(conn, reply_suggestions, suggestion_id, "reply suggestion")
        if row["review_state"] != SUGGESTED:
            raise ReviewError(f"reply suggestion {suggestion_id} was already {row['review_state']}")
        conn.execute(
            update(reply_suggestions)
            .where(r.id == suggestion_id)
            .values(review_state=state, response_id=response_id, decided_at=utc_now(), actor=actor)
        )
        log_change(
            conn,
            actor,
            "accept" if state == "accepted" else "reject",
            "reply_suggestion",
            suggestion_id,
            {"fields": ["review_state", "response_id", "decided_at", "actor"]},
        )

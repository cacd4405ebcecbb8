"""One intervention in full: its status history (who, when), its events and its source words.

Read-only; the writes (statuses, responses) live in `store/cases.py`.
"""

from __future__ import annotations

from sqlalchemy import select

from vigil.model import InterventionDetail, StatusChange, TimelineItem
from vigil.store.case_tables import (
    events,
    intervention_events,
    intervention_status_history,
    interventions,
)
from vigil.store.cases import _alleged_by, _event_parties, _interventions, _quote, _require
from vigil.store.store import Store


def intervention_detail(store: Store, intervention_id: int) -> InterventionDetail:
    """The intervention, its status history oldest first, the events it is about."""
    h = intervention_status_history.c
    with store.engine.connect() as conn:
        row = _require(conn, interventions, intervention_id, "intervention")
        summary = _interventions(conn, [intervention_id])[0]
        history = [
            StatusChange(r.status, r.at, r.actor, r.source)
            for r in conn.execute(
                select(h.status, h.at, h.actor, h.source)
                .where(h.intervention_id == intervention_id)
                .order_by(h.id)
            )
        ]
        texts: dict[int, str] = {}
        items = [
            TimelineItem(
                what="event",
                id=int(ev["id"]),
                label=ev["type"],
                date=ev["date"],
                date_precision=ev["date_precision"],
                document_id=ev["document_id"],
                parties=_event_parties(conn, int(ev["id"])),
                alleged_by=_alleged_by(conn, int(ev["id"])),
                quote=_quote(conn, texts, ev["document_id"], ev["spans"]),
                review_state=ev["review_state"],
            )
            for ev in conn.execute(
                select(events)
                .join(intervention_events, intervention_events.c.event_id == events.c.id)
                .where(intervention_events.c.intervention_id == intervention_id)
                .order_by(events.c.id)
            ).mappings()
        ]
        quote = _quote(conn, texts, row["document_id"], row["spans"] or "[]")
    return InterventionDetail(summary, history, items, quote)

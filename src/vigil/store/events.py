"""Events corrected by hand: added (sourced to a document) or removed (kept as rejected).

Each change is one transaction, appended to the change log as ids and field names.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from vigil.store import tables
from vigil.store.case_rows import inserted_id, require_row
from vigil.store.case_tables import event_parties, events, mentions, parties
from vigil.store.changes import log_change
from vigil.store.store import Store

HAND = "hand"


def add_event(
    store: Store,
    *,
    document_id: int,
    type_: str,
    date: str | None,
    precision: str | None,
    place: str | None,
    subjects: list[int],
    actor: str = "local",
) -> int:
    """An event a person entered, from `document_id`, its subjects linked through mentions
    made by hand (no words to point at); returns its id."""
    with store.engine.begin() as conn:
        require_row(conn, tables.documents, document_id, "document")
        names = {p: require_row(conn, parties, p, "party")["name"] for p in subjects}
        n = conn.scalar(
            select(func.count())
            .select_from(events)
            .where(events.c.document_id == document_id, events.c.component == HAND)
        )
        key = f"hand[{int(n or 0)}]"
        event_id = inserted_id(
            conn,
            events.insert().values(
                document_id=document_id,
                key=key,
                type=type_,
                date=date,
                date_precision=precision,
                place=place,
                spans="[]",
                component=HAND,
                rule="",
                confidence=1.0,
                review_state="confirmed",
            ),
        )
        for i, party_id in enumerate(subjects):
            mention_id = inserted_id(
                conn,
                mentions.insert().values(
                    document_id=document_id,
                    key=f"{key}.subjects[{i}]",
                    role="subject",
                    name=names[party_id],
                    kind=None,
                    party_id=party_id,
                    spans="[]",
                    component=HAND,
                    rule="",
                    confidence=1.0,
                    review_state="confirmed",
                ),
            )
            conn.execute(
                event_parties.insert().values(
                    event_id=event_id, mention_id=mention_id, role="subject", alleged_by=None
                )
            )
        log_change(
            conn,
            actor,
            "add",
            "event",
            event_id,
            {"document_id": document_id, "subjects": subjects, "fields": ["type", "date", "place"]},
        )
    return event_id


def remove_event(store: Store, event_id: int, actor: str = "local") -> None:
    """Off every timeline, kept as rejected (a rebuild does not bring it back)."""
    with store.engine.begin() as conn:
        require_row(conn, events, event_id, "event")
        conn.execute(update(events).where(events.c.id == event_id).values(review_state="rejected"))
        log_change(conn, actor, "remove", "event", event_id, {"fields": ["review_state"]})

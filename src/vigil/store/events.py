"""Events corrected by hand: added (sourced to a document, or entered by hand with none),
edited, or removed (kept as rejected). A hand event records who entered it and when.

Each change is one transaction, appended to the change log as ids and field names.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select, update

from vigil.store import tables
from vigil.store.case_rows import inserted_id, require_row, utc_now
from vigil.store.case_tables import event_parties, events, mentions, parties
from vigil.store.changes import log_change
from vigil.store.store import Store

HAND = "hand"


def add_event(
    store: Store,
    *,
    document_id: int | None,
    type_: str,
    date: str | None,
    precision: str | None,
    place: str | None,
    subjects: list[int],
    actors: Sequence[int] = (),
    actor: str = "local",
) -> int:
    """An event a person entered, from `document_id` (None: entered by hand with no
    source document), its subjects (and alleged actors) linked through mentions made by
    hand (no words to point at), with who entered it and when; returns its id."""
    with store.engine.begin() as conn:
        if document_id is not None:
            require_row(conn, tables.documents, document_id, "document")
        for p in [*subjects, *actors]:
            require_row(conn, parties, p, "party")
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
                entered_by=actor,
                entered_at=utc_now(),
            ),
        )
        linked = [("subject", p) for p in subjects] + [("actor", p) for p in actors]
        for i, (role, party_id) in enumerate(linked):
            _link(conn, event_id, document_id, f"{key}.{role}s[{i}]", role, party_id)
        log_change(
            conn,
            actor,
            "add",
            "event",
            event_id,
            {
                "document_id": document_id,
                "subjects": subjects,
                "actors": list(actors),
                "fields": ["type", "date", "place"],
            },
        )
    return event_id


def remove_event(store: Store, event_id: int, actor: str = "local") -> None:
    """Off every timeline, kept as rejected (a rebuild does not bring it back)."""
    with store.engine.begin() as conn:
        require_row(conn, events, event_id, "event")
        conn.execute(update(events).where(events.c.id == event_id).values(review_state="rejected"))
        log_change(conn, actor, "remove", "event", event_id, {"fields": ["review_state"]})


def _link(
    conn: Connection, event_id: int, document_id: int | None, key: str, role: str, party_id: int
) -> None:
    """Link a party to an event in a role, through a mention made by hand."""
    name = require_row(conn, parties, party_id, "party")["name"]
    mention_id = inserted_id(
        conn,
        mentions.insert().values(
            document_id=document_id,
            key=key,
            role=role,
            name=name,
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
            event_id=event_id, mention_id=mention_id, role=role, alleged_by=None
        )
    )


def edit_event(
    store: Store,
    event_id: int,
    *,
    type_: str,
    date: str | None,
    precision: str | None,
    place: str | None,
    add_parties: Sequence[tuple[str, int]] = (),
    actor: str = "local",
) -> list[str]:
    """Correct an event's type, date and place (now confirmed by a person), and link more
    parties (role "subject" or "actor"); returns the names of the fields that changed."""
    with store.engine.begin() as conn:
        row = require_row(conn, events, event_id, "event")
        wanted = {"type": type_, "date": date, "date_precision": precision, "place": place}
        changed = [k for k, v in wanted.items() if row[k] != v]
        known = {
            (r.role, int(r.party_id))
            for r in conn.execute(
                select(event_parties.c.role, mentions.c.party_id)
                .join(mentions, mentions.c.id == event_parties.c.mention_id)
                .where(event_parties.c.event_id == event_id, mentions.c.party_id.is_not(None))
            )
        }
        new = [(role, p) for role, p in dict.fromkeys(add_parties) if (role, p) not in known]
        if not changed and not new and row["review_state"] == "confirmed":
            return []
        conn.execute(
            update(events).where(events.c.id == event_id).values(**wanted, review_state="confirmed")
        )
        n = conn.scalar(
            select(func.count())
            .select_from(mentions)
            .where(mentions.c.document_id == row["document_id"], mentions.c.component == HAND)
        )
        for i, (role, party_id) in enumerate(new, start=int(n or 0)):
            key = f"edit[{event_id}].{role}s[{i}]"
            _link(conn, event_id, row["document_id"], key, role, party_id)
        fields = [*changed, *(["parties"] if new else []), "review_state"]
        log_change(
            conn,
            actor,
            "edit",
            "event",
            event_id,
            {"fields": fields, "parties": [p for _, p in new]},
        )
    return fields

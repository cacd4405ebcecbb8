"""Events corrected by hand: added with a source document or entered by hand with none (who
and when recorded), edited, or removed (kept as rejected)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vigil import vocab
from vigil.cases.facts import written_precision
from vigil.errors import CaseError
from vigil.store import Store
from vigil.store import events as event_store


def add_event(
    store: Store,
    *,
    document_id: int | None = None,
    type_: str,
    subjects: list[int],
    when: str | None = None,
    place: str | None = None,
    actors: Sequence[int] = (),
    actor: str = "local",
) -> int:
    """An event a person read in `document_id` (None: entered by hand, with no source
    document: a call, a visit): its type (`vocab/event_types.json`), date
    (YYYY-MM-DD, YYYY-MM or YYYY), place, the parties it happened to and those alleged
    to have done it (`actors`); returns its id."""
    fields = _checked(type_, when, place)
    if not subjects:
        raise CaseError("name at least one party the event happened to (--subject ID)")
    return event_store.add_event(
        store,
        document_id=document_id,
        type_=fields.type_,
        date=fields.date,
        precision=fields.precision,
        place=fields.place,
        subjects=list(dict.fromkeys(subjects)),
        actors=list(dict.fromkeys(actors)),
        actor=actor,
    )


@dataclass(frozen=True)
class EventFields:
    """An event's type, date (with its precision) and place, as checked."""

    type_: str
    date: str | None
    precision: str | None
    place: str | None


def _checked(type_: str, when: str | None, place: str | None) -> EventFields:
    known = vocab.ids("event_types")
    if type_ not in known:
        raise CaseError(f"unknown event type {type_!r}; use one of: {', '.join(sorted(known))}")
    when = (when or "").strip() or None
    precision = written_precision(when) if when else None
    if when and precision is None:
        raise CaseError(f"give the date as YYYY-MM-DD, YYYY-MM or YYYY, not {when!r}")
    return EventFields(type_, when, precision, (place or "").strip() or None)


def edit_event(
    store: Store,
    event_id: int,
    *,
    type_: str,
    when: str | None = None,
    place: str | None = None,
    subjects: Sequence[int] = (),
    actors: Sequence[int] = (),
    actor: str = "local",
) -> list[str]:
    """Correct an event's type, date and place, and link more parties it happened to
    (`subjects`) or alleged actors; it is then confirmed. Returns the fields changed."""
    fields = _checked(type_, when, place)
    return event_store.edit_event(
        store,
        event_id,
        type_=fields.type_,
        date=fields.date,
        precision=fields.precision,
        place=fields.place,
        add_parties=[("subject", p) for p in subjects] + [("actor", p) for p in actors],
        actor=actor,
    )


def remove_event(store: Store, event_id: int, actor: str = "local") -> None:
    """Off every timeline; kept as rejected, so a rebuild does not bring it back."""
    event_store.remove_event(store, event_id, actor)

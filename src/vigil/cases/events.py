"""Events corrected by hand: added with a source document, or removed (kept as rejected)."""

from __future__ import annotations

from vigil import vocab
from vigil.cases.facts import written_precision
from vigil.errors import CaseError
from vigil.store import Store
from vigil.store import events as event_store


def add_event(
    store: Store,
    *,
    document_id: int,
    type_: str,
    subjects: list[int],
    when: str | None = None,
    place: str | None = None,
    actor: str = "local",
) -> int:
    """An event a person read in `document_id`: its type (`vocab/event_types.json`), date
    (YYYY-MM-DD, YYYY-MM or YYYY), place and the parties it happened to; returns its id."""
    known = vocab.ids("event_types")
    if type_ not in known:
        raise CaseError(f"unknown event type {type_!r}; use one of: {', '.join(sorted(known))}")
    precision = written_precision(when) if when else None
    if when and precision is None:
        raise CaseError(f"give the date as YYYY-MM-DD, YYYY-MM or YYYY, not {when!r}")
    if not subjects:
        raise CaseError("name at least one party the event happened to (--subject ID)")
    return event_store.add_event(
        store,
        document_id=document_id,
        type_=type_,
        date=when or None,
        precision=precision,
        place=(place or "").strip() or None,
        subjects=list(dict.fromkeys(subjects)),
        actor=actor,
    )


def remove_event(store: Store, event_id: int, actor: str = "local") -> None:
    """Off every timeline; kept as rejected, so a rebuild does not bring it back."""
    event_store.remove_event(store, event_id, actor)

"""The audit trail's service functions, called by `vigil audit ...` and the admin page.

The chain itself (hashes, seals, the content digests of documents) is in
`vigil.store.chain`; its SQL in `vigil.store.changes`. Entries name who did
what to which ids, never content.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.store import Store
from vigil.store.chain import ChainReport, Entry
from vigil.store.changes import (
    EntryFilter,
    Head,
    head_matches,
    list_entries,
    log_change,
    verify_chain,
)


@dataclass(frozen=True)
class AuditCheck:
    chain: ChainReport
    anchored: bool | None
    """None without a head to check; else whether the chain still holds it."""

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.anchored is not False

    @property
    def head(self) -> Head | None:
        if self.chain.head_id is None or self.chain.head_hash is None:
            return None
        return Head(self.chain.head_id, self.chain.head_hash)


def check_audit(store: Store, anchor: Head | None = None) -> AuditCheck:
    """Recompute the chain and its seals; with `anchor`, check the chain still holds it."""
    with store.engine.connect() as conn:
        report = verify_chain(conn)
        anchored = None if anchor is None else head_matches(conn, anchor)
    return AuditCheck(report, anchored)


def record_export(store: Store, fmt: str, actor: str = "local", case_id: int | None = None) -> None:
    """An export (CSV, FollowTheMoney, a dossier) as one entry; the archive records its own."""
    entity = "store" if case_id is None else "case"
    with store.begin() as conn:
        log_change(conn, actor, "export", entity, case_id, {"format": fmt})


def record_event(store: Store, actor: str, action: str, detail: dict[str, str]) -> None:
    """An event that changes no record (an unlock of a personal store) as one entry."""
    with store.begin() as conn:
        log_change(conn, actor, action, "store", None, detail)


def audit_entries(store: Store, wanted: EntryFilter | None = None) -> list[Entry]:
    with store.engine.connect() as conn:
        return list_entries(conn, wanted or EntryFilter())


__all__ = [
    "AuditCheck",
    "EntryFilter",
    "Head",
    "audit_entries",
    "check_audit",
    "record_event",
    "record_export",
]

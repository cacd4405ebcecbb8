"""The change log: who did what to which record, as ids, field names and counts.

Append-only; never document text or names. Every writer in the store uses
`log_change` inside its own transaction; each entry is appended to the audit
chain (`chain.py`): its hash covers its content and the previous entry's hash,
and its seal is keyed by the store's data key. Appends are serialised (the
write lock on SQLite, a transaction-scoped advisory lock on PostgreSQL), so the
chain has one order whatever runs at once.

The engine carries the audit key and the default actor as execution options,
bound once when the store is opened (`bind_key`, `bind_actor`): an entry whose
caller says only `"local"` names the actor the store was opened for (the CLI
binds the OS user, or `--as NAME`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, bindparam, select, update

from vigil.errors import ConfigError, StoreError
from vigil.store import tables
from vigil.store.chain import GENESIS, ChainChecker, ChainReport, Entry, audit_key, seal_of
from vigil.store.dialect import lock_change_log
from vigil.store.driver import DriverStatement

KEY_OPTION = "vigil_audit_key"
ACTOR_OPTION = "vigil_actor"
LOCAL = "local"
"""What callers pass when they do not know who acts: replaced by the bound actor."""


def bind_key(engine: Engine, data_key: bytes | None) -> None:
    """Give every connection of `engine` the audit key derived from the data key."""
    engine.update_execution_options(**{KEY_OPTION: audit_key(data_key)})


def bind_actor(engine: Engine, actor: str) -> None:
    """Name who acts when a caller says only `local` (the CLI's OS user or `--as`)."""
    engine.update_execution_options(**{ACTOR_OPTION: actor})


def key_of(conn: Connection) -> bytes:
    key = conn.get_execution_options().get(KEY_OPTION)
    return key if isinstance(key, bytes) else audit_key(None)


def actor_of(conn: Connection, actor: str) -> str:
    """`actor`, or the actor bound to the store when it is only `local` (as `log_change`
    records it): for the `..._by` columns that name who made a row."""
    if actor == LOCAL:
        return str(conn.get_execution_options().get(ACTOR_OPTION, LOCAL))
    return actor


_INSERT_ENTRY = DriverStatement(
    tables.changes.insert().returning(tables.changes.c.id),
    columns=("at", "actor", "action", "entity", "entity_id", "detail"),
)


def log_change(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any],
) -> None:
    """Append one entry to the change log (and the chain) in the caller's transaction."""
    actor = actor_of(conn, actor)
    lock_change_log(conn)
    at, text = datetime.now(UTC), json.dumps(detail, sort_keys=True)
    values = {
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": text,
    }
    entry_id = int(_INSERT_ENTRY.scalar(conn, values))
    # Hashed from the values just written (`canonical_at` reads `at` as either backend
    # gives it back), not read again.
    seal_pending(conn, entry_id, Entry(entry_id, at, actor, action, entity, entity_id, text))


_c = tables.changes.c
_PREVIOUS_HASH = DriverStatement(
    select(_c.hash)
    .where(_c.id < bindparam("entry_id"), _c.hash.is_not(None))
    .order_by(_c.id.desc())
    .limit(1)
)
_ENTRY = select(tables.changes).where(_c.id == bindparam("entry_id"))
_SEAL = DriverStatement(
    update(tables.changes)
    .where(_c.id == bindparam("entry_id"))
    .values(prev_hash=bindparam("prev_hash"), hash=bindparam("hash"), seal=bindparam("seal"))
)
"""`seal_pending`'s statements, built once (an append runs the first and the last), the
first and last on the driver's cursor (`driver.py`)."""


def seal_pending(conn: Connection, entry_id: int, entry: Entry | None = None) -> None:
    """Chain and seal entry `entry_id` after the last chained entry before it.

    `entry` is the entry as just inserted, when the caller has it; otherwise it is read."""
    prev = _PREVIOUS_HASH.scalar(conn, {"entry_id": entry_id})
    if entry is None:
        entry = _entry(conn.execute(_ENTRY, {"entry_id": entry_id}).mappings().one())
    prev_hash = prev or GENESIS
    entry_hash = entry.computed_hash(prev_hash)
    _SEAL.run(
        conn,
        {
            "entry_id": entry_id,
            "prev_hash": prev_hash,
            "hash": entry_hash,
            "seal": seal_of(key_of(conn), entry_hash),
        },
    )


def _entry(row: RowMapping) -> Entry:
    return Entry(
        id=int(row["id"]),
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        detail=row["detail"],
        prev_hash=row["prev_hash"],
        hash=row["hash"],
        seal=row["seal"],
    )


def iter_entries(conn: Connection, batch: int = 1000) -> Iterator[Entry]:
    """Every entry in chain order, read in batches."""
    c = tables.changes
    last = -1
    while True:
        rows = conn.execute(select(c).where(c.c.id > last).order_by(c.c.id).limit(batch))
        found = [_entry(r) for r in rows.mappings()]
        yield from found
        if len(found) < batch:
            return
        last = found[-1].id


def verify_chain(conn: Connection, *, keyed: bool = True) -> ChainReport:
    """Recompute the chain; the report names the first entry that does not hold."""
    checker = ChainChecker(key_of(conn) if keyed else None)
    for entry in iter_entries(conn):
        if not checker.feed(entry):
            break
    return checker.report()


@dataclass(frozen=True)
class EntryFilter:
    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: int | None = None
    before: int | None = None
    """Only entries with a smaller id (paging back from the newest)."""
    limit: int = 100


def list_entries(conn: Connection, wanted: EntryFilter) -> list[Entry]:
    """The newest entries first, filtered."""
    c = tables.changes
    query = select(c).order_by(c.c.id.desc()).limit(wanted.limit)
    if wanted.actor is not None:
        query = query.where(c.c.actor == wanted.actor)
    if wanted.action is not None:
        query = query.where(c.c.action == wanted.action)
    if wanted.entity is not None:
        query = query.where(c.c.entity == wanted.entity)
    if wanted.entity_id is not None:
        query = query.where(c.c.entity_id == wanted.entity_id)
    if wanted.before is not None:
        query = query.where(c.c.id < wanted.before)
    return [_entry(r) for r in conn.execute(query).mappings()]


def recorded_contents(conn: Connection) -> dict[int, str]:
    """Document id -> the content digest its latest chained entry records."""
    c = tables.changes
    found: dict[int, str] = {}
    query = (
        select(c.c.entity_id, c.c.detail)
        .where(c.c.entity == "document", c.c.entity_id.is_not(None), c.c.hash.is_not(None))
        .order_by(c.c.id)
    )
    for entity_id, detail in conn.execute(query):
        try:
            content = json.loads(detail).get("content")
        except (ValueError, AttributeError):
            continue
        if isinstance(content, str):
            found[int(entity_id)] = content
    return found


@dataclass(frozen=True)
class Head:
    """An entry of the chain named by id and hash: kept elsewhere, it anchors the log."""

    id: int
    hash: str

    def __str__(self) -> str:
        return f"{self.id}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        """`ID:HASH`, as `vigil audit head` prints it."""
        entry_id, _, entry_hash = text.strip().partition(":")
        if not entry_id.isdigit() or len(entry_hash) != 64:
            raise ConfigError("a head is ID:HASH, as `vigil audit head` prints it")
        return cls(int(entry_id), entry_hash.lower())


def head_matches(conn: Connection, head: Head) -> bool:
    """The chain still holds entry `head.id` with that hash (nothing rewritten up to it)."""
    found = conn.scalar(select(tables.changes.c.hash).where(tables.changes.c.id == head.id))
    return found == head.hash


def import_entries(conn: Connection, entries: list[Entry]) -> None:
    """Put an export's chain in an empty change log as it was (ids, hashes), sealed anew
    with this store's key: the importing store vouches for the chain it checked."""
    c = tables.changes
    if conn.scalar(select(c.c.id).limit(1)) is not None:
        raise StoreError(
            "the store's change log is not empty, so the export's cannot be kept in order:"
            " import into a store made with `vigil init` before anything else is done in it"
        )
    key = key_of(conn)
    for entry in entries:
        conn.execute(
            c.insert().values(
                id=entry.id,
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                detail=entry.detail,
                prev_hash=entry.prev_hash,
                hash=entry.hash,
                seal=seal_of(key, entry.hash or ""),
            )
        )

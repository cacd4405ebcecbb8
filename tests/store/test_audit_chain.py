"""The audit chain: it verifies on a busy store and names the first entry a tamperer touched.

Tampering is done as the red-team did: raw SQL on the store's own connection
(SQLCipher opened with the data key, or the PostgreSQL database), and on
SQLite once more through `sqlcipher3` opened by the test with the data key.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import text

from vigil import keys
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import Store, open_store
from vigil.store.chain import GENESIS, Entry
from vigil.store.changes import iter_entries, log_change, verify_chain

from ..conftest import PASSPHRASE


def add(store: Store, body: str, locator: str = "/in/a.txt") -> int:
    parsed = ParsedDocument(format="txt", text=body, full_text=body, title="A letter")
    return store.add_document(parsed, body.encode(), locator=locator)


def busy(store: Store) -> list[int]:
    ids = [add(store, f"Letter {n} about a detention.", f"/in/{n}.txt") for n in range(6)]
    store.delete_document(ids[2])
    with store.begin() as conn:
        for n in range(5):
            log_change(conn, "user:1", "review:accepted", "suggestion", n, {"n": n})
    return ids


def sql(store: Store, statement: str, **params: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(statement), params)


def entry_ids(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        return [e.id for e in iter_entries(conn)]


def chain(store: Store) -> Any:
    with store.engine.connect() as conn:
        return verify_chain(conn)


def test_a_busy_store_verifies(store: Store) -> None:
    busy(store)
    report = chain(store)
    assert report.ok and report.entries == len(entry_ids(store)) >= 12
    assert report.head_hash is not None and report.head_hash != GENESIS
    assert store.verify().ok


def test_an_entry_hashed_as_written_verifies_as_read_back(store: Store) -> None:
    # `log_change` hashes the values it inserts instead of reading the row again: the
    # time, an actor and detail outside ASCII and an entry about no record must read
    # back as they were hashed.
    with store.begin() as conn:
        log_change(conn, "user:Łukasz Öztürk", "review:edited", "suggestion", None, {"é": [1, "ü"]})
        log_change(conn, "local", "export", "store", None, {})
    report = chain(store)
    assert report.ok and report.entries == 2


def test_an_edited_entry_is_named(store: Store) -> None:
    busy(store)
    target = entry_ids(store)[4]
    sql(store, "UPDATE changes SET actor = 'someone else' WHERE id = :i", i=target)
    report = chain(store)
    assert (report.first_bad, report.ok) == (target, False)
    assert "edited" in (report.reason or "")
    verified = store.verify()
    assert not verified.ok and any(f"entry {target}" in p for p in verified.problems)


def test_a_back_dated_entry_is_named(store: Store) -> None:
    busy(store)
    target = entry_ids(store)[3]
    sql(store, "UPDATE changes SET at = :at WHERE id = :i", at="2001-01-01 00:00:00", i=target)
    assert chain(store).first_bad == target


def test_a_deleted_entry_is_named_by_the_one_after_it(store: Store) -> None:
    busy(store)
    ids = entry_ids(store)
    sql(store, "DELETE FROM changes WHERE id = :i", i=ids[5])
    report = chain(store)
    assert report.first_bad == ids[6]
    assert "does not follow" in (report.reason or "")


def test_reordered_entries_are_named(store: Store) -> None:
    busy(store)
    ids = entry_ids(store)
    a, b = ids[2], ids[7]
    with store.engine.begin() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                text("SELECT * FROM changes WHERE id IN (:a, :b)"), {"a": a, "b": b}
            )
        }
        for target, source in ((a, b), (b, a)):
            r = rows[source]
            conn.execute(
                text(
                    "UPDATE changes SET at=:at, actor=:actor, action=:action, entity=:entity,"
                    " entity_id=:eid, detail=:detail, prev_hash=:prev, hash=:hash, seal=:seal"
                    " WHERE id=:id"
                ),
                {
                    "at": r.at, "actor": r.actor, "action": r.action, "entity": r.entity,
                    "eid": r.entity_id, "detail": r.detail, "prev": r.prev_hash,
                    "hash": r.hash, "seal": r.seal, "id": target,
                },
            )  # fmt: skip
    assert chain(store).first_bad == a


def test_a_chain_recomputed_without_the_key_fails_its_seals(store: Store) -> None:
    """Someone who can write the database but does not hold the data key edits an entry
    and recomputes every hash after it: the hashes link, the seals do not."""
    busy(store)
    ids = entry_ids(store)
    target = ids[3]
    sql(store, "UPDATE changes SET actor = 'nobody' WHERE id = :i", i=target)
    with store.engine.begin() as conn:
        prev = conn.scalar(text("SELECT hash FROM changes WHERE id = :i"), {"i": ids[2]})
        for entry in [e for e in iter_entries(conn) if e.id >= target]:
            new = Entry(**{**entry.__dict__, "prev_hash": prev}).computed_hash(prev)
            conn.execute(
                text("UPDATE changes SET prev_hash = :p, hash = :h WHERE id = :i"),
                {"p": prev, "h": new, "i": entry.id},
            )
            prev = new
        unkeyed = verify_chain(conn, keyed=False)
    assert unkeyed.ok  # the plain hash chain was rebuilt consistently...
    report = chain(store)
    assert report.first_bad == target and "seal" in (report.reason or "")  # ...the seals were not


def test_an_entry_added_outside_vigil_is_named(store: Store) -> None:
    busy(store)
    sql(
        store,
        "INSERT INTO changes (at, actor, action, entity, entity_id, detail)"
        " VALUES (:at, 'ghost', 'delete', 'document', 1, '{}')",
        at="2030-01-01 00:00:00",
    )
    report = chain(store)
    assert report.first_bad == max(entry_ids(store)) and "not in the chain" in (report.reason or "")


def test_an_edited_text_is_reported_with_the_document_id(store: Store) -> None:
    ids = busy(store)
    sql(store, "UPDATE documents SET text = 'rewritten', full_text = 'rewritten' WHERE id = :i",
        i=ids[1])  # fmt: skip
    report = store.verify()
    assert report.failed_ids == [ids[1]]
    assert any(f"document {ids[1]}" in p for p in report.problems)


def test_a_swapped_original_with_its_hash_is_reported(store: Store) -> None:
    ids = busy(store)
    forged = b"a forged original"
    sealed = store.dialect.seal_original(ids[3], forged)  # as one holding the key would
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE originals SET data = :d WHERE document_id = :i"),
            {"d": sealed, "i": ids[3]},
        )
        conn.execute(
            text("UPDATE documents SET sha256 = :h, size = :s WHERE id = :i"),
            {"h": hashlib.sha256(forged).hexdigest(), "s": len(forged), "i": ids[3]},
        )
    report = store.verify()
    assert report.failed_ids == [ids[3]]


def test_a_moved_origin_is_reported(store: Store) -> None:
    ids = busy(store)
    sql(store, "UPDATE sources SET locator = '/elsewhere.txt' WHERE document_id = :i", i=ids[0])
    assert store.verify().failed_ids == [ids[0]]


def test_parallel_writers_keep_one_chain(store: Store) -> None:
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for k in range(5):
                with store.begin() as conn:
                    log_change(conn, f"user:{n}", "test", "thing", k, {"k": k})
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []  # SQLite waits its busy_timeout for the writer before; PG its lock
    report = chain(store)
    assert report.ok and report.entries == 20


def test_the_migration_chains_an_older_log(store: Store, settings: Settings) -> None:
    ids = busy(store)
    sql(store, "UPDATE changes SET prev_hash = NULL, hash = NULL, seal = NULL")
    sql(store, "DELETE FROM changes WHERE action = 'ingest'")  # an older store had no digests
    sql(store, "DELETE FROM schema_migrations WHERE name = 'audit chain over the change log'")
    store.close()
    with open_store(settings, PASSPHRASE) as reopened:
        assert chain(reopened).ok
        report = reopened.verify()
        assert report.ok, report.problems
        with reopened.engine.connect() as conn:
            baselines = [e.entity_id for e in iter_entries(conn) if e.action == "baseline"]
        assert baselines == [i for i in ids if i != ids[2]]


@pytest.mark.sqlite_only
def test_sqlcipher_opened_with_the_data_key_cannot_rewrite_unnoticed(
    store: Store, settings: Settings
) -> None:
    ids = busy(store)
    store.close()
    data_key = keys.unlock(settings.key_path, PASSPHRASE)
    raw = sqlcipher3.connect(str(settings.database_path))
    raw.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    raw.execute("UPDATE documents SET text = 'rewritten' WHERE id = ?", (ids[0],))
    last = raw.execute("SELECT max(id) FROM changes").fetchone()[0]
    raw.execute("DELETE FROM changes WHERE id = ?", (last - 1,))
    raw.commit()
    raw.close()
    with open_store(settings, PASSPHRASE) as reopened:
        report = reopened.verify()
        assert ids[0] in report.failed_ids
        assert any(f"entry {last}:" in p for p in report.problems)

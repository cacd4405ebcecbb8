from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from vigil.model import ParsedDocument
from vigil.store import Store, tables
from vigil.store.driver import DriverStatement
from vigil.store.scope import Scope

_c = tables.rejections.c
INSERT = DriverStatement(
    tables.rejections.insert().returning(_c.id),
    columns=("locator", "sha256", "reason", "recorded_at"),
)
NEWEST = DriverStatement(
    select(_c.id, _c.locator)
    .where(_c.reason == bindparam("reason"))
    .order_by(_c.id.desc())
    .limit(1)
)


def add(store: Store, body: str) -> int:
    parsed = ParsedDocument(format="txt", text=body, full_text=body)
    return store.add_document(parsed, body.encode(), locator=f"/in/{body}.txt")


def test_a_driver_insert_stores_what_sqlalchemy_would(store: Store) -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)
    values = {"locator": "/in/a", "sha256": None, "reason": "why", "recorded_at": at}
    with store.engine.begin() as conn:
        first = int(INSERT.scalar(conn, values))
        conn.execute(tables.rejections.insert(), {**values, "locator": "/in/b"})
    with store.engine.connect() as conn:
        rows = conn.execute(select(_c.id, _c.locator, _c.recorded_at).order_by(_c.id)).all()
        newest = NEWEST.run(conn, {"reason": "why"})  # the LIMIT carries its own value
    assert [r.locator for r in rows] == ["/in/a", "/in/b"]
    assert rows[0].id == first
    assert rows[0].recorded_at == rows[1].recorded_at  # the same bind processing
    assert newest == [(rows[1].id, "/in/b")]


def test_a_driver_statement_is_in_the_callers_transaction(store: Store) -> None:
    values = {"locator": "/in/a", "sha256": None, "reason": "why", "recorded_at": datetime.now(UTC)}
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        INSERT.run(conn, values)
        raise RuntimeError("abandoned")
    assert store.rejections() == []


def test_a_driver_error_is_sqlalchemys_and_the_connection_still_works(store: Store) -> None:
    doc_id = add(store, "first")
    insert = DriverStatement(
        tables.sources.insert(), columns=("document_id", "locator", "kind", "recorded_at")
    )
    values = {"document_id": doc_id, "locator": "/in/x", "kind": "file"}
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        insert.run(conn, {**values, "recorded_at": None})  # NOT NULL
    assert add(store, "second") > doc_id


def test_a_scoped_read_on_the_driver_path_leaves_hidden_documents_out(store: Store) -> None:
    hidden = add(store, "hidden")
    shown = add(store, "shown")
    ids = DriverStatement(select(tables.documents.c.id).order_by(tables.documents.c.id))
    view = store.scoped(Scope(documents=frozenset({hidden})))
    with view.engine.connect() as conn:
        assert ids.run(conn, {}) == [(shown,)]
    with store.engine.connect() as conn:
        assert ids.run(conn, {}) == [(hidden,), (shown,)]


def test_a_scoped_write_without_returning_runs_and_returns_no_rows(store: Store) -> None:
    """A view that hides records runs statements through SQLAlchemy; an insert that
    returns nothing (an audit entry written while exporting from a restricted view)
    gives no rows instead of failing on a result without any."""
    hidden = add(store, "hidden")
    insert = DriverStatement(
        tables.rejections.insert(), columns=("locator", "sha256", "reason", "recorded_at")
    )
    values = {"locator": "/in/a", "sha256": None, "reason": "why", "recorded_at": datetime.now(UTC)}
    view = store.scoped(Scope(documents=frozenset({hidden})))
    with view.engine.begin() as conn:
        assert insert.run(conn, values) == []
    assert [r.locator for r in store.rejections()] == ["/in/a"]

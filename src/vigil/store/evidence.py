"""Each document's content digest, as stored now, and the check against the audit chain.

`vigil verify` recomputes every document's digest (`chain.content_digest`: the
original's bytes, its recorded SHA-256, texts and origin) and compares it with
the digest its latest chained change-log entry records, so a text edited or
an original swapped (with its SHA-256) outside Vigil is named by document id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from vigil.errors import StoreError
from vigil.store import tables
from vigil.store.chain import content_digest
from vigil.store.changes import recorded_contents

if TYPE_CHECKING:
    from vigil.store.dialect import Dialect


def origin_of(conn: Connection, doc_id: int) -> str | None:
    """The first place the document came from (its oldest source)."""
    s = tables.sources
    return conn.scalar(
        select(s.c.locator).where(s.c.document_id == doc_id).order_by(s.c.id).limit(1)
    )


def current_content(conn: Connection, dialect: Dialect, doc_id: int) -> str | None:
    """The digest of the document as the store holds it now; None if it cannot be read."""
    d, o = tables.documents, tables.originals
    row = conn.execute(
        select(d.c.sha256, d.c.size, d.c.format, d.c.text, d.c.full_text, d.c.parent_id).where(
            d.c.id == doc_id
        )
    ).first()
    stored = conn.scalar(select(o.c.data).where(o.c.document_id == doc_id))
    if row is None or stored is None:
        return None
    try:
        original = dialect.open_original(doc_id, bytes(stored))
    except StoreError:
        return None
    return content_digest(
        original,
        row.sha256,
        row.size,
        row.format,
        row.text,
        row.full_text,
        row.parent_id,
        origin_of(conn, doc_id),
    )


def unrecorded_or_changed(conn: Connection, dialect: Dialect) -> list[int]:
    """Documents whose digest differs from (or is missing in) the audit chain."""
    recorded = recorded_contents(conn)
    ids = list(conn.scalars(select(tables.documents.c.id).order_by(tables.documents.c.id)))
    return [
        i
        for i in ids
        if recorded.get(i) is None or current_content(conn, dialect, i) != recorded[i]
    ]

"""A document's text replaced after it was stored: by OCR, or by a person's transcript.

The original bytes and their hash are never touched. The new text replaces the
clean and full text, the search index entry follows, the origin and its record
(OCR's per-page confidence, who typed a transcript) go into the metadata, and
the document returns to `stored` so extraction runs on the new text. Each
replacement is one transaction with its change-log entry (counts, never text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, update

from vigil.errors import DocumentNotFound
from vigil.model import DocumentState, TextOrigin
from vigil.store import tables
from vigil.store.case_tables import letter_bands
from vigil.store.changes import log_change
from vigil.store.store import Store


@dataclass(frozen=True)
class NewText:
    """A document's replacement text and where it came from."""

    text: str
    origin: TextOrigin
    language: str | None
    record: dict[str, Any]
    """Kept under the origin's key in the metadata (`ocr`, `transcript`)."""


def replace_text(store: Store, doc_id: int, new: NewText, actor: str = "local") -> None:
    """Store `new` as the document's text; it is then waiting for extraction."""
    d = tables.documents
    with store.engine.begin() as conn:
        row = conn.execute(select(d.c.title, d.c.metadata).where(d.c.id == doc_id)).first()
        if row is None:
            raise DocumentNotFound(f"no document with id {doc_id}")
        metadata = json.loads(row.metadata or "{}")
        previous = metadata.get("text_origin", str(TextOrigin.PARSER))
        metadata["text_origin"] = str(new.origin)
        metadata[str(new.origin)] = new.record
        values: dict[str, Any] = {
            "text": new.text,
            "full_text": new.text,
            "boilerplate": "[]",
            "state": str(DocumentState.STORED),
            "metadata": json.dumps(metadata, ensure_ascii=False, default=str),
            "updated_at": datetime.now(UTC),
        }
        if new.language is not None:
            values["language"] = new.language
        conn.execute(update(d).where(d.c.id == doc_id).values(**values))
        # the letter's near-duplicate fingerprint was of the old text: made again on need
        conn.execute(delete(letter_bands).where(letter_bands.c.document_id == doc_id))
        store.dialect.unindex_documents(conn, [doc_id])
        store.dialect.index_document(conn, doc_id, row.title or "", new.text)
        log_change(
            conn,
            actor,
            f"text:{new.origin}",
            "document",
            doc_id,
            {"chars": len(new.text), "previous_origin": previous},
        )


def waiting_for_ocr(store: Store, formats: frozenset[str]) -> list[int]:
    """Ids of documents in state `needs_ocr` whose format OCR reads, oldest first."""
    d = tables.documents.c
    with store.engine.connect() as conn:
        return list(
            conn.scalars(
                select(d.id)
                .where(d.state == str(DocumentState.NEEDS_OCR), d.format.in_(sorted(formats)))
                .order_by(d.id)
            )
        )


__all__ = ["NewText", "replace_text", "waiting_for_ocr"]

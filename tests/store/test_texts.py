"""Replacing a document's text (OCR, transcripts) on both backends: the original kept,
the index following, the origin recorded, the change logged, extraction pending again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vigil.errors import DocumentNotFound
from vigil.model import DocumentState, ParsedDocument, SearchQuery, TextOrigin
from vigil.store import Store, tables
from vigil.store.texts import NewText, replace_text, waiting_for_ocr


def _scan(store: Store) -> int:
    parsed = ParsedDocument(
        format="pdf", text="", full_text="", state=DocumentState.NEEDS_OCR, title="Scan"
    )
    return store.add_document(parsed, b"%PDF-1.4 scanned bytes", locator="/in/scan.pdf")


def test_replaced_text_is_searchable_and_the_original_kept(store: Store) -> None:
    doc_id = _scan(store)
    assert waiting_for_ocr(store, frozenset({"pdf", "image"})) == [doc_id]
    new = NewText("A letter about the lighthouse keeper.", TextOrigin.OCR, "en", {"pages": []})
    replace_text(store, doc_id, new, actor="tester")
    doc = store.get(doc_id)
    assert (doc.state, doc.text, doc.language) == (DocumentState.STORED, new.text, "en")
    assert doc.metadata["text_origin"] == "ocr" and doc.metadata["ocr"] == {"pages": []}
    assert store.original(doc_id) == b"%PDF-1.4 scanned bytes"
    assert [h.document_id for h in store.search(SearchQuery("lighthouse"))] == [doc_id]
    assert waiting_for_ocr(store, frozenset({"pdf", "image"})) == []
    again = NewText("Corrected: the harbour keeper.", TextOrigin.TRANSCRIPT, None, {"by": "x"})
    replace_text(store, doc_id, again, actor="tester")
    assert store.search(SearchQuery("lighthouse")) == []
    assert [h.document_id for h in store.search(SearchQuery("harbour"))] == [doc_id]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(tables.changes.c.action, tables.changes.c.actor).where(
                tables.changes.c.entity_id == doc_id, tables.changes.c.action.like("text:%")
            )
        ).all()
    assert [tuple(r) for r in rows] == [("text:ocr", "tester"), ("text:transcript", "tester")]


def test_replacing_the_text_of_a_missing_document_fails(store: Store) -> None:
    with pytest.raises(DocumentNotFound):
        replace_text(store, 999, NewText("x", TextOrigin.TRANSCRIPT, None, {}))

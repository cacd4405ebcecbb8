"""The document page's transcript box: editors replace a document's text by hand."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from vigil.accounts import Role
from vigil.store import Store, tables

from .conftest import Browser, add_document


def test_editor_types_a_transcript_and_it_is_stored_logged_and_extracted(
    signed_in: Callable[[Role], Browser], store: Store
) -> None:
    doc_id = add_document(store, text="Unreadable scan text")
    original = store.original(doc_id)
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/documents/{doc_id}")
    assert 'action="/documents/' in page and "Save the transcript" in page
    typed = "Dear Minister,\nWe ask you to release the teacher held since May.\n"
    response = editor.post(f"/documents/{doc_id}/text", {"text": typed})
    assert response.status_code == 303, response.text
    doc = store.get(doc_id)
    assert doc.text == typed.strip()
    assert doc.metadata["text_origin"] == "transcript"
    assert doc.state == "extracted"
    assert store.original(doc_id) == original
    with store.engine.connect() as conn:
        actions = conn.scalars(
            select(tables.changes.c.action).where(tables.changes.c.entity_id == doc_id)
        ).all()
    assert "text:transcript" in actions


def test_empty_transcript_is_refused_and_changes_nothing(
    signed_in: Callable[[Role], Browser], store: Store
) -> None:
    doc_id = add_document(store)
    editor = signed_in(Role.EDITOR)
    editor.page(f"/documents/{doc_id}")
    response = editor.post(f"/documents/{doc_id}/text", {"text": "   "})
    assert response.status_code == 400
    assert "empty transcript" in response.text
    assert store.get(doc_id).text == "A letter about a detention."


def test_viewers_see_no_transcript_box(signed_in: Callable[[Role], Browser], store: Store) -> None:
    doc_id = add_document(store)
    assert "Save the transcript" not in signed_in(Role.VIEWER).page(f"/documents/{doc_id}")

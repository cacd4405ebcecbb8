"""A web upload runs the same chain as `vigil ingest`: store, extract, build the case file.

The letter is our own invention. The first test runs the real spaCy pipeline
(slow marker); the others check what the page says when extraction fails.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from vigil import cases
from vigil.store import Store, tables
from vigil.store.suggestions import get_extraction

from .conftest import Browser, add_document, finished_job

LETTER = b"""14 June 2032

Minister Halvard Brennholt
Ministry of Inland Waters
Port Selwyn

Dear Minister,

We write about Mr. Casimir Oduya, a boat mechanic who was arrested by the river police in
Port Selwyn on 9 June 2032 and is held without charge.
We urge you to release him immediately and to allow his family to visit him.

Yours sincerely,

Marguerite Tallis
Director, Riverside Rights Circle
"""


def _actions(store: Store, entity: str) -> list[tuple[str, str]]:
    c = tables.changes.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(c.actor, c.action).where(c.entity == entity).order_by(c.id))
        return [(actor, action) for actor, action in rows]


@pytest.mark.slow
def test_uploaded_letter_is_extracted_and_becomes_an_intervention(
    owner: Browser, store: Store
) -> None:
    owner.page("/upload")
    shown = finished_job(owner, owner.post("/upload", files={"files": ("appeal.txt", LETTER)}))
    [doc] = store.documents()
    extraction = get_extraction(store, doc.id)
    assert extraction is not None and extraction.suggestions
    assert store.get(doc.id).state == "extracted"
    count = re.search(r"([0-9]+) suggestion\(s\)", shown)
    assert count and int(count.group(1)) == len(extraction.suggestions)
    assert f'href="/review?document={doc.id}"' in shown
    [letter] = cases.list_interventions(store)
    assert letter.document_id == doc.id
    made = len(cases.list_cases(store))
    assert made >= 1
    assert f"1 new intervention(s), {made} case(s) suggested" in shown
    assert ("owner", "extract") in _actions(store, "document")

    review = owner.page(f"/review?document={doc.id}")
    assert "Casimir Oduya" in review and "persons_at_risk" in review
    page = owner.page(f"/documents/{doc.id}")
    assert re.search(r'<mark class="hl hl-name[^"]*"><a href="#s-[0-9]+">Casimir Oduya</a>', page)
    assert re.search(r'<mark class="hl hl-letter[^"]*"><a href="#s-[0-9]+">Dear Minister,', page)


def _broken(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the models did not load")


def test_failed_extraction_keeps_the_document_and_says_how_to_retry(
    owner: Browser, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("vigil.web.workspace.extract_stored", _broken)
    owner.page("/upload")
    response = owner.post("/upload", files={"files": ("appeal.txt", LETTER)})
    shown = finished_job(owner, response)
    assert "Extraction failed" in shown and "vigil extract --pending" in shown
    [doc] = store.documents()
    assert store.get(doc.id).state == "stored"
    assert get_extraction(store, doc.id) is None
    assert cases.list_interventions(store) == []
    assert not re.search(r"[0-9]+ suggestion", shown)


def test_failed_case_file_build_keeps_the_extraction(
    owner: Browser, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("vigil.cases.update_case_file", _broken)
    owner.page("/upload")
    response = owner.post("/upload", files={"files": ("note.txt", b"A short note.")})
    shown = finished_job(owner, response)
    assert "case file was not updated" in shown and "vigil cases suggest" in shown
    [doc] = store.documents()
    assert store.get(doc.id).state == "extracted"


def test_upload_extracts_only_its_own_documents(owner: Browser, store: Store) -> None:
    waiting = add_document(store, "An older note, stored before.", "older.txt")
    owner.page("/upload")
    finished_job(owner, owner.post("/upload", files={"files": ("note.txt", b"A new short note.")}))
    [new] = [d.id for d in store.documents() if d.id != waiting]
    assert store.get(new).state == "extracted"
    assert store.get(waiting).state == "stored"  # left for `vigil extract --pending`

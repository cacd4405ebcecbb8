"""Bad input gets a clear message in the page and changes nothing; nothing crashes."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from .conftest import ORIGIN, Browser, add_document, finished_job


@pytest.fixture
def small_owner(settings: Settings, store: Store) -> Browser:
    app = create_app(settings.with_(max_file_bytes=10_000), store)
    client = TestClient(app, base_url=ORIGIN, follow_redirects=False, raise_server_exceptions=False)
    browser = Browser(client)
    assert browser.unlock().status_code == 303
    return browser


def test_oversized_upload_is_refused_with_a_message(small_owner: Browser, store: Store) -> None:
    small_owner.page("/upload")
    response = small_owner.post("/upload", files={"files": ("big.txt", b"x" * 2_000_000)})
    assert response.status_code == 413
    assert "too large" in response.text
    assert store.documents() == [] and store.counts().get("rejected", 0) == 0


def test_unsupported_and_empty_files_are_rejected_with_reasons(
    owner: Browser, store: Store
) -> None:
    owner.page("/upload")
    response = owner.post(
        "/upload",
        files=[
            ("files", ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00")),
            ("files", ("x.pdf", b"%PDF-1.7 torn")),
        ],
    )
    page = finished_job(owner, response)
    assert page.count('class="result rejected"') == 2
    assert "unsupported" in page
    assert store.documents() == []


def test_upload_without_files_is_a_message(owner: Browser) -> None:
    owner.page("/upload")
    response = owner.post("/upload", files={"files": ("", b"")})
    assert response.status_code == 400 and "Choose at least one file" in response.text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"no boundary"),
        ("multipart/form-data; boundary=xyz", b"--xyz\r\nthis is not a part"),
        ("application/json", b'{"csrf": "x"}'),
        ("application/x-www-form-urlencoded", b"csrf=%ff%fe"),
    ],
)
def test_malformed_forms_are_refused(
    owner: Browser, store: Store, content_type: str, body: bytes
) -> None:
    doc_id = add_document(store)
    for url in ("/upload", f"/documents/{doc_id}/delete", "/users"):
        response = owner.client.post(
            url, content=body, headers={"content-type": content_type, "origin": ORIGIN}
        )
        assert response.status_code in (400, 403, 415), (url, response.status_code)
        assert "<h1>" in response.text
    assert [d.id for d in store.documents()] == [doc_id]


def test_unknown_and_malformed_ids(owner: Browser) -> None:
    for url, status in [
        ("/documents/999", 404),
        ("/documents/999/original", 404),
        ("/documents/999/delete", 404),
        ("/documents/abc", 400),
        ("/documents/-1", 400),
        ("/documents/99999999999999999999999", 400),
        ("/nowhere", 404),
    ]:
        response = owner.get(url)
        assert response.status_code == status, (url, response.status_code)
        assert "Traceback" not in response.text


def test_malformed_search_forms(owner: Browser) -> None:
    owner.page("/search")
    for data, status in [
        ({"q": "x", "page": "0"}, 400),
        ({"q": "x", "page": "x"}, 400),
        ({"q": "x", "since": "yesterday"}, 400),
        ({"q": "x" * 501}, 400),
    ]:
        response = owner.post("/search", data)
        assert response.status_code == status, (data, response.status_code)
        assert "Traceback" not in response.text


def test_hostile_search_syntax_does_not_crash(owner: Browser, store: Store) -> None:
    add_document(store)
    owner.page("/search")
    for q in ['"', "NEAR(", "*", "a OR OR", "col:umn", "\x00", "' OR 1=1 --", "é" * 400]:
        assert owner.post("/search", {"q": q}).status_code == 200, q


def test_wrong_method_is_a_page_not_a_crash(owner: Browser, app: FastAPI) -> None:
    assert owner.get("/sign-out").status_code == 405

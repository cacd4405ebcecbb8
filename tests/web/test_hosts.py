"""The Host allow-list: a foreign Host or Origin is refused before any session exists."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app
from vigil.web.hosts import host_name


def _client(app: FastAPI, base: str) -> TestClient:
    return TestClient(app, base_url=base, follow_redirects=False, raise_server_exceptions=False)


@pytest.mark.parametrize(
    "base", ["https://evil.example", "http://attacker.test:8000", "http://127.0.0.1.nip.io"]
)
def test_a_foreign_host_gets_no_page_and_no_cookie(app: FastAPI, base: str) -> None:
    with _client(app, base) as client:
        for path in ("/", "/unlock", "/sign-in", "/static/app.css"):
            response = client.get(path)
            assert response.status_code == 421, path
            assert "set-cookie" not in response.headers
        posted = client.post("/unlock", data={"passphrase": "x"})
        assert posted.status_code == 421
        assert "set-cookie" not in posted.headers


def test_a_foreign_origin_is_refused_on_an_allowed_host(app: FastAPI) -> None:
    with _client(app, "https://testserver") as client:
        assert client.get("/unlock").status_code == 200
        response = client.get("/unlock", headers={"origin": "https://evil.example"})
        assert response.status_code == 421
        assert "set-cookie" not in response.headers
        assert client.get("/unlock", headers={"origin": "https://testserver"}).status_code == 200
        assert client.get("/unlock", headers={"origin": "null"}).status_code == 200


@pytest.mark.parametrize("base", ["http://localhost:8000", "http://127.0.0.1", "http://[::1]:80"])
def test_loopback_names_are_always_answered(settings: Settings, store: Store, base: str) -> None:
    app = create_app(settings.with_(allowed_hosts=()), store)
    with _client(app, base) as client:
        assert client.get("/unlock").status_code == 200


def test_configured_names_are_answered_case_blind(settings: Settings, store: Store) -> None:
    app = create_app(settings.with_(allowed_hosts=("vigil.example.org",)), store)
    with _client(app, "https://VIGIL.example.org:8443") as client:
        assert client.get("/unlock").status_code == 200
    with _client(app, "https://vigil.example.org.evil.test") as client:
        assert client.get("/unlock").status_code == 421


def test_two_host_headers_are_refused(app: FastAPI) -> None:
    with _client(app, "https://testserver") as client:
        response = client.get("/unlock", headers=[("host", "testserver"), ("host", "evil.example")])
        assert response.status_code in (400, 421)


@pytest.mark.parametrize(
    ("header", "name"),
    [("Example.org:80", "example.org"), ("[::1]:8000", "::1"), ("x:y", ""), ("a.b.", "a.b")],
)
def test_host_header_names(header: str, name: str) -> None:
    assert host_name(header) == name

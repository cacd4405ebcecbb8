"""Every state-changing route refuses a request without our CSRF token or our Origin."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI

from vigil.accounts import Role, list_users
from vigil.store import Store

from .conftest import Browser, BrowserFactory, add_document
from .test_authorisation import _Ids, app_routes

EVIL = "https://evil.example"


def state_changing(app: FastAPI) -> list[str]:
    return sorted(path for method, path in app_routes(app) if method != "GET")


@pytest.mark.parametrize(
    ("token", "origin", "extra"),
    [
        ("", "https://testserver", {}),
        ("forged-token-forged-token-forged-token-00", "https://testserver", {}),
        (None, EVIL, {}),
        (None, None, {}),
        (None, "null", {}),
        (None, "null", {"sec-fetch-site": "same-site"}),
        (None, "https://testserver", {"sec-fetch-site": "cross-site"}),
    ],
    ids=[
        "no-token",
        "wrong-token",
        "foreign-origin",
        "no-origin",
        "null-origin",
        "null-origin-same-site",
        "cross-site-fetch",
    ],
)
def test_every_post_route_refuses_a_forged_request(
    token: str | None,
    origin: str | None,
    extra: dict[str, str],
    app: FastAPI,
    store: Store,
    signed_in: Callable[[Role], Browser],
) -> None:
    doc_id = add_document(store)
    routes = state_changing(app)
    assert len(routes) >= 8
    for path in routes:
        browser = signed_in(Role.ADMIN)
        ids = _Ids(doc_id)  # every {..._id} is the document's id; {name} a real user
        ids["name"] = "viewer"
        url = path.format_map(ids)
        response = browser.post(
            url,
            {
                "passphrase": "x",
                "name": "admin",
                "password": "admin password long enough",
                "role": "viewer",
                "again": "admin password long enough",
            },
            files={"files": ("a.txt", b"hello")} if path == "/upload" else None,
            csrf=token,
            origin=origin,
            headers=extra,
        )
        if origin == EVIL:  # refused before the app, by the Host/Origin allow-list
            assert response.status_code == 421, (path, response.status_code)
        else:
            assert response.status_code == 403, (path, response.status_code)
            assert "Form expired" in response.text
        assert browser.get("/").status_code == 200, f"{path}: the session must survive"
    assert [d.id for d in store.documents()] == [doc_id]
    assert store.counts().get("rejected", 0) == 0
    assert {u.name: u.disabled for u in list_users(store)} == {
        "admin": False,
        "editor": False,
        "viewer": False,
    }


def test_sign_in_form_needs_its_pre_session_token(
    accounts: dict[Role, str], new_browser: BrowserFactory
) -> None:
    browser = new_browser()
    browser.page("/sign-in")
    response = browser.post(
        "/sign-in", {"name": "admin", "password": "admin password long enough"}, csrf="x" * 43
    )
    assert response.status_code == 403
    assert "__Host-vigil-session" not in response.headers.get("set-cookie", "")


def test_unlock_form_needs_its_pre_session_token(new_browser: BrowserFactory) -> None:
    browser = new_browser()
    response = browser.post("/unlock", {"passphrase": "correct horse battery staple"}, csrf="")
    assert response.status_code == 403

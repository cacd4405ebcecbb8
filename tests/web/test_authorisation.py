"""Who may call what: every route of the app (read from its router), by every kind of visitor."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from vigil.accounts import Role
from vigil.store import Store

from .conftest import PASSWORDS, Browser, BrowserFactory, add_document

PUBLIC = None
# (method, path) -> least role; a new route fails test_every_route_is_listed until added here.
ROUTES: dict[tuple[str, str], Role | None] = {
    ("GET", "/unlock"): PUBLIC,
    ("POST", "/unlock"): PUBLIC,
    ("GET", "/sign-in"): PUBLIC,
    ("POST", "/sign-in"): PUBLIC,
    ("POST", "/language"): PUBLIC,
    ("POST", "/sign-out"): Role.VIEWER,
    ("GET", "/account/password"): Role.VIEWER,
    ("GET", "/account/confirm"): Role.VIEWER,
    ("POST", "/account/confirm"): Role.VIEWER,
    ("POST", "/account/password"): Role.VIEWER,
    ("GET", "/"): Role.VIEWER,
    ("GET", "/search"): Role.VIEWER,
    ("POST", "/search"): Role.VIEWER,
    ("GET", "/documents"): Role.VIEWER,
    ("GET", "/documents/{doc_id}"): Role.VIEWER,
    ("GET", "/documents/{doc_id}/original"): Role.VIEWER,
    ("GET", "/documents/{doc_id}/delete"): Role.EDITOR,
    ("POST", "/documents/{doc_id}/delete"): Role.EDITOR,
    ("POST", "/documents/{doc_id}/text"): Role.EDITOR,
    ("GET", "/upload"): Role.EDITOR,
    ("POST", "/upload"): Role.EDITOR,
    ("GET", "/jobs"): Role.EDITOR,
    ("GET", "/jobs/{job_id}"): Role.EDITOR,
    ("GET", "/jobs/{job_id}/progress"): Role.EDITOR,
    ("POST", "/jobs/{job_id}/retry"): Role.EDITOR,
    ("GET", "/users"): Role.ADMIN,
    ("POST", "/users"): Role.ADMIN,
    ("POST", "/users/{name}/disable"): Role.ADMIN,
    ("POST", "/users/{name}/role"): Role.ADMIN,
    ("POST", "/users/{name}/locale"): Role.ADMIN,
    ("POST", "/users/{name}/second-factor/reset"): Role.ADMIN,
    ("POST", "/groups"): Role.ADMIN,
    ("POST", "/groups/{name}/members"): Role.ADMIN,
    ("POST", "/groups/{name}/delete"): Role.ADMIN,
    ("GET", "/audit"): Role.ADMIN,
    ("GET", "/account/second-factor"): Role.VIEWER,
    ("POST", "/account/second-factor"): Role.VIEWER,
    ("GET", "/review"): Role.VIEWER,
    ("POST", "/review/bulk"): Role.EDITOR,
    ("POST", "/review/{suggestion_id}"): Role.EDITOR,
    ("POST", "/review/{suggestion_id}/decision"): Role.EDITOR,
    ("POST", "/review/{suggestion_id}/everywhere"): Role.EDITOR,
    ("GET", "/cases"): Role.VIEWER,
    ("POST", "/cases"): Role.EDITOR,
    ("POST", "/cases/suggest"): Role.EDITOR,
    ("GET", "/cases/{case_id}"): Role.VIEWER,
    ("POST", "/cases/{case_id}/add"): Role.EDITOR,
    ("POST", "/cases/{case_id}/merge"): Role.EDITOR,
    ("POST", "/cases/{case_id}/close"): Role.EDITOR,
    ("POST", "/cases/{case_id}/dismiss"): Role.EDITOR,
    ("POST", "/cases/{case_id}/fields"): Role.EDITOR,
    ("POST", "/cases/{case_id}/access"): Role.ADMIN,
    ("GET", "/cases.csv"): Role.VIEWER,
    ("GET", "/interventions.csv"): Role.VIEWER,
    ("GET", "/parties.csv"): Role.VIEWER,
    ("GET", "/cases/{case_id}/dossier.pdf"): Role.VIEWER,
    ("POST", "/cases/{case_id}/letter"): Role.EDITOR,
    ("GET", "/stats"): Role.VIEWER,
    ("GET", "/interventions"): Role.VIEWER,
    ("POST", "/pick/{kind}"): Role.VIEWER,
    ("GET", "/interventions/{intervention_id}"): Role.VIEWER,
    ("POST", "/interventions/{intervention_id}/status"): Role.EDITOR,
    ("POST", "/interventions/{intervention_id}/respond"): Role.EDITOR,
    ("POST", "/interventions/{intervention_id}/date"): Role.EDITOR,
    ("GET", "/parties"): Role.VIEWER,
    ("POST", "/parties"): Role.VIEWER,
    ("GET", "/parties/{party_id}"): Role.VIEWER,
    ("POST", "/parties/{party_id}/merge"): Role.EDITOR,
    ("POST", "/parties/{party_id}/split"): Role.EDITOR,
    ("POST", "/parties/{party_id}/edit"): Role.EDITOR,
    ("POST", "/parties/merge-suggestions/{suggestion_id}/accept"): Role.EDITOR,
    ("POST", "/parties/merge-suggestions/{suggestion_id}/reject"): Role.EDITOR,
}
ENDS_SESSION = {("POST", "/sign-out"), ("POST", "/account/password")}
ENTRY_PAGES = ("/sign-in", "/unlock")


def flat_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, including those of included routers (FastAPI >= 0.160 wraps them)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from flat_routes(included.routes)


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in flat_routes(app.routes)
        for method in route.methods - {"HEAD"}
    }


def test_every_route_is_listed(app: FastAPI) -> None:
    assert app_routes(app) == set(ROUTES)


class _Ids(dict[str, object]):
    """Every `{..._id}` of a route path is the test document's id (an unknown id is a 404,
    which still shows the role was let in); `{name}` is a user that does not exist."""

    def __init__(self, doc_id: int) -> None:
        super().__init__(name="nobody")
        self.doc_id = doc_id

    def __missing__(self, key: str) -> object:
        return self.doc_id


def _call(browser: Browser, method: str, path: str, doc_id: int, role: Role | None) -> int:
    url = path.format_map(_Ids(doc_id))
    if method == "GET":
        response = browser.get(url)
    else:
        same = PASSWORDS[role] if role else ""
        data = {"current": same, "new": same, "again": same} if role else {}
        response = browser.post(
            url, data, files={"files": ("a.txt", b"hello")} if path == "/upload" else None
        )
    location = response.headers.get("location", "")
    denied = response.status_code == 403 or (
        response.status_code == 303
        and location in ENTRY_PAGES
        and not (role is not None and (method, path) in ENDS_SESSION)
    )
    assert response.status_code < 500, (method, path, response.status_code)
    return 0 if denied else 1


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: str(r or "anonymous"))
def test_who_may_call_what(
    role: Role | None,
    store: Store,
    accounts: dict[Role, str],
    new_browser: BrowserFactory,
    signed_in: Callable[[Role], Browser],
    app: FastAPI,
) -> None:
    doc_id = add_document(store)
    for (method, path), least in sorted(ROUTES.items()):
        browser = signed_in(role) if role else new_browser()
        if role is None and least is not None:
            browser.page("/sign-in")  # even with a valid pre-session token
        allowed = _call(browser, method, path, doc_id, role)
        if least is None:  # the entry pages: anyone may call them (they redirect as needed)
            continue
        expected = role is not None and role.allows(least)
        assert allowed == expected, (str(role), method, path)
        if not store.documents():
            doc_id = add_document(store)


def test_anonymous_is_sent_to_the_entry_page(new_browser: BrowserFactory) -> None:
    browser = new_browser()
    response = browser.get("/search?q=x")
    assert (response.status_code, response.headers["location"]) == (303, "/unlock")


def test_static_files_are_public(browser: Browser) -> None:
    for path in ("/static/vigil.css", "/static/vigil.js", "/static/vendor/htmx.min.js"):
        assert browser.get(path).status_code == 200

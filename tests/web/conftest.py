"""Web fixtures: the app over a fresh store, an in-process client on https://, sign-in helpers.

Route tests use an `https://` base URL because the cookies are Secure and a
client does not send a Secure cookie to a plain-http host.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from vigil.accounts import Role, add_user
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from ..conftest import PASSPHRASE

ORIGIN = "https://testserver"
PASSWORDS = {role: f"{role} password long enough" for role in Role}
_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


class Browser:
    """An in-process client that behaves like our pages: Origin header, CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return self.client.get(url, **kw)

    def page(self, url: str) -> str:
        """GET a page that must load, and remember its CSRF token."""
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        self.csrf = csrf_of(response.text)
        return response.text

    def post(
        self,
        url: str,
        data: dict[str, str] | None = None,
        *,
        files: Any = None,
        csrf: str | None = None,
        origin: str | None = ORIGIN,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        fields = {"csrf": self.csrf if csrf is None else csrf, **(data or {})}
        sent = dict(headers or {})
        if origin is not None:
            sent["origin"] = origin
        return self.client.post(url, data=fields, files=files, headers=sent)

    def unlock(self, passphrase: str = PASSPHRASE) -> httpx.Response:
        self.page("/unlock")
        response = self.post("/unlock", {"passphrase": passphrase})
        if response.status_code == 303:
            self.page("/")
        return response

    def confirm(self, password: str, code: str = "", then: str = "/users") -> httpx.Response:
        """Re-enter the password (and code) that sensitive pages ask for."""
        self.page(f"/account/confirm?next={then}")
        response = self.post("/account/confirm", {"current": password, "code": code, "next": then})
        assert response.status_code == 303, response.status_code
        return response

    def sign_in(self, name: str, password: str) -> httpx.Response:
        self.page("/sign-in")
        response = self.post("/sign-in", {"name": name, "password": password})
        if response.status_code == 303:
            self.page("/")
        return response


BrowserFactory = Callable[[], Browser]


@pytest.fixture
def app(settings: Settings, store: Store) -> FastAPI:
    return create_app(settings, store)


@pytest.fixture
def new_browser(app: FastAPI) -> Iterator[BrowserFactory]:
    clients: list[TestClient] = []

    def make() -> Browser:
        client = TestClient(
            app, base_url=ORIGIN, follow_redirects=False, raise_server_exceptions=False
        )
        client.__enter__()
        clients.append(client)
        return Browser(client)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def browser(new_browser: BrowserFactory) -> Browser:
    return new_browser()


@pytest.fixture
def owner(browser: Browser) -> Browser:
    """A browser that unlocked a personal store."""
    assert browser.unlock().status_code == 303
    return browser


@pytest.fixture
def accounts(store: Store, settings: Settings) -> dict[Role, str]:
    """One account per role (organisation mode); role -> user name."""
    for role in Role:
        add_user(store, settings, str(role), role, PASSWORDS[role])
    return {role: str(role) for role in Role}


@pytest.fixture
def signed_in(accounts: dict[Role, str], new_browser: BrowserFactory) -> Callable[[Role], Browser]:
    def make(role: Role) -> Browser:
        browser = new_browser()
        assert browser.sign_in(accounts[role], PASSWORDS[role]).status_code == 303
        return browser

    return make


def add_document(
    store: Store, text: str = "A letter about a detention.", name: str = "letter.txt"
) -> int:
    parsed = ParsedDocument(
        format="txt", text=text, full_text=text, title="A letter", language="en"
    )
    return store.add_document(parsed, text.encode(), locator=f"/data/{name}")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The test client's host name is allowed (loopback names always are); no role must
    have a second factor (tests of the second factor ask for it)."""
    return settings.with_(allowed_hosts=("testserver",), require_second_factor=())


def finished_job(browser: Browser, response: httpx.Response, timeout: float = 120.0) -> str:
    """Follow an upload's (or rebuild's) answer to its job and poll its progress, as the page
    does, until the server's worker finishes it; the job page as it then reads."""
    assert response.status_code == 303, response.status_code
    location = response.headers["location"]
    assert re.fullmatch(r"/jobs/[0-9]+", location), location
    deadline = time.monotonic() + timeout
    while browser.get(location + "/progress").status_code != 286:  # htmx: stop polling
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.1)
    return browser.page(location)

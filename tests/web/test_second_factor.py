"""Second factor, user admin and the audit page, through the app's own forms."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from vigil.accounts import Role, add_user, get_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from .conftest import ORIGIN, PASSWORDS, Browser, add_document

SEED = re.compile(r'name="seed" value="([A-Z2-7]{32})"')
CODES = re.compile(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</code></li>")


@pytest.fixture
def strict_app(settings: Settings, store: Store) -> FastAPI:
    for role in Role:
        add_user(store, settings, str(role), role, PASSWORDS[role])
    return create_app(settings.with_(require_second_factor=("admin",)), store)


@pytest.fixture
def client_of(strict_app: FastAPI) -> Callable[[], Browser]:
    def make() -> Browser:
        client = TestClient(
            strict_app, base_url=ORIGIN, follow_redirects=False, raise_server_exceptions=False
        )
        return Browser(client)

    return make


def sign_in(browser: Browser, name: str, code: str = "") -> int:
    browser.page("/sign-in")
    data = {"name": name, "password": PASSWORDS[Role(name)], "code": code}
    response = browser.post("/sign-in", data)
    if response.status_code == 303:
        browser.csrf = ""
    return response.status_code


def enrol(browser: Browser) -> tuple[str, list[str]]:
    page = browser.page("/account/second-factor")
    found = SEED.search(page)
    assert found and "<svg" in page
    seed = found.group(1)
    done = browser.post("/account/second-factor", {"seed": seed, "code": pyotp.TOTP(seed).now()})
    assert done.status_code == 200, done.text
    codes = CODES.findall(done.text)
    assert len(codes) == 10
    return seed, codes


def entries(store: Store, action: str) -> list[tuple[str, int | None]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT actor, entity_id FROM changes WHERE action = :a ORDER BY id"),
            {"a": action},
        )
        return [(r[0], r[1]) for r in rows]


def test_an_admin_must_enrol_before_anything_else(
    client_of: Callable[[], Browser], store: Store
) -> None:
    admin = client_of()
    assert sign_in(admin, "admin") == 303
    for path in ("/", "/users", "/audit", "/search"):
        response = admin.get(path)
        assert (response.status_code, response.headers["location"]) == (
            303,
            "/account/second-factor",
        ), path
    enrol(admin)
    assert admin.get("/users").headers["location"].startswith("/account/confirm?")
    # a viewer is not required to enrol
    viewer = client_of()
    assert sign_in(viewer, "viewer") == 303
    assert viewer.get("/").status_code == 200
    admin_id = get_user(store, "admin").id
    assert entries(store, "second-factor:enrol") == [(f"user:{admin_id}", admin_id)]


def test_sign_in_needs_a_fresh_code_and_a_recovery_code_works_once(
    client_of: Callable[[], Browser], store: Store
) -> None:
    first = client_of()
    sign_in(first, "admin")
    seed, codes = enrol(first)
    totp = pyotp.TOTP(seed)
    assert sign_in(client_of(), "admin") == 401  # password alone is not enough
    assert sign_in(client_of(), "admin", "123456" if totp.now() != "123456" else "654321") == 401
    # the enrolment's own code, and any code already used, are refused: no replay
    now_code = totp.now()
    assert sign_in(client_of(), "admin", now_code) == 401
    assert sign_in(client_of(), "admin", codes[0]) == 303
    assert sign_in(client_of(), "admin", codes[0]) == 401  # spent
    assert sign_in(client_of(), "admin", codes[1].upper().replace("-", " ")) == 303
    admin_id = get_user(store, "admin").id
    signed = entries(store, "sign-in")
    assert signed[-2:] == [(f"user:{admin_id}", admin_id)] * 2
    failed = entries(store, "sign-in:failed")
    assert failed == [("anonymous", admin_id)] * 4


def test_a_code_from_the_next_window_signs_in_once(
    client_of: Callable[[], Browser], store: Store
) -> None:
    first = client_of()
    sign_in(first, "admin")
    seed, _ = enrol(first)
    later = pyotp.TOTP(seed).at(time.time() + 30)
    assert sign_in(client_of(), "admin", later) == 303
    assert sign_in(client_of(), "admin", later) == 401  # replayed within its window


def test_wrong_codes_are_throttled_like_passwords(client_of: Callable[[], Browser]) -> None:
    first = client_of()
    sign_in(first, "admin")
    enrol(first)
    browser = client_of()
    statuses = [sign_in(browser, "admin", "000000") for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429


def test_admin_changes_roles_resets_a_factor_and_keeps_one_admin(
    client_of: Callable[[], Browser], store: Store
) -> None:
    editor_browser = client_of()
    assert sign_in(editor_browser, "editor") == 303
    enrol(editor_browser)  # by choice
    admin = client_of()
    sign_in(admin, "admin")
    seed, _ = enrol(admin)
    assert admin.get("/users").headers["location"].startswith("/account/confirm?")
    admin.page("/account/confirm?next=/users")
    wrong = admin.post("/account/confirm", {"current": PASSWORDS[Role.ADMIN], "next": "/users"})
    assert wrong.status_code == 401  # the code is needed too
    later = pyotp.TOTP(seed).at(time.time() + 30)
    admin.confirm(PASSWORDS[Role.ADMIN], later)
    admin.page("/users")
    assert admin.post("/users/viewer/role", {"role": "editor"}).status_code == 303
    assert get_user(store, "viewer").role is Role.EDITOR
    assert admin.post("/users/editor/second-factor/reset").status_code == 303
    assert not get_user(store, "editor").second_factor
    assert sign_in(client_of(), "editor") == 303  # password alone again
    refused = admin.post("/users/admin/role", {"role": "viewer"})
    assert refused.status_code == 400 and "last active admin" in refused.text
    assert admin.post("/users/admin/disable", {"enable": "0"}).status_code == 400
    admin_id = get_user(store, "admin").id
    viewer_id = get_user(store, "viewer").id
    assert entries(store, "role") == [(f"user:{admin_id}", viewer_id)]
    editor_id = get_user(store, "editor").id
    assert entries(store, "second-factor:reset") == [(f"user:{admin_id}", editor_id)]


def test_the_audit_page_shows_the_chain_to_admins_only(
    client_of: Callable[[], Browser], store: Store
) -> None:
    canary = "Zqxwvortenbach"
    add_document(store, f"A letter about {canary}.", f"{canary}.txt")
    admin = client_of()
    sign_in(admin, "admin")
    enrol(admin)
    page = admin.page("/audit")
    assert "The chain holds" in page and "sign-in" in page and "ingest" in page
    assert canary not in page
    viewer = client_of()
    sign_in(viewer, "viewer")
    assert viewer.get("/audit").status_code == 403
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE changes SET actor = 'x' WHERE id = 1"))
    assert "The chain is broken: entry 1:" in admin.page("/audit")

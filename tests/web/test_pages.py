"""Pages, cookies, headers, sessions and the personal and organisation modes, in-process."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from vigil.accounts import Role, SessionPolicy, Throttle
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app
from vigil.web.headers import CONTENT_SECURITY_POLICY

from .conftest import ORIGIN, PASSWORDS, Browser, BrowserFactory, add_document

PAGES = [
    "/",
    "/search",
    "/documents",
    "/documents/{id}",
    "/documents/{id}/delete",
    "/upload",
    "/jobs",
    "/account/password",
    "/users",
]


def test_every_response_carries_the_security_headers(owner: Browser, store: Store) -> None:
    doc_id = add_document(store)
    urls = [p.format(id=doc_id) for p in PAGES] + [
        "/unlock",
        "/static/vigil.css",
        "/no-such-page",
        f"/documents/{doc_id}/original",
    ]
    for url in urls:
        headers = owner.get(url).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert headers["cache-control"] == "no-store", url
        assert headers["x-frame-options"] == "DENY", url
        assert headers["referrer-policy"] == "no-referrer", url
        assert headers["x-content-type-options"] == "nosniff", url
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "http" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


def test_pages_hold_no_inline_script_or_style(owner: Browser, store: Store) -> None:
    doc_id = add_document(store)
    for url in [p.format(id=doc_id) for p in PAGES[:-2]]:
        html = owner.get(url).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html, url
        assert "http://" not in html and "https://" not in html, url


def test_session_cookie_is_host_prefixed_secure_httponly_strict(browser: Browser) -> None:
    browser.page("/unlock")
    response = browser.post("/unlock", {"passphrase": "correct horse battery staple"})
    cookie = next(c for c in response.headers.get_list("set-cookie") if "vigil-session=" in c)
    assert cookie.startswith("__Host-vigil-session=")
    for flag in ("Secure", "HttpOnly", "SameSite=strict", "Path=/"):
        assert flag in cookie
    assert "Domain" not in cookie


def test_personal_mode_unlock_wrong_passphrase_then_throttled(browser: Browser) -> None:
    for _ in range(5):
        response = browser.unlock("not the passphrase")
        assert response.status_code == 401
        assert "does not open this store" in response.text
    response = browser.unlock("correct horse battery staple")
    assert response.status_code == 429
    assert "wait a minute" in response.text


def test_unlock_gives_a_new_session_id_never_the_offered_one(browser: Browser) -> None:
    browser.client.cookies.set(
        "__Host-vigil-session", "chosen-by-an-attacker", domain="testserver.local"
    )
    response = browser.unlock()
    assert response.status_code == 303
    assert "chosen-by-an-attacker" not in response.headers["set-cookie"]


def test_sign_out_revokes_the_session(owner: Browser) -> None:
    token = owner.client.cookies.get("__Host-vigil-session")
    response = owner.post("/sign-out")
    assert (response.status_code, response.headers["location"]) == (303, "/unlock")
    owner.client.cookies.set("__Host-vigil-session", token, domain="testserver.local")
    assert owner.get("/").status_code == 303


def test_organisation_mode_refuses_unlock_and_signs_in(
    accounts: dict[Role, str], new_browser: BrowserFactory
) -> None:
    browser = new_browser()
    assert browser.get("/").headers["location"] == "/sign-in"
    assert browser.get("/unlock").headers["location"] == "/sign-in"
    wrong = browser.sign_in("editor", "not the password at all")
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    assert browser.sign_in("editor", PASSWORDS[Role.EDITOR]).status_code == 303
    assert "editor" in browser.get("/").text


def test_five_failed_sign_ins_in_a_minute_are_throttled(
    accounts: dict[Role, str], new_browser: BrowserFactory
) -> None:
    browser = new_browser()
    for _ in range(5):
        assert browser.sign_in("viewer", "wrong password here").status_code == 401
    response = browser.sign_in("viewer", PASSWORDS[Role.VIEWER])
    assert response.status_code == 429


def test_password_change_revokes_every_session_of_the_user(
    signed_in: Callable[[Role], Browser],
) -> None:
    first, second = signed_in(Role.EDITOR), signed_in(Role.EDITOR)
    first.page("/account/password")
    response = first.post(
        "/account/password",
        {
            "current": PASSWORDS[Role.EDITOR],
            "new": "a brand new password",
            "again": "a brand new password",
        },
    )
    assert response.headers["location"] == "/sign-in?changed=1"
    assert first.get("/").status_code == 303
    assert second.get("/").status_code == 303


def test_idle_session_ends(settings: Settings, store: Store) -> None:
    from datetime import timedelta

    app = create_app(settings, store, policy=SessionPolicy(idle=timedelta(0)), throttle=Throttle())
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        browser = Browser(client)
        browser.page("/unlock")
        response = browser.post("/unlock", {"passphrase": "correct horse battery staple"})
        assert response.headers["location"] == "/"
        assert client.get("/").headers["location"] == "/unlock"  # idle for longer than 0 s


def test_admin_adds_and_disables_a_user(
    signed_in: Callable[[Role], Browser], new_browser: BrowserFactory
) -> None:
    admin = signed_in(Role.ADMIN)
    assert admin.get("/users").headers["location"] == "/account/confirm?next=%2Fusers"
    admin.confirm(PASSWORDS[Role.ADMIN])
    admin.page("/users")
    response = admin.post(
        "/users",
        {
            "name": "nadia",
            "role": "viewer",
            "password": "nadia's long password",
            "again": "nadia's long password",
        },
    )
    assert response.status_code == 303
    nadia = new_browser()
    assert nadia.sign_in("nadia", "nadia's long password").status_code == 303
    admin.page("/users")
    assert admin.post("/users/nadia/disable", {"enable": "0"}).status_code == 303
    assert nadia.get("/").status_code == 303


def test_dashboard_search_document_and_download(owner: Browser, store: Store) -> None:
    doc_id = add_document(store, "Appeal about the detention of a journalist.", "appeal.txt")
    assert "A letter" in owner.get("/").text  # the dashboard lists it
    owner.page("/search")
    results = owner.post("/search", {"q": "detention"}).text
    assert f'href="/documents/{doc_id}"' in results and "<mark>detention</mark>" in results
    page = owner.get(f"/documents/{doc_id}").text
    assert "Appeal about the detention of a journalist." in page
    original = owner.get(f"/documents/{doc_id}/original")
    assert original.content == b"Appeal about the detention of a journalist."
    assert original.headers["content-type"] == "application/octet-stream"
    assert original.headers["content-disposition"].startswith("attachment;")


def test_search_pages(owner: Browser, store: Store) -> None:
    for n in range(25):
        add_document(store, f"Letter number {n} about a detention.", f"l{n}.txt")
    owner.page("/search")
    first = owner.post("/search", {"q": "detention"}).text
    assert first.count('class="hit-title"') == 20 and "Next page" in first
    assert "detention" not in first.split('action="/search"')[0]  # no query in any address
    second = owner.post("/search", {"q": "detention", "page": "2"}).text
    assert second.count('class="hit-title"') == 5 and "Previous page" in second


def test_editor_deletes_a_document_after_confirming(
    signed_in: Callable[[Role], Browser], store: Store
) -> None:
    doc_id = add_document(store)
    editor = signed_in(Role.EDITOR)
    unconfirmed = editor.get(f"/documents/{doc_id}/delete")
    assert unconfirmed.headers["location"].startswith("/account/confirm?")
    editor.confirm(PASSWORDS[Role.EDITOR], then=f"/documents/{doc_id}/delete")
    editor.page(f"/documents/{doc_id}/delete")
    response = editor.post(f"/documents/{doc_id}/delete")
    assert response.headers["location"] == "/documents?deleted=1"
    assert store.documents() == []


def test_nothing_is_built_before_the_factory_runs() -> None:
    import vigil.web.app as module

    assert not [v for v in vars(module).values() if isinstance(v, FastAPI)]
    assert create_app(Settings(), None) is not create_app(Settings(), None)

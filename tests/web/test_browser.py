"""End to end in real headless Chromium: unlock, upload, search, open, download, sign out;
hostile HTML that must run and fetch nothing; axe-core on every page; screenshots.

Screenshots go to test-artifacts/screenshots/ at the top of the repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store, init_store
from vigil.web import create_app

from ..conftest import PASSPHRASE, REPO, require
from .live import CHROMIUM, CHROMIUM_FLAGS, Listener, running
from .test_xss import HOSTILE_NAME, HOSTILE_PAGE

pytestmark = pytest.mark.slow

ARTIFACTS = REPO / "test-artifacts" / "screenshots"
LETTER = (
    "To the Minister of the Interior\n\n"
    "Your Excellency,\n\n"
    "We write about the detention of a refugee held since March and at risk of forced return.\n"
    "We ask for his immediate release.\n\nRespectfully,\nA families' association\n"
)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[BrowserContext]:
    require(CHROMIUM.exists(), f"{CHROMIUM} (run scripts/install-chromium.sh)")
    with sync_playwright() as playwright:
        ctx = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
            headless=True,
            accept_downloads=True,
            viewport={"width": 1280, "height": 860},
        )
        yield ctx
        ctx.close()


@pytest.fixture
def personal_app(settings: Settings) -> Any:
    """A personal store, served locked: the browser must unlock it."""
    init_store(settings, PASSPHRASE).store.close()
    return create_app(settings, None)


def check_page(page: Page, name: str) -> None:
    """axe-core finds no serious or critical violation; a screenshot is saved."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}: {bad}"


def no_console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_unlock_upload_search_open_download_sign_out(
    context: BrowserContext, personal_app: Any, tmp_path: Path
) -> None:
    letter = tmp_path / "appeal-to-the-minister.txt"
    letter.write_text(LETTER, "utf-8")
    with running(personal_app) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        page.goto(base + "/")
        expect(page).to_have_url(base + "/unlock")
        check_page(page, "01-unlock")
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        cookie = next(c for c in context.cookies() if c["name"] == "__Host-vigil-session")
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"

        page.get_by_role("link", name="Upload", exact=True).click()
        page.get_by_label("Choose files, or drop them here").set_input_files(str(letter))
        page.get_by_role("button", name="Upload and store").click()  # a job: its progress page
        expect(page.locator("#job-state")).to_contain_text("done", timeout=60_000)
        expect(page.locator("#results .result.stored")).to_have_count(1)
        expect(page.locator("#job-state")).to_contain_text("1 of 1 files handled")
        expect(page.locator("#results .extracted")).to_contain_text("suggestion")
        check_page(page, "03-upload")

        page.get_by_role("link", name="Dashboard", exact=True).click()
        expect(page.locator("table tbody tr")).to_have_count(1)
        expect(page.locator("table")).to_contain_text("extracted")  # uploads run stage 2 too
        check_page(page, "02-dashboard")

        page.get_by_role("link", name="Search", exact=True).click()
        page.get_by_label("Words,").fill("detention refugee")
        page.get_by_label("Words,").press("Enter")
        hit = page.locator(".hits a.hit-title").first
        expect(hit).to_be_visible()
        expect(page.locator(".snippet mark").first).to_have_text("detention")
        assert page.url == base + "/search"  # the query is never in the address
        check_page(page, "04-search")

        hit.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator("pre.text").first).to_contain_text("forced return")
        check_page(page, "05-document")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download the original").click()
        saved = tmp_path / "downloaded"
        download.value.save_as(saved)
        assert saved.read_bytes() == letter.read_bytes()

        page.get_by_role("link", name="Delete…").click()
        check_page(page, "06-delete")
        page.go_back()

        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(base + "/unlock")
        page.goto(base + "/documents")
        expect(page).to_have_url(base + "/unlock")
        assert errors == []


def test_hostile_document_runs_and_fetches_nothing(
    context: BrowserContext, personal_app: Any, tmp_path: Path
) -> None:
    listener = Listener("127.0.0.2")
    try:
        page_bytes = HOSTILE_PAGE.replace(b"127.0.0.2:9", f"127.0.0.2:{listener.port}".encode())
        hostile = tmp_path / HOSTILE_NAME
        hostile.write_bytes(page_bytes)
        with running(personal_app) as base:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(base + "/unlock")
            page.get_by_label("Passphrase").fill(PASSPHRASE)
            page.get_by_role("button", name="Unlock").click()
            page.goto(base + "/upload")
            page.get_by_label("Choose files, or drop them here").set_input_files(str(hostile))
            page.get_by_role("button", name="Upload and store").click()
            expect(page.locator("#job-state")).to_contain_text("done", timeout=60_000)
            expect(page.locator("#results .result")).to_have_count(1)
            # shown as text (Chromium sends the quote as %22, per the HTML standard)
            expect(page.locator("#results .locator")).to_contain_text(
                "<img src=x onerror=alert(1)><b onmouseover=alert(2)>.html"
            )
            page.locator("#results a").first.click()
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            for summary in page.locator("summary").all():
                summary.click()
            expect(page.locator(".formatted h1")).to_have_text("Hostile report")
            check_page(page, "07-hostile-document")
            page.goto(base + "/search")
            page.get_by_label("Words,").fill("hostile")
            page.get_by_label("Words,").press("Enter")
            expect(page.locator(".hits a.hit-title").first).to_be_visible()
            page.goto(base + "/")
            page.wait_for_timeout(500)
        assert dialogs == []
        assert listener.connections == 0
        assert all(url.startswith(base) for url in requests), requests
    finally:
        listener.close()


def test_organisation_pages_sign_in_users_password(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_user(store, settings, "admin", Role.ADMIN, "admin password long enough")
    app = create_app(settings, store)
    with running(app) as base:
        page = context.new_page()
        page.goto(base + "/")
        expect(page).to_have_url(base + "/sign-in")
        check_page(page, "08-sign-in")
        page.get_by_label("User name").fill("admin")
        page.get_by_label("Password").fill("admin password long enough")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        page.get_by_role("link", name="Users").click()
        page.get_by_label("Your password").fill("admin password long enough")
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_role("heading", name="Users")).to_be_visible()
        check_page(page, "09-users")
        page.goto(base + "/account/password")
        check_page(page, "10-password")
        page.goto(base + "/documents/424242")
        check_page(page, "11-not-found")


def test_unlock_form_works_from_the_keyboard(context: BrowserContext, personal_app: Any) -> None:
    with running(personal_app) as base:
        page = context.new_page()
        page.goto(base + "/unlock")
        expect(page.get_by_label("Passphrase")).to_be_focused()  # autofocus
        page.keyboard.press("Shift+Tab")  # the header's language switch comes before the form
        expect(page.get_by_role("button", name="Change language")).to_be_focused()
        page.keyboard.press("Shift+Tab")
        expect(page.get_by_label("Language of the interface")).to_be_focused()
        page.keyboard.press("Shift+Tab")
        expect(page.get_by_role("link", name="Vigil")).to_be_focused()
        page.keyboard.press("Shift+Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        for _ in range(4):
            page.keyboard.press("Tab")
        expect(page.get_by_label("Passphrase")).to_be_focused()
        page.keyboard.type(PASSPHRASE)
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Unlock")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        for _ in range(3):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "A"

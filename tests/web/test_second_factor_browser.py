"""The second factor in real Chromium: forced enrolment, sign-in with a code, no replay,
a recovery code, the users and audit pages (axe-core on each)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from ..conftest import require
from .live import CHROMIUM, CHROMIUM_FLAGS, running
from .test_browser import check_page

pytestmark = pytest.mark.slow
PASSWORD = "admin password long enough"


@pytest.fixture
def contexts(tmp_path: Path) -> Iterator[list[BrowserContext]]:
    require(CHROMIUM.exists(), f"{CHROMIUM} (run scripts/install-chromium.sh)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        made = [browser.new_context() for _ in range(3)]
        yield made
        browser.close()


def _sign_in(page: Page, base: str, code: str = "") -> None:
    page.goto(base + "/sign-in")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    if code:
        page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Sign in").click()


def test_enrol_sign_in_replay_and_recovery(
    contexts: list[BrowserContext], settings: Settings, store: Store
) -> None:
    add_user(store, settings, "admin", Role.ADMIN, PASSWORD)
    app = create_app(settings.with_(require_second_factor=("admin",)), store)
    with running(app) as base:
        page = contexts[0].new_page()
        _sign_in(page, base)
        expect(page).to_have_url(base + "/account/second-factor")
        expect(page.locator("figure.qr svg")).to_be_visible()
        check_page(page, "20-second-factor-enrol")
        seed = page.locator("code.seed").inner_text().strip()
        page.get_by_label("Code from the app").fill(pyotp.TOTP(seed).now())
        page.get_by_role("button", name="Set up").click()
        codes = page.locator("ol.recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        check_page(page, "21-recovery-codes")
        page.get_by_role("link", name="Users").click()
        expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
        check_page(page, "24-confirm")
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_label("Code from your authenticator app").fill(codes[1])  # a recovery code
        page.get_by_role("button", name="Confirm").click()
        expect(page.locator("table").first).to_contain_text("set up")
        check_page(page, "22-users-admin")
        page.get_by_role("link", name="Audit").click()
        expect(page.locator(".notice")).to_contain_text("The chain holds")
        check_page(page, "23-audit")

        second = contexts[1].new_page()
        _sign_in(second, base)  # no code
        expect(second.get_by_role("alert")).to_contain_text("wrong code")
        code = pyotp.TOTP(seed).at(time.time() + 30)
        _sign_in(second, base, code)
        expect(second.get_by_role("heading", name="Dashboard")).to_be_visible()

        third = contexts[2].new_page()
        _sign_in(third, base, code)  # the same code again: refused
        expect(third.get_by_role("alert")).to_contain_text("wrong code")
        _sign_in(third, base, codes[0])
        expect(third.get_by_role("heading", name="Dashboard")).to_be_visible()

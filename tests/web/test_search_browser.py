"""The search page in real headless Chromium: a name lists its party and case, a facet
filters with its count shown; axe-core, and screenshots at 1280 and 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from ..search_archive import build_archive
from .live import running
from .test_browser import check_page, context, no_console_errors

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the fixture, imported to be found by pytest

PASSWORD = "viewer password long enough"


def _both_widths(page: Page, name: str) -> None:
    check_page(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    check_page(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 860})


def test_search_a_name_then_choose_a_facet(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    archive = build_archive(store)
    add_user(store, settings, "viewer", Role.VIEWER, PASSWORD)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        page.goto(base + "/")
        page.get_by_label("User name").fill("viewer")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(base + "/search")

        page.get_by_label("Words").fill("Nadia Ghorbani")
        page.get_by_role("button", name="Search", exact=True).click()
        expect(page.locator("#result-total")).to_have_text("3 documents")
        expect(page.get_by_role("link", name="Nadia Qorbani")).to_have_attribute(
            "href", f"/parties/{archive.nadia}"
        )
        expect(page.get_by_role("link", name="Nadia's case")).to_be_visible()
        expect(page.locator(".also-searched")).to_contain_text("N. Qorbani")
        assert errors == [], errors
        _both_widths(page, "30-search-name")

        page.goto(base + "/search")  # a fresh page: axe-core's script stays behind
        page.get_by_label("Words").fill("detention")
        page.get_by_role("button", name="Search", exact=True).click()
        expect(page.locator("#result-total")).to_have_text("5 documents")
        france = page.locator('button[value="country:FR"]')
        expect(france).to_contain_text("France")
        expect(france.locator(".count")).to_have_text("2")
        france.click()
        expect(page.locator("#result-total")).to_have_text("2 documents")
        expect(page.locator(".hits li")).to_have_count(2)
        expect(page.locator('button[value="country:FR"]')).to_have_attribute(
            "aria-pressed", "true"
        )
        assert page.url == base + "/search"  # the query never reaches the address
        page.get_by_role("button", name="Clear: Country").click()
        expect(page.locator("#result-total")).to_have_text("5 documents")
        page.locator('button[value="country:FR"]').click()
        expect(page.locator("#result-total")).to_have_text("2 documents")
        assert errors == [], errors
        _both_widths(page, "31-search-facet")

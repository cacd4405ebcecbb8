"""The language switch in real headless Chromium: an editor signs in, switches the header's
language to French and sees the tracker in French (axe-core on the page; a screenshot at
1280 px goes to test-artifacts/screenshots/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from vigil.accounts import Role, add_user, get_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from .live import running, sign_in
from .test_browser import check_page, context, no_console_errors
from .test_cases_browser import _casework

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser

PASSWORD = "editor password long enough"


def test_switch_to_french_and_see_the_tracker_in_french(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    _casework(store)  # the fictional appeal of test_cases_browser: one letter, overdue
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        sign_in(page, base, "editor", PASSWORD)

        page.get_by_role("link", name="Interventions", exact=True).click()
        expect(page.get_by_role("heading", name="Responses per authority")).to_be_visible()
        assert page.locator("html").get_attribute("lang") == "en"

        page.get_by_label("Language of the interface").select_option("fr")
        page.get_by_role("button", name="Change language").click()

        # Back on the same page, now in French: headings, columns, statuses, the overdue mark.
        expect(page.get_by_role("heading", name="Réponses par autorité")).to_be_visible()
        assert page.url == base + "/interventions"
        assert page.locator("html").get_attribute("lang") == "fr"
        tracker = page.locator("table.tracker")
        expect(tracker.get_by_role("columnheader", name="Échéance")).to_be_visible()
        expect(tracker.get_by_role("columnheader", name="Statut")).to_be_visible()
        expect(tracker.get_by_text("Envoyée")).to_be_visible()
        expect(tracker.get_by_text("en retard").first).to_be_visible()
        expect(page.get_by_role("link", name="Tableau de bord")).to_be_visible()
        expect(page.get_by_role("button", name="Appliquer")).to_be_visible()
        expect(page.get_by_text("Responses per authority")).to_have_count(0)
        check_page(page, "40-tracker-fr-1280")

        # The choice is the account's: it holds on the next page and after signing in again.
        page.get_by_role("link", name="Tableau de bord").click()
        expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
        assert get_user(store, "editor").locale == "fr"
        assert errors == []

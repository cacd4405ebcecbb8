"""The language switch in real headless Chromium: an editor signs in, switches the header's
language to French and sees the tracker in French (axe-core on the page; a screenshot at
1280 px goes to test-artifacts/screenshots/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from vigil import cases
from vigil.accounts import Role, add_user, get_user
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.suggestions import save_extraction
from vigil.web import create_app

from ..cases.conftest import LETTER, letter_record
from .live import running
from .test_browser import check_page, context, no_console_errors

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser

PASSWORD = "editor password long enough"


def test_switch_to_french_and_see_the_tracker_in_french(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Appeal")
    doc_id = store.add_document(parsed, LETTER.encode(), locator="appeal.txt")
    save_extraction(store, doc_id, letter_record())
    cases.build_from_extractions(store)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        page.goto(base + "/sign-in")
        page.get_by_label("User name").fill("editor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

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

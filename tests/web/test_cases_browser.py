"""Cases and interventions in real headless Chromium: the network drawn as SVG under the
app's CSP, axe-core on each page, and a response recorded in the browser moving the
tracker's response rate. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from vigil import cases
from vigil.accounts import Role, add_user
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
RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def _casework(store: Store) -> int:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Appeal")
    doc_id = store.add_document(parsed, LETTER.encode(), locator="appeal.txt")
    save_extraction(store, doc_id, letter_record())
    cases.build_from_extractions(store)
    (case_id,) = cases.suggest_cases(store)
    return case_id


def _csp_violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("window.__csp || []")
    return found


def test_case_network_tracker_and_a_response_in_the_browser(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    case_id = _casework(store)
    network = cases.case_network(cases.show_case(store, case_id))
    letter = next(i.id for i in cases.list_interventions(store) if i.key == "letter")
    context.add_init_script(RECORD_CSP)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        page.goto(base + "/sign-in")
        page.get_by_label("User name").fill("editor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

        page.get_by_role("link", name="Cases", exact=True).click()
        expect(page.get_by_role("heading", name="Cases")).to_be_visible()
        check_page(page, "20-cases")

        page.locator(f'a[href="/cases/{case_id}"]').click()  # the case, not its person
        expect(page.get_by_role("heading", level=1)).to_contain_text("Omar Benali")
        drawn = page.locator("#case-graph-view svg a.node")
        expect(drawn).to_have_count(len(network.nodes))
        expect(page.locator("#case-graph-view svg line.edge")).to_have_count(len(network.edges))
        expect(page.locator("#case-graph-view svg a.node-at_risk text")).to_have_text("Omar Benali")
        expect(page.locator("ul.connections li")).to_have_count(len(network.edges))
        check_page(page, "21-case")
        assert _csp_violations(page) == []

        page.get_by_role("link", name="Interventions", exact=True).click()
        expect(page.locator(".rates")).to_contain_text("Ana Lindqvist: 1 letter, 0 responses")
        check_page(page, "22-interventions")

        page.locator(f'table.tracker a[href="/interventions/{letter}"]').click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Intervention {letter}")
        check_page(page, "23-intervention")
        page.get_by_label("From").select_option(label="Ana Lindqvist")
        page.get_by_label("Date of the response").fill("2024-06-03")
        page.get_by_label("Type").select_option("answer")
        page.get_by_label("Summary").fill("The request is being examined.")
        page.get_by_role("button", name="Record response").click()
        expect(page.locator(".responses")).to_contain_text("The request is being examined.")
        expect(page.locator(".facts")).to_contain_text("Answered")

        page.get_by_role("link", name="Interventions", exact=True).first.click()
        expect(page.locator(".rates")).to_contain_text("Ana Lindqvist: 1 letter, 1 response")
        assert _csp_violations(page) == []
    assert errors == []
    (response,) = cases.get_intervention(store, letter).responses
    assert (response.date, response.type) == ("2024-06-03", "answer")

"""The review queue and the highlighted document page in real headless Chromium:
axe-core finds no serious or critical problem, and the keyboard shortcuts work.

Screenshots go to test-artifacts/screenshots/ (see test_browser.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from vigil.accounts import Role, add_user
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.suggestions import get_extraction, save_extraction
from vigil.web import create_app

from .live import running
from .test_browser import check_page, context, no_console_errors
from .test_review_decision_pages import grouped_record
from .test_review_pages import LETTER, record

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the fixture, shared with test_browser.py

PASSWORD = "editor password long enough"


def _seed(settings: Settings, store: Store) -> int:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Harbour letter")
    doc_id = store.add_document(parsed, LETTER.encode(), locator="/data/harbour.txt")
    save_extraction(store, doc_id, record())
    return doc_id


def _sign_in(page: Page, base: str) -> None:
    page.goto(base + "/sign-in")
    page.get_by_label("User name").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def _state_of(store: Store, doc_id: int, suggestion_id: int) -> str:
    extraction = get_extraction(store, doc_id)
    assert extraction is not None
    return next(s.review_state for s in extraction.suggestions if s.id == suggestion_id)


def test_review_queue_from_the_keyboard(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    doc_id = _seed(settings, store)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        _sign_in(page, base)
        page.get_by_role("link", name="Review", exact=True).click()
        expect(page.get_by_role("heading", name="Review", level=1)).to_be_visible()
        items = page.locator(".review-item")
        expect(items).to_have_count(7)
        check_page(page, "12-review")
        first, second, third = (int(items.nth(i).get_attribute("id")[5:]) for i in range(3))
        expect(items.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))

        page.keyboard.press("a")  # accept the current (first) item
        expect(items.nth(0)).to_have_class(re.compile(r"\bstate-is-accepted\b"))
        expect(items.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
        assert _state_of(store, doc_id, first) == "accepted"

        page.keyboard.press("s")  # skip: nothing recorded, on to the third
        expect(items.nth(2)).to_have_class(re.compile(r"\bcurrent\b"))
        page.keyboard.press("k")
        expect(items.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
        page.keyboard.press("r")
        expect(items.nth(1)).to_have_class(re.compile(r"\bstate-is-rejected\b"))
        assert _state_of(store, doc_id, second) == "rejected"

        expect(items.nth(2)).to_have_class(re.compile(r"\bcurrent\b"))
        page.keyboard.press("e")
        value = page.locator(f"#value-{third}-name")  # a sender: its name, in a field of its own
        expect(value).to_be_focused()
        value.fill("Tobias Wrenfeld")
        page.keyboard.press("a")  # typing in the field is not a shortcut
        expect(value).to_have_value("Tobias Wrenfeld" + "a")
        value.fill("Tobias Wrenfeld")
        page.keyboard.press("Enter")
        expect(items.nth(2)).to_have_class(re.compile(r"\bstate-is-edited\b"))
        assert _state_of(store, doc_id, third) == "edited"
        expect(page.locator("#review-progress")).to_contain_text("3 of 7 suggestions decided")
        check_page(page, "13-review-decided")
        assert errors == []


def test_highlighted_document_page(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    doc_id = _seed(settings, store)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        _sign_in(page, base)
        page.goto(f"{base}/documents/{doc_id}")
        marks = page.locator("pre.text mark.hl")
        expect(marks.first).to_be_visible()
        check_page(page, "14-document-highlights")
        page.locator("pre.text mark.hl a", has_text="Tobias Wrenfield").click()
        target = page.locator(".found-item:target")
        expect(target).to_contain_text("persons_at_risk")
        expect(target).to_contain_text("risk.subject")
        target.get_by_role("button", name="Accept").click()
        expect(page.locator(".found-item:target")).to_contain_text("accepted")
        assert "#s-" in page.url
        assert errors == []


def test_review_queue_decides_a_group_at_once(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Harbour letter")
    doc_id = store.add_document(parsed, LETTER.encode(), locator="/data/harbour.txt")
    save_extraction(store, doc_id, grouped_record())
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        _sign_in(page, base)
        page.goto(base + "/review")
        expect(page.locator(".review-item")).to_have_count(9)
        expect(page.locator(".decision-group")).to_have_count(2)
        progress = page.locator("#review-progress")
        expect(progress).to_contain_text("7 decisions wait for a person: 7 per document")
        check_page(page, "15-review-decisions")
        group = page.locator(".decision-head").first
        expect(group).to_contain_text("One decision for 2 suggestions")
        expect(group).to_contain_text("grouped by the same name")
        head = int((group.get_attribute("id") or "")[5:])
        group.get_by_role("button", name="Accept all 2 suggestions").click()
        expect(page.get_by_role("status")).to_have_text("2 suggestions accepted.")
        expect(page.locator(".decision-group")).to_have_count(1)
        expect(progress).to_contain_text("6 decisions wait for a person: 6 per document")
        assert _state_of(store, doc_id, head) == "accepted"
        extraction = get_extraction(store, doc_id)
        assert extraction is not None
        decided = {s.field: s.review_state for s in extraction.suggestions}
        assert decided["persons"] == decided["persons_at_risk"] == "accepted"
        details = page.locator(".decision-head").first
        expect(details).to_contain_text("grouped by the document's details")
        details.get_by_role("button", name="Reject all 2 suggestions").click()
        expect(page.get_by_role("status")).to_have_text("2 suggestions rejected.")
        expect(page.locator(".decision-group")).to_have_count(0)
        check_page(page, "16-review-decisions-taken")
        assert errors == []

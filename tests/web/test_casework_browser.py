"""The daily casework questions in real headless Chromium: from the dashboard follow an
overdue letter to its case, to the person at risk, to the document, and back; filter the
tracker by country and by person; use the tracker from the keyboard. axe-core on every
page at 1280 and 390 px; screenshots in test-artifacts/screenshots/ (`40-*`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from ..cases.tracker_letters import SIGNATORIES, record_letters
from .live import running
from .test_browser import check_page, context, no_console_errors
from .test_cases_browser import _casework

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser

PASSWORD = "editor password long enough"
WIDE = {"width": 1280, "height": 860}
NARROW = {"width": 390, "height": 844}
FOCUSED = "document.activeElement.id || document.activeElement.textContent.trim()"


def at_two_widths(page: Page, name: str) -> None:
    """axe-core and a screenshot at 1280 px, then at 390 px; no sideways scroll at 390."""
    check_page(page, f"{name}-1280")
    page.set_viewport_size(NARROW)
    check_page(page, f"{name}-390")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name}: the page scrolls sideways by {overflow}px at 390 px"
    page.set_viewport_size(WIDE)


@contextmanager
def editor_page(
    context: BrowserContext, settings: Settings, store: Store
) -> Iterator[tuple[Page, str]]:
    """A page signed in as an editor on a live server; no console error by the end."""
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        sign_in(page, base)
        yield page, base
    assert errors == []


def sign_in(page: Page, base: str) -> None:
    page.goto(base + "/sign-in")
    page.get_by_label("User name").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()


def test_from_an_overdue_letter_to_its_case_person_document_and_back(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    case_id = _casework(store)  # Omar Benali's letter of 2024-05-12: long overdue
    record_letters(store, date.today())
    omar = next(m.party_id for m in cases.show_case(store, case_id).case.members)
    letter = next(i.id for i in cases.list_interventions(store) if i.key == "letter")
    with editor_page(context, settings, store) as (page, base):
        overdue = page.locator("section", has=page.locator("#overdue-h"))
        expect(overdue.locator("tbody tr")).to_have_count(3)
        at_two_widths(page, "40-dashboard")

        overdue.get_by_role("link", name="Letter of 2024-05-12").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Intervention {letter}")
        expect(page.locator(".facts")).to_contain_text("overdue")
        at_two_widths(page, "41-intervention")

        page.locator(".facts").get_by_role("link", name="Omar Benali").first.click()
        expect(page).to_have_url(f"{base}/parties/{omar}")
        page.go_back()
        page.locator(f'.facts a[href="/cases/{case_id}"]').click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Omar Benali")
        at_two_widths(page, "42-case")

        parties = page.locator("section", has=page.locator("#parties-h")).locator("table")
        parties.get_by_role("link", name="Omar Benali").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Omar Benali")
        letters = page.locator("section", has=page.locator("#letters-h"))
        expect(letters).to_contain_text("On behalf of this party")
        at_two_widths(page, "43-party")

        page.locator(".party-documents").get_by_role("link", name="Appeal").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Appeal")
        feeds = page.locator("section.feeds")
        expect(feeds.get_by_role("link", name="Letter of 2024-05-12")).to_be_visible()
        blank = page.evaluate(
            "document.documentElement.scrollHeight"
            " - document.querySelector('main').getBoundingClientRect().bottom - window.scrollY"
        )
        assert blank <= 1, f"{blank}px of blank space below the document page's content"
        nested = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => {"
            " const s = getComputedStyle(e); return e.checkVisibility()"
            " && /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1;"
            " }).map(e => e.tagName + '.' + e.className)"
        )
        assert nested == [], "a box scrolls inside the document page"
        at_two_widths(page, "44-document")

        page.go_back()
        expect(page).to_have_url(f"{base}/parties/{omar}")
        page.locator("nav.crumbs").get_by_role("link", name="Dashboard").click()
        expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()


def test_tracker_filters_by_country_and_person_and_works_from_the_keyboard(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    letters = record_letters(store, date.today())
    with editor_page(context, settings, store) as (page, base):
        page.get_by_role("link", name="Interventions", exact=True).click()
        rows = page.locator("table.tracker tbody tr")
        expect(rows).to_have_count(5)

        page.get_by_label("Country").select_option("Kenya")
        page.get_by_role("button", name="Apply").click()
        expect(rows).to_have_count(3)
        expect(page.get_by_role("heading", name="3 of 5 interventions")).to_be_visible()
        page.get_by_label("Country").select_option("")
        page.get_by_label("Person at risk").select_option(label="Tomas Quell")
        page.get_by_role("button", name="Apply").click()
        expect(rows).to_have_count(2)
        expect(page).to_have_url(re.compile(rf"[?&]person={letters.tomas}$"))

        page.goto(base + "/interventions?sort=date")
        folded = page.get_by_text(f"and {SIGNATORIES - 1} others")
        expect(folded).to_be_visible()
        at_two_widths(page, "45-tracker")

        # keyboard: the filters come before the table; the column sorts and the fold
        # are reached with Tab, show their focus, and work with Enter
        page.locator("#f-status").focus()
        order: list[str] = []
        for _ in range(40):
            page.keyboard.press("Tab")
            order.append(page.evaluate(FOCUSED))
        pairs = [("f-addressee", "f-country"), ("f-country", "f-person"), ("f-person", "Apply"),
                 ("Apply", "Date ▲"), ("Date ▲", "From")]  # fmt: skip
        for earlier, later in pairs:
            assert order.index(earlier) < order.index(later), order
        page.locator("thead a", has_text="Date").focus()
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused sort link shows no outline"
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{base}/interventions?sort=date&desc=true")
        summary = page.locator("details.fold summary", has_text=f"and {SIGNATORIES - 1} others")
        summary.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("link", name="Signatory Group 75")).to_be_visible()


def test_a_party_is_added_to_a_case_by_typing_its_name(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    letters = record_letters(store, date.today())
    with editor_page(context, settings, store) as (page, base):
        page.goto(f"{base}/cases/{letters.case}")
        field = page.get_by_label("Party at risk")
        field.press_sequentially("toma")
        choice = page.locator(".pick-list button", has_text="Tomas Quell")
        expect(choice).to_be_visible()
        check_page(page, "46-case-picker")
        field.press("ArrowDown")
        expect(choice).to_be_focused()
        page.keyboard.press("Enter")
        expect(field).to_have_value(str(letters.tomas))
        said = page.locator("#add-party-said")
        expect(said).to_have_text(f"Chosen: Tomas Quell (#{letters.tomas})")
        page.get_by_role("button", name="Add to the case").click()
        expect(page.get_by_role("status")).to_have_text("Added to the case.")
    members = {m.party_id for m in cases.show_case(store, letters.case).case.members}
    assert members == {letters.lena, letters.tomas}

"""The casework flow of issue 7 end to end, in real headless Chromium with real extraction.

Upload both example letters (read from ../shared at run time), review (accept a person,
reject a wrong suggestion), open Amir Parvizi's case and see the letter to Bledar Çuçi
and the two unanswered earlier letters in its timeline, record a response and see the
tracker and the response rate change. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.suggestions import SETTLED, waiting_suggestions
from vigil.web import create_app

from ..conftest import REPO, SHARED, require
from .live import running
from .test_browser import ARTIFACTS, check_page, context, no_console_errors

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser

PASSWORD = "editor password long enough"
LETTERS = ("seed-000", "seed-004")
NAME_FIELDS = ("persons", "organizations", "locations")


def _wrong_suggestion(store: Store) -> tuple[int, int, str]:
    """A name suggestion (settled automatically: the names a text mentions) that the answer
    key of its letter does not list: (id, doc, field)."""
    gold = {
        name: json.loads((SHARED / "eval" / "dev" / f"{name}.gold.json").read_text("utf-8"))
        for name in LETTERS
    }
    titles = {d.id: d.sources[0].locator for d in map(store.get, _documents(store))}
    for s in waiting_suggestions(store, state=SETTLED):
        if s.field not in NAME_FIELDS or not isinstance(s.value, str):
            continue
        assert s.document_id is not None and s.id is not None
        key = next(n for n in LETTERS if n in titles[s.document_id])
        if s.value not in (gold[key].get(s.field) or []):
            return s.id, s.document_id, s.field
    pytest.fail("extraction made no wrong name suggestion to reject on the example letters")


def _documents(store: Store) -> list[int]:
    return [d.id for d in store.documents()]


def _sign_in(page: Page, base: str) -> None:
    page.goto(base + "/sign-in")
    page.get_by_label("User name").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_upload_review_case_and_a_response_change_the_tracker(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    dev = SHARED / "eval" / "dev"
    require(all((dev / f"{n}.txt").is_file() for n in LETTERS), f"the example letters in {dev}")
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        _sign_in(page, base)

        page.get_by_role("link", name="Upload", exact=True).click()
        page.get_by_label("Choose files, or drop them here").set_input_files(
            [str(dev / f"{n}.txt") for n in LETTERS]
        )
        page.get_by_role("button", name="Upload and store").click()  # a job: its progress page
        expect(page.locator("#job-state")).to_contain_text("done", timeout=120_000)
        expect(page.locator("#results .result.stored")).to_have_count(2)
        expect(page.locator("#results .extracted").first).to_contain_text("suggestion")

        # Review: the names a letter mentions are settled automatically (not in the
        # queue); on the document's page a person accepts one and rejects one its key
        # does not list.
        page.goto(base + "/review?field=persons")
        expect(page.locator("li.review-item")).to_have_count(0)
        page.goto(base + "/review?field=persons_at_risk")
        check_page(page, "30-review-queue")
        [named] = [s for s in waiting_suggestions(store, state=SETTLED)
                   if s.field == "persons" and s.value == "Amir Parvizi"]  # fmt: skip
        page.goto(f"{base}/documents/{named.document_id}")
        person = page.locator(f"#s-{named.id}")
        expect(person.locator(".state")).to_have_text("settled automatically")
        person.get_by_role("button", name="Accept").click()
        expect(page.locator(f"#s-{named.id} .state")).to_have_text("accepted")

        wrong, doc_id, _ = _wrong_suggestion(store)
        page.goto(f"{base}/documents/{doc_id}")
        page.locator(f"#s-{wrong}").get_by_role("button", name="Reject").click()
        expect(page.locator(f"#s-{wrong} .state")).to_have_text("rejected")
        states = {s.id: s.review_state for s in waiting_suggestions(store, state=SETTLED)}
        assert wrong not in states  # decided by a person: no longer settled

        # The case: the letter to Bledar Çuçi and the two unanswered earlier letters.
        page.get_by_role("link", name="Cases", exact=True).click()
        page.get_by_role("link", name="Amir Parvizi").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Amir Parvizi")
        timeline = page.locator("ol.timeline")
        expect(timeline).to_contain_text("Bledar Çuçi")
        expect(timeline.locator(".status-no_response")).to_have_count(2)
        expect(timeline).to_contain_text("Prime Minister of Albania")
        expect(timeline).to_contain_text("human rights organizations of Albania")
        check_page(page, "31-case-amir-parvizi")

        # The tracker before and after a response to the letter to Bledar Çuçi.
        letter = next(
            i for i in cases.list_interventions(store) if "Bledar Çuçi" in i.names("addressee")
        )
        page.get_by_role("link", name="Interventions", exact=True).click()
        rates = page.locator(".rates")
        expect(rates).to_contain_text("Bledar Çuçi: 1 letter, 0 responses")
        page.get_by_label("unanswered only").check()
        page.get_by_role("button", name="Apply").click()
        tracker = page.locator("table.tracker")
        expect(tracker.locator(f'a[href="/interventions/{letter.id}"]')).to_have_count(1)
        check_page(page, "32-tracker-unanswered")

        tracker.locator(f'a[href="/interventions/{letter.id}"]').click()
        page.get_by_label("From").select_option(label="Bledar Çuçi")
        page.get_by_label("Date of the response").fill(date.today().isoformat())
        page.get_by_label("Type").select_option("acknowledgement")
        page.get_by_label("Summary").fill("Received; under examination.")
        page.get_by_role("button", name="Record response").click()
        expect(page.locator(".responses")).to_contain_text("Received; under examination.")

        page.get_by_role("link", name="Interventions", exact=True).first.click()
        expect(page.locator(".rates")).to_contain_text("Bledar Çuçi: 1 letter, 1 response")
        page.get_by_label("unanswered only").check()
        page.get_by_role("button", name="Apply").click()
        expect(page.locator(f'table.tracker a[href="/interventions/{letter.id}"]')).to_have_count(0)
        check_page(page, "33-tracker-after-response")
    assert errors == []
    assert [r.type for r in cases.get_intervention(store, letter.id).responses] == [
        "acknowledgement"
    ]


def test_the_readme_pictures_from_our_synthetic_letters(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    """The README's review and case pictures, made from tests/cases/corpus (our own words)."""
    corpus = sorted((REPO / "tests" / "cases" / "corpus").glob("*.txt"))
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        _sign_in(page, base)
        page.get_by_role("link", name="Upload", exact=True).click()
        page.get_by_label("Choose files, or drop them here").set_input_files(
            [str(p) for p in corpus]
        )
        page.get_by_role("button", name="Upload and store").click()
        expect(page.locator("#job-state")).to_contain_text("done", timeout=300_000)
        expect(page.locator("#results .result.stored")).to_have_count(len(corpus))

        page.goto(base + "/review?field=persons_at_risk")
        expect(page.locator("li.review-item").first).to_be_visible()
        page.locator("#queue-title").evaluate("title => title.scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / "readme-review.png"))

        page.get_by_role("link", name="Cases", exact=True).click()
        page.get_by_role("link", name="Daniel Oroszi").first.click()
        expect(page.locator("#case-graph-view svg a.node").first).to_be_visible()
        check_page(page, "34-case-synthetic")
        page.locator("#case-graph-view").evaluate("graph => graph.scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / "readme-case.png"))

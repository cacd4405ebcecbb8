"""Corrections in real headless Chromium: record a letter sent outside Vigil from the
tracker (names typed, a document found with the picker), add a copy to a letter with the
party picker, accept a document proposed as a reply, correct a sender in the review queue
part by part. axe-core and screenshots at 1280 px, the correction forms of the letter and
case pages also at 390 px (no sideways scroll, no field wider than the screen), in
test-artifacts/screenshots/ (`50-*`).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from vigil import cases
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.replies import add_reply_suggestion

from .conftest import add_document
from .test_browser import check_page, context
from .test_cases_browser import _casework
from .test_casework_browser import NARROW, WIDE, at_two_widths, editor_page

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser


def _pick(page: Page, field: str, typed: str, choice: str) -> None:
    """Type a name in a picker and choose a match."""
    page.locator(f"#{field}").fill(typed)
    box = page.locator(".picker", has=page.locator(f"#{field}"))
    box.get_by_role("button", name=choice).first.click()
    expect(box.locator(".picked")).to_contain_text("Chosen:")


FIELDS_OUTSIDE = """() => [...document.querySelectorAll(
    'main form input:not([type=hidden]), main form select, main form textarea, main form button'
)].filter(e => e.offsetParent !== null).filter(e => {
    const box = e.getBoundingClientRect();
    return box.left < 0 || box.right > window.innerWidth + 1;
}).map(e => e.id || e.name || e.textContent.trim())"""


def narrow_forms(page: Page, name: str) -> None:
    """Every correction form on the page opened, then at 1280 and 390 px (`at_two_widths`);
    at 390 px no visible field or button sticks out of the screen."""
    page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    at_two_widths(page, name)
    page.set_viewport_size(NARROW)
    outside = page.evaluate(FIELDS_OUTSIDE)
    page.set_viewport_size(WIDE)
    assert outside == [], f"{name}: fields wider than 390 px: {outside}"


def test_record_an_outside_letter_edit_its_parties_and_accept_a_reply(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    case_id = _casework(store)
    letter = next(i.id for i in cases.list_interventions(store) if i.key == "letter")
    answer = add_document(store, "Dear Ms Jensen, in reply to your letter ...", "answer.txt")
    reply = add_reply_suggestion(store, letter, answer, "says_it_answers")
    with editor_page(context, settings, store) as (page, base):
        page.goto(base + "/interventions")
        form = page.locator("#list-new-letter")
        form.locator("summary").click()
        form.locator("#list-date").fill("2024-03-01")
        form.locator("#list-channel").select_option("email")
        form.locator("#list-to").fill("Minister of Foreign Affairs\nAna Lindqvist")
        form.locator("#list-from").fill("Nordic Detention Watch")
        form.locator("#list-cc").fill("UN Working Group on Arbitrary Detention")
        form.locator("#list-on-behalf").fill("Omar Benali")
        form.get_by_label("Release").check()
        _pick(page, "list-document", "Appeal", "Appeal")
        check_page(page, "50-new-letter-1280")
        form.get_by_role("button", name="Record the letter").click()

        expect(page.get_by_role("heading", level=1)).to_contain_text("Intervention")
        facts = page.locator(".facts")
        expect(facts).to_contain_text("Minister of Foreign Affairs")
        expect(facts).to_contain_text("UN Working Group on Arbitrary Detention")
        expect(facts).to_contain_text("Release")
        new_id = int(page.url.rsplit("/", 1)[1])
        item = cases.get_intervention(store, new_id)
        assert item.date == "2024-03-01" and item.status == "sent"
        assert "Omar Benali" in item.names("on_behalf")

        page.goto(f"{base}/interventions/{letter}")
        replies = page.locator("section.replies")
        expect(replies).to_contain_text("reads as a reply to this letter")
        edit = page.locator("section.record-edit")
        edit.locator("#p-role").select_option("copy")
        _pick(page, "p-party", "Omar", "Omar Benali")
        narrow_forms(page, "51-letter-corrections")
        edit.get_by_role("button", name="Add the party").click()
        expect(page.locator(".facts")).to_contain_text("Omar Benali")

        replies = page.locator("section.replies")
        replies.locator(f"#reply-{reply}-type").select_option("answer")
        replies.get_by_role("button", name="Accept as a response").click()
        expect(page.locator(".facts")).to_contain_text("Answered")
        expect(page.locator("section.replies")).to_have_count(0)
        responses = page.locator("section", has=page.locator("#responses-h"))
        expect(responses.locator(f'a[href="/documents/{answer}"]')).to_be_visible()
        item = cases.get_intervention(store, letter)
        assert item.status == "answered"
        assert [r.document_id for r in item.responses] == [answer]
        assert "Omar Benali" in item.names("copy")

        page.goto(f"{base}/cases/{case_id}")
        narrow_forms(page, "52-case-corrections")

        page.goto(f"{base}/review?field=senders")  # a structured value: one field per part
        sender = page.locator(".review-item").first
        name = sender.locator('input[name="text:name"]')
        expect(name).to_have_value("Clara Jensen")
        check_page(page, "53-review-fields-1280")
        name.fill("Clara M. Jensen")
        sender.get_by_role("button", name="Save the edit").click()
        expect(page.locator(".review-item").first).to_contain_text("Clara M. Jensen")

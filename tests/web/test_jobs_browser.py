"""Background uploads and the case record in real headless Chromium.

Twenty small invented files are uploaded; the job's page shows them handled one by one
without reloading (htmx polling, under the app's CSP) while another page answers at once.
The case page shows its fields and a network of invented parties whose labels, measured by
the browser itself, do not overlap. axe-core and screenshots at 1280 and 390 px wide.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import BrowserContext, Page, expect

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.model import JobFile, JobState
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.jobs import get_job
from vigil.web import create_app

from .live import running
from .test_browser import check_page, context, no_console_errors
from .test_case_fields_pages import FIELDS
from .test_cases_browser import PASSWORD, RECORD_CSP
from .test_casework_e2e import _sign_in

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 860}


def _both_widths(page: Page, name: str) -> None:
    for label, size in (("1280", WIDE), ("390", NARROW)):
        page.set_viewport_size(size)
        check_page(page, f"{name}-{label}")
    page.set_viewport_size(WIDE)


def _slow_files(app: FastAPI, seconds: float) -> None:
    """Each file takes a little longer, so the test can look at other pages meanwhile."""

    def pause(_f: JobFile) -> None:
        time.sleep(seconds)

    app.state.jobs.after_file = pause


def test_twenty_files_upload_as_a_job_whose_page_updates_while_others_answer(
    context: BrowserContext, settings: Settings, store: Store, tmp_path: Path
) -> None:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    files = []
    for i in range(20):
        path = tmp_path / f"note-{i:02d}.txt"
        path.write_text(f"Invented note {i}: a hearing about Ana Example in Port Selwyn.\n")
        files.append(str(path))
    app = create_app(settings, store)
    _slow_files(app, 0.4)
    context.add_init_script(RECORD_CSP)
    with running(app) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        _sign_in(page, base)
        page.get_by_role("link", name="Upload").click()
        page.get_by_label("Choose files, or drop them here").set_input_files(files)
        page.get_by_role("button", name="Upload and store").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Upload")
        job_id = int(page.url.rsplit("/", 1)[1])
        page.evaluate("window.__same_page = true")  # gone if the page reloads

        other = context.new_page()
        started = time.monotonic()
        answer = other.goto(base + "/documents")
        took = time.monotonic() - started
        assert answer is not None and answer.ok
        expect(other.get_by_role("heading", level=1)).to_be_visible()
        assert get_job(store, job_id).state in (JobState.QUEUED, JobState.RUNNING)
        assert took < 5, took  # the request did not wait for the job
        other.close()

        seen: set[str] = set()
        deadline = time.monotonic() + 120
        while "done" not in (text := page.locator("#job-state").inner_text()):
            seen.add(text.split("\n")[0])
            assert time.monotonic() < deadline, "the job did not finish"
            time.sleep(0.2)
        expect(page.locator("#job-state")).to_contain_text("20 of 20 files handled")
        assert len(seen) >= 2  # several intermediate counts, shown as they came
        assert page.evaluate("window.__same_page === true")
        expect(page.locator("#results .result.stored")).to_have_count(20)
        assert page.evaluate("window.__csp") == []
        _both_widths(page, "40-job-progress")
        assert errors == []
    assert len(store.documents()) == 20


def _case_with_a_network(store: Store) -> int:
    """Four letters by hand for one invented person, each to nine long-named offices."""
    case_id = cases.new_case(store, "Ana Example")
    for letter in range(4):
        offices = [f"Invented Ministry Office {letter}-{n} of the North" for n in range(9)]
        cases.new_intervention(
            store,
            when=f"2031-0{letter + 1}-10",
            to=offices,
            from_=[f"Riverside Rights Circle {letter}"],
            cc=[f"Special Rapporteur on Invented Matters {letter}"],
            on_behalf=["Ana Example"],
        )
    (person,) = [p.id for p in cases.list_parties(store) if p.name == "Ana Example"]
    cases.add_to_case(store, case_id, party_id=person)
    cases.set_fields(store, case_id, {**FIELDS, "assignee": None})
    return case_id


OVERLAPS = """
() => {
  const boxes = [...document.querySelectorAll("#case-graph-view svg a.node text")]
    .filter(t => t.getClientRects().length)
    .map(t => t.getBBox());
  const clash = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width
          && a.y < b.y + b.height && b.y < a.y + a.height) clash.push([i, j]);
    }
  return {count: boxes.length, clash: clash};
}
"""


def test_case_page_with_fields_and_network_filters_without_script(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    case_id = _case_with_a_network(store)
    network = cases.case_network(cases.show_case(store, case_id))
    assert len(network.nodes) >= 40
    context.add_init_script(RECORD_CSP)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        _sign_in(page, base)
        page.goto(f"{base}/cases/{case_id}")
        record = page.locator("dl.case-fields")
        expect(record).to_contain_text("France")
        expect(record).to_contain_text("Detained")
        nodes = page.locator("#case-graph-view svg a.node")
        expect(nodes).to_have_count(len(network.nodes))
        measured = page.evaluate(OVERLAPS)  # the browser's own text boxes, in SVG units
        assert measured["count"] == len(network.nodes) and measured["clash"] == []
        centre = page.locator("#case-graph-view svg a.node-at_risk")
        expect(centre).to_have_count(1)
        skip = page.get_by_role("link", name="Skip the drawing")  # past every party's link
        skip.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#connections-h")).to_be_focused()

        authorities = page.locator("#case-graph-view svg a.node-authority")
        expect(authorities.first).to_be_visible()
        page.get_by_label("addressees and copies", exact=False).uncheck()
        expect(authorities.first).to_be_hidden()
        expect(page.locator("ul.connections li.e-authority").first).to_be_hidden()
        page.get_by_label("addressees and copies", exact=False).check()
        expect(authorities.first).to_be_visible()

        page.get_by_text("Edit the case record").click()
        page.get_by_label("Situation").select_option("released")
        page.get_by_role("button", name="Save the case record").click()
        expect(page.locator("dl.case-fields")).to_contain_text("Released")
        assert cases.list_cases(store)[0].fields.situation == "released"
        _both_widths(page, "41-case-record-network")
        assert page.evaluate("window.__csp") == []
        assert errors == []

"""Nothing searched stays in the browser: a persistent Chromium profile holds no canary.

Every box that may hold a name posts it: the search page, the dashboard's search
box and the parties list (whose sorting and paging are buttons of the same form).

A search travels by POST (the address stays `/search`), its fields say
`autocomplete="off"` (no form history, no form state in the session files) and
every page is `Cache-Control: no-store` (no disk cache). The test searches for
a canary word that a stored document holds, pages through the hits, closes the
browser so it writes its profile out, and reads every file of the profile.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from vigil import cases
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import init_store
from vigil.web import create_app

from ..cases.test_parties import add_two_letters, party_named
from ..conftest import PASSPHRASE, require
from .live import CHROMIUM, CHROMIUM_FLAGS, running

pytestmark = pytest.mark.slow

CANARY = "Zqxwvortenbach"


def _profile_files_with(profile: Path, needle: str) -> list[str]:
    forms = [needle.encode(), needle.lower().encode(), needle.encode("utf-16-le")]
    found = []
    for path in profile.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if any(form in data for form in forms):
                found.append(str(path.relative_to(profile)))
    return found


def test_a_searched_name_leaves_no_trace_in_the_profile(settings: Settings, tmp_path: Path) -> None:
    require(CHROMIUM.exists(), f"{CHROMIUM} (run scripts/install-chromium.sh)")
    store = init_store(settings, PASSPHRASE).store
    for n in range(25):
        text = f"Letter {n}: {CANARY} is held in detention."
        parsed = ParsedDocument(format="txt", text=text, full_text=text, title="A", language="en")
        store.add_document(parsed, text.encode(), locator=f"/data/l{n}.txt")
    store.close()
    profile = tmp_path / "profile"
    with running(create_app(settings, None)) as base, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        page = context.new_page()
        page.goto(base + "/unlock")
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.get_by_role("button", name="Unlock").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        page.goto(base + "/search")
        page.get_by_label("Words,").fill(CANARY)
        page.get_by_label("Words,").press("Enter")
        expect(page.locator(".hits a.hit-title")).to_have_count(20)
        expect(page.locator(".snippet").first).to_contain_text(CANARY)
        page.get_by_role("button", name="Next page").click()
        expect(page.locator(".hits a.hit-title")).to_have_count(5)
        assert page.url == base + "/search"
        assert page.evaluate("() => history.length") <= 4
        page.goto(base + "/")  # leave the results page, as a user would
        context.close()  # writes history, sessions and preferences out
    assert list(profile.rglob("*")), "the profile was not written"
    assert _profile_files_with(profile, CANARY) == []


def test_a_party_name_searched_on_the_parties_page_and_dashboard_leaves_no_trace(
    settings: Settings, tmp_path: Path
) -> None:
    """The parties list, the dashboard's search box and the pickers post their names too;
    the tracker's authority filter is a list of ids."""
    require(CHROMIUM.exists(), f"{CHROMIUM} (run scripts/install-chromium.sh)")
    store = add_two_letters(init_store(settings, PASSPHRASE).store)
    ana, omar = party_named(store, "Ana Lindqvist"), party_named(store, "Omar Benali")
    cases.rename_party(store, ana, f"Ana {CANARY}")
    store.close()
    profile = tmp_path / "profile"
    with running(create_app(settings, None)) as base, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        page = context.new_page()
        page.goto(base + "/unlock")
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.get_by_role("button", name="Unlock").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        page.get_by_label("Search the documents").fill("Benali")
        page.get_by_label("Search the documents").press("Enter")
        expect(page.locator(".hits a.hit-title").first).to_be_visible()
        assert page.url == base + "/search"
        page.goto(base + "/parties")
        page.get_by_label("Name or spelling").fill(CANARY)
        page.get_by_label("Name or spelling").press("Enter")
        expect(page.locator("tbody tr")).to_have_count(1)
        expect(page.locator("tbody")).to_contain_text(CANARY)
        page.get_by_role("button", name="Party", exact=True).click()  # sort: still filtered
        expect(page.locator("tbody tr")).to_have_count(1)
        assert page.url == base + "/parties"
        page.goto(f"{base}/parties/{omar}")  # a picker: the typed name is a POST body
        page.get_by_label("The party to merge in").fill(CANARY[:6])
        choice = page.locator(".pick-list button", has_text=CANARY)
        expect(choice).to_be_visible()
        choice.click()
        expect(page.get_by_label("The party to merge in")).to_have_value(str(ana))
        page.goto(base + "/interventions")  # the authority filter: chosen from a list, by id
        chosen = page.locator("#f-addressee option", has_text=CANARY).get_attribute("value")
        page.locator("#f-addressee").select_option(value=chosen)
        page.get_by_role("button", name="Apply").click()
        expect(page.locator("table.tracker tbody tr")).to_have_count(1)
        assert page.url == f"{base}/interventions?status=&addressee={chosen}&country=&case=&person="
        page.goto(base + "/")
        page.get_by_label("Search the documents").fill(CANARY)
        page.get_by_label("Search the documents").press("Enter")
        expect(page.get_by_role("heading", name="Search")).to_be_visible()
        assert page.url == base + "/search"
        page.goto(base + "/")
        context.close()
    assert list(profile.rglob("*")), "the profile was not written"
    assert _profile_files_with(profile, CANARY) == []

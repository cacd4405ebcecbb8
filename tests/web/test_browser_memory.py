"""Nothing searched stays in the browser: a persistent Chromium profile holds no canary.

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

from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import init_store
from vigil.web import create_app

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

"""The party pages in real headless Chromium: axe-core and screenshots; a split from the
checkboxes and a merge suggestion accepted from its button."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from ..cases.test_parties import add_two_letters, party_named
from .live import running
from .test_browser import check_page, context, no_console_errors

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the fixture, imported to be found by pytest

PASSWORD = "editor password long enough"


def test_party_pages_pass_axe_and_work_from_the_buttons(
    context: BrowserContext, settings: Settings, store: Store
) -> None:
    add_two_letters(store)
    add_user(store, settings, "editor", Role.EDITOR, PASSWORD)
    ana, anna = party_named(store, "Ana Lindqvist"), party_named(store, "Anna Lindquist")
    omar = party_named(store, "Omar Benali")
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        page.goto(base + "/")
        page.get_by_label("User name").fill("editor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Parties", exact=True).click()
        expect(page.get_by_role("heading", name="Parties")).to_be_visible()
        check_page(page, "20-parties")

        page.get_by_label("Kind").select_option("person")
        page.get_by_label("Name or spelling").fill("lind")
        page.get_by_role("button", name="Filter").click()
        expect(page.locator("table tbody tr")).to_have_count(2)

        page.get_by_role("link", name="Anna Lindquist").click()
        expect(page.locator(".merge-suggestions .reasons li").first).to_be_visible()
        check_page(page, "21-party")
        page.get_by_role("button", name=f"Accept: merge #{anna} into #{ana}").click()
        expect(page.get_by_role("status")).to_contain_text("now this one")
        assert page.url.endswith(f"/parties/{ana}?done=accepted")

        page.goto(f"{base}/parties/{omar}")
        first = cases.show_party(store, omar).mentions[-1].id
        page.get_by_label(f"Move mention {first} to a new party").check()
        page.get_by_role("button", name="Split the chosen mentions into a new party").click()
        expect(page.get_by_role("status")).to_contain_text("made from the mentions you chose")
        check_page(page, "22-party-split")
        assert errors == []
    assert cases.show_party(store, anna).party.merged_into == ana
    assert first not in {m.id for m in cases.show_party(store, omar).mentions}

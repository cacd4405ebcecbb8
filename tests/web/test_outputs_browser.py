"""Downloads in real headless Chromium: a case's dossier (PDF) and the tracker's CSV, and the
statistics page checked with axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect
from pypdf import PdfReader

from vigil.accounts import Role, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from .live import running
from .test_browser import check_page, context, no_console_errors
from .test_cases_browser import _casework

pytestmark = pytest.mark.slow
__all__ = ["context"]  # the Chromium fixture, shared with test_browser

PASSWORD = "viewer password long enough"


def test_viewer_downloads_a_dossier_and_a_csv(
    context: BrowserContext, settings: Settings, store: Store, tmp_path: Path
) -> None:
    add_user(store, settings, "viewer", Role.VIEWER, PASSWORD)
    case_id = _casework(store)
    with running(create_app(settings, store)) as base:
        page = context.new_page()
        errors = no_console_errors(page)
        page.goto(base + "/sign-in")
        page.get_by_label("User name").fill("viewer")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

        page.goto(f"{base}/cases/{case_id}")
        page.get_by_role("link", name="Dossier (PDF)").click()  # an export: password first
        expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
        page.get_by_label("Your password").fill(PASSWORD)
        with page.expect_download() as pdf:
            page.get_by_role("button", name="Confirm").click()
        pdf.value.save_as(tmp_path / "dossier.pdf")
        text = "".join(p.extract_text() for p in PdfReader(tmp_path / "dossier.pdf").pages)
        assert "Omar Benali" in text and "Ana Lindqvist" in text

        page.goto(f"{base}/cases/{case_id}")
        page.get_by_role("link", name="Interventions", exact=True).click()
        with page.expect_download() as sheet:  # within the window: no second question
            page.get_by_role("link", name="CSV").click()
        sheet.value.save_as(tmp_path / "interventions.csv")
        data = (tmp_path / "interventions.csv").read_bytes()
        assert data.startswith("\ufeff".encode()) and b"Ana Lindqvist" in data

        page.get_by_role("link", name="Statistics", exact=True).click()
        expect(page.get_by_role("heading", name="Statistics")).to_be_visible()
        check_page(page, "40-statistics")
        assert errors == []

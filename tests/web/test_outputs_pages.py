"""Downloads from the pages: CSV of each list, a case's dossier, a drafted letter, an original;
viewers may (after re-entering their password), strangers not."""

from __future__ import annotations

import io
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from pypdf import PdfReader

from vigil import cases
from vigil.accounts import Role
from vigil.store import Store

from .conftest import PASSWORDS, Browser
from .test_cases_pages import Casework, casework  # noqa: F401  # the fixture

pytestmark = pytest.mark.sqlite_only


def test_list_pages_link_a_csv_that_downloads(
    casework: Casework, signed_in: Callable[[Role], Browser]  # noqa: F811
) -> None:
    viewer = signed_in(Role.VIEWER)
    pages = [
        ("/cases", "/cases.csv"),
        ("/parties", "/parties.csv"),
        ("/interventions?unanswered=true", "/interventions.csv?unanswered=true"),
    ]
    for page, url in pages:  # each download asks first, and returns to itself
        assert f'href="{url}"' in viewer.page(page)
        asked = viewer.get(url)
        assert asked.headers["location"] == "/account/confirm?" + urlencode({"next": url})
        assert b"Benali" not in asked.content
    confirmed = viewer.confirm(PASSWORDS[Role.VIEWER], then=pages[2][1])
    assert confirmed.headers["location"] == pages[2][1]
    for _page, url in pages:  # one confirmation lasts the window
        response = viewer.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert response.headers["content-disposition"].startswith("attachment")
        assert response.content.startswith("\ufeff".encode())
        assert "Omar Benali" in response.content.decode("utf-8-sig")


def test_case_page_has_a_dossier_that_downloads_as_pdf(
    casework: Casework, signed_in: Callable[[Role], Browser]  # noqa: F811
) -> None:
    viewer = signed_in(Role.VIEWER)
    assert f'href="/cases/{casework.case}/dossier.pdf"' in viewer.page(f"/cases/{casework.case}")
    viewer.confirm(PASSWORDS[Role.VIEWER], then=f"/cases/{casework.case}/dossier.pdf")
    response = viewer.get(f"/cases/{casework.case}/dossier.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Omar Benali" in text and "viewer" in text
    assert viewer.get("/cases/99/dossier.pdf").status_code == 404


def test_downloads_need_a_signed_in_user(casework: Casework, new_browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    stranger = new_browser()
    for url in ["/cases.csv", "/interventions.csv", "/parties.csv",
                f"/cases/{casework.case}/dossier.pdf"]:  # fmt: skip
        response = stranger.get(url, follow_redirects=False)
        assert response.status_code in (303, 401, 403), url
        assert b"Benali" not in response.content


def test_editor_drafts_a_letter_from_the_case_page(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]  # noqa: F811
) -> None:
    viewer = signed_in(Role.VIEWER)
    assert 'action="/cases/1/letter"' not in viewer.page(f"/cases/{casework.case}")
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/cases/{casework.case}")
    assert f'action="/cases/{casework.case}/letter"' in page
    party = next(p for p in cases.show_case(store, casework.case).parties
                 if p.name == "Ana Lindqvist")  # fmt: skip
    asked = editor.post(f"/cases/{casework.case}/letter", {"to": str(party.party_id)})
    assert asked.headers["location"] == f"/account/confirm?next=%2Fcases%2F{casework.case}"
    assert not [i for i in cases.list_interventions(store) if i.status == "draft"]
    editor.confirm(PASSWORDS[Role.EDITOR], then=f"/cases/{casework.case}")
    editor.page(f"/cases/{casework.case}")
    response = editor.post(f"/cases/{casework.case}/letter",
                           {"to": str(party.party_id), "kind": "appeal", "lang": "fr",
                            "format": "md"})  # fmt: skip
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert "Madame, Monsieur," in response.text
    drafts = [i for i in cases.list_interventions(store) if i.status == "draft"]
    assert len(drafts) == 1
    before = len(cases.list_interventions(store))
    editor.page(f"/cases/{casework.case}")
    refused = editor.post(f"/cases/{casework.case}/letter",
                          {"to": str(party.party_id), "lang": "xx"})  # fmt: skip
    assert refused.status_code == 400
    assert len(cases.list_interventions(store)) == before


def test_statistics_page_shows_rates_and_counts(
    casework: Casework, signed_in: Callable[[Role], Browser]  # noqa: F811
) -> None:
    page = signed_in(Role.VIEWER).page("/stats")
    assert "Response rate per authority" in page and "<svg" in page
    assert "Ana Lindqvist" in page and "<td>Arrest</td>" in page  # the vocabulary label

"""Connected pages in-process: every name links to its page, the tracker filters, sorts,
folds and pages, and the dashboard's numbers come from synthetic letters with known
answers (overdue, due this week, answered)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import quote

import pytest

from vigil import cases
from vigil.accounts import Role
from vigil.store import Store

from ..cases.tracker_letters import (
    KENYA_JUSTICE,
    PERU_INTERIOR,
    SIGNATORIES,
    Letters,
    record_letters,
)
from .conftest import Browser
from .test_cases_pages import Casework, casework

Signed = Callable[[Role], Browser]
__all__ = ["casework"]  # the extracted letter's fixture, shared with test_cases_pages
ROW = re.compile(r'<td class="date"><a href="/interventions/(\d+)">')


@pytest.fixture
def letters(store: Store) -> Letters:
    return record_letters(store, date.today())


@pytest.fixture
def viewer(signed_in: Signed) -> Browser:
    return signed_in(Role.VIEWER)


def tracker_ids(viewer: Browser, query: str = "") -> list[int]:
    html = viewer.page("/interventions" + query)
    table = html[html.index('<table class="tracker">') : html.index("</table>")]
    return [int(i) for i in ROW.findall(table)]


def party_id(store: Store, name: str) -> int:
    return next(p.id for p in cases.list_parties(store) if p.name == name)


def test_tracker_filters_by_country_person_case_and_state(
    letters: Letters, viewer: Browser
) -> None:
    assert set(tracker_ids(viewer)) == letters.everything
    blank_form = "?status=&authority=&country=&case=&person="  # the form with nothing chosen
    assert set(tracker_ids(viewer, blank_form)) == letters.everything
    kenya = {letters.overdue_justice, letters.due_soon, letters.open_letter}
    assert set(tracker_ids(viewer, "?country=Kenya")) == kenya
    assert set(tracker_ids(viewer, f"?person={letters.tomas}")) == {letters.answered, letters.later}
    assert set(tracker_ids(viewer, f"?case={letters.case}")) == {
        letters.overdue_justice, letters.due_soon
    }  # fmt: skip
    assert set(tracker_ids(viewer, "?overdue=true")) == letters.overdue
    assert set(tracker_ids(viewer, "?country=Kenya&overdue=true")) == letters.overdue
    assert tracker_ids(viewer, "?needs_date=true") == []
    html = viewer.page("/interventions?country=Peru")
    assert "2 of 5 interventions" in html
    assert '<option value="Peru" selected>Peru</option>' in html


def test_tracker_rows_link_every_name_and_fold_long_lists(
    store: Store, letters: Letters, viewer: Browser
) -> None:
    html = viewer.page("/interventions?country=Kenya&sort=date")
    lena, case = letters.lena, letters.case
    assert f'<a href="/parties/{lena}">Lena Varga</a>' in html  # about whom
    assert f'<a href="/cases/{case}">Lena Varga</a>' in html  # the case
    justice = party_id(store, KENYA_JUSTICE)
    assert f'<a href="/parties/{justice}">{KENYA_JUSTICE}</a>' in html  # to
    row = html[html.index(f'href="/interventions/{letters.open_letter}"') :]
    row = row[: row.index("</tr>")]
    assert f"and {SIGNATORIES - 1} others</summary>" in row
    assert row.count('href="/parties/') == SIGNATORIES + 2  # senders, addressee, about whom
    assert "overdue" in row


def test_tracker_sorts_both_ways_and_pages_with_totals(letters: Letters, viewer: Browser) -> None:
    by_date = tracker_ids(viewer, "?sort=date&per_page=100")
    assert by_date[0] == letters.open_letter and by_date[-1] == letters.later
    assert tracker_ids(viewer, "?sort=date&desc=true&per_page=100") == by_date[::-1]
    html = viewer.page("/interventions?sort=date")
    assert 'aria-sort="ascending"' in html
    assert 'href="/interventions?sort=date&amp;desc=true"' in html  # a second click reverses
    first = tracker_ids(viewer, "?sort=date&per_page=2")
    second = tracker_ids(viewer, "?sort=date&per_page=2&page=2")
    third = tracker_ids(viewer, "?sort=date&per_page=2&page=3")
    assert first + second + third == by_date
    html = viewer.page("/interventions?sort=date&per_page=2&page=2")
    assert "Page 2 of 3" in html and "5 of 5 interventions" in html
    assert 'href="/interventions?sort=date&amp;per_page=2&amp;page=3" rel="next"' in html
    assert 'href="/interventions?sort=date&amp;per_page=2" rel="prev"' in html


@pytest.mark.parametrize(
    "query", ["?sort=colour", "?case=0", "?person=x", "?page=0", "?per_page=100000", "?status=lost"]
)
def test_tracker_refuses_bad_parameters(letters: Letters, viewer: Browser, query: str) -> None:
    assert viewer.get("/interventions" + query).status_code == 400


def test_dashboard_counts_the_casework(store: Store, letters: Letters, viewer: Browser) -> None:
    html = viewer.page("/")
    counts = dict(
        (label, int(n))
        for n, label in re.findall(r'<span class="n">(\d+)</span> ([a-z ]+)</a>', html)
    )
    assert counts["overdue letters"] == 2
    assert counts["letters due this week"] == 1
    assert counts["open cases"] == 1
    assert counts["letters in the tracker"] == 5
    overdue = html[html.index('id="overdue-h"') : html.index('id="due-h"')]
    assert set(map(int, re.findall(r'href="/interventions/(\d+)"', overdue))) == letters.overdue
    due = html[html.index('id="due-h"') : html.index('id="responses-h"')]
    assert re.findall(r'href="/interventions/(\d+)"', due) == [str(letters.due_soon)]
    waiting = html[html.index('id="review-h"') : html.index('id="docs-h"')]
    assert "<a " not in waiting and "Nothing waits for review." in waiting  # letters by hand
    answers = html[html.index('id="responses-h"') : html.index('id="cases-h"')]
    assert f'href="/interventions/{letters.answered}"' in answers
    rates = html[html.index('id="rates-h"') :]
    assert f"{KENYA_JUSTICE}</a>" in rates and "0% — 0 of 2 answered" in rates
    assert f"{PERU_INTERIOR}</a>" in rates and "100% — 1 of 1 answered" in rates
    assert 'class="bar-fill bar-100"' in rates
    assert f'href="/interventions?authority={quote(PERU_INTERIOR)}"' in rates
    assert " style=" not in html and "<script>" not in html


def test_intervention_page_names_and_links_its_parties_case_and_country(
    store: Store, letters: Letters, viewer: Browser
) -> None:
    html = viewer.page(f"/interventions/{letters.overdue_justice}")
    assert "party " not in html.replace("third party", "")  # no bare party numbers
    justice = party_id(store, KENYA_JUSTICE)
    assert f'<a href="/parties/{justice}">{KENYA_JUSTICE}</a>' in html
    assert f'<a href="/parties/{letters.lena}">Lena Varga</a>' in html
    assert f'<a href="/cases/{letters.case}">Lena Varga</a>' in html
    assert '<a href="/interventions?country=Kenya">Kenya</a>' in html
    assert 'aria-label="Breadcrumb"' in html
    assert '<a href="/interventions">Interventions</a>' in html


def test_a_party_page_lists_the_letters_about_and_to_it(
    store: Store, letters: Letters, viewer: Browser
) -> None:
    html = viewer.page(f"/parties/{letters.lena}")
    section = html[html.index('id="letters-h"') : html.index('id="events-h"')]
    assert "On behalf of this party (2)" in section
    shown = set(map(int, re.findall(r'href="/interventions/(\d+)"', section)))
    assert shown == {letters.overdue_justice, letters.due_soon}
    assert f'href="/interventions?person={letters.lena}"' in section
    ministry = viewer.page(f"/parties/{party_id(store, KENYA_JUSTICE)}")
    assert "Written to this party (2)" in ministry


def test_extracted_letter_pages_link_document_case_party_and_back(
    store: Store, casework: Casework, viewer: Browser
) -> None:
    doc = viewer.page(f"/documents/{casework.document}")
    feeds = doc[doc.index('id="feeds-h"') : doc.index("<h2>Sources</h2>")]
    assert f'href="/interventions/{casework.letter}">Letter of 2024-05-12</a>' in feeds
    assert f'href="/interventions/{casework.prior}">Undated letter {casework.prior}</a>' in feeds
    assert f'<a href="/cases/{casework.case}">Omar Benali</a>' in feeds
    assert f'<a href="/parties/{casework.at_risk}">Omar Benali</a>' in feeds
    letter = viewer.page(f"/interventions/{casework.letter}")
    assert f'<a href="/documents/{casework.document}">Appeal</a>' in letter
    dashboard = viewer.page("/")
    waiting = dashboard[dashboard.index('id="review-h"') : dashboard.index('id="docs-h"')]
    review_links = re.findall(r'href="(/review\?field=[^"]+)"', waiting)
    assert len(review_links) >= 5  # the extraction's fields wait for review
    assert all(viewer.get(link).status_code == 200 for link in review_links)
    case = viewer.page(f"/cases/{casework.case}")
    assert f'<td><a href="/parties/{casework.at_risk}">Omar Benali</a></td>' in case
    assert f'<a href="/documents/{casework.document}">Appeal</a>' in case
    party = viewer.page(f"/parties/{casework.at_risk}")
    assert f'href="/interventions/{casework.letter}"' in party
    assert f'<a href="/documents/{casework.document}">Appeal</a>' in party
    assert tracker_ids(viewer, "?needs_date=true") == [casework.prior]


def test_an_untitled_document_is_named_by_its_file_everywhere(
    store: Store, viewer: Browser
) -> None:
    from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
    from vigil.store.suggestions import save_extraction

    text = "A note with no title."
    parsed = ParsedDocument(format="txt", text=text, full_text=text, title=None)
    doc_id = store.add_document(parsed, text.encode(), locator="/data/field-note-7.txt")
    found = SuggestionRecord("persons", "Nadia Korr", [Span(0, 6)], "test", "rule", 0.8)
    save_extraction(store, doc_id, ExtractionRecord("test", {}, [found], [], False))
    for url in ("/", "/documents", f"/documents/{doc_id}", "/review"):
        html = viewer.page(url)
        assert "field-note-7.txt" in html and "(untitled)" not in html, url


def test_pickers_find_parties_cases_and_documents_by_name(
    store: Store, casework: Casework, viewer: Browser, browser: Browser
) -> None:
    viewer.page(f"/cases/{casework.case}")  # a page with a picker: its CSRF token

    def pick(kind: str, q: str) -> list[dict[str, object]]:
        response = viewer.post(f"/pick/{kind}", {"q": q})
        assert response.status_code == 200, response.status_code
        found: list[dict[str, object]] = response.json()
        return found

    found = pick("parties", "benali")
    assert found == [{"id": casework.at_risk, "name": "Omar Benali", "detail": "person"}]
    assert pick("cases", "OMAR")[0]["id"] == casework.case
    assert pick("documents", "appe") == [{"id": casework.document, "name": "Appeal", "detail": ""}]
    assert pick("documents", "appeal.txt")[0]["id"] == casework.document
    assert pick("documents", "%") == []  # a LIKE wildcard is a character
    assert pick("parties", "o") == []  # two letters at least
    assert viewer.post("/pick/parties", {"q": "x" * 201}).status_code == 400
    assert viewer.post("/pick/lists", {"q": "omar"}).status_code == 400
    assert viewer.get("/pick/parties?q=benali").status_code == 405  # never in an address
    assert viewer.post("/pick/parties", {"q": "benali"}, csrf="").status_code == 403
    assert browser.post("/pick/parties", {"q": "benali"}).status_code in (303, 403)


def test_forms_that_took_a_typed_id_offer_a_picker(
    casework: Casework, signed_in: Signed
) -> None:
    editor = signed_in(Role.EDITOR)
    case = editor.page(f"/cases/{casework.case}")
    for source in ("parties", "documents", "cases"):
        assert f'data-pick="/pick/{source}"' in case
    assert 'data-pick="/pick/parties"' in editor.page(f"/parties/{casework.at_risk}")
    assert 'data-pick="/pick/documents"' in editor.page(f"/interventions/{casework.letter}")

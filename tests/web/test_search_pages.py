"""The search page (total, facets, parties and cases a name finds, "also searched") and
the sorted documents and parties lists, through the routes."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from ..search_archive import Archive, build_archive
from .conftest import ORIGIN, Browser


@pytest.fixture
def archive(store: Store) -> Archive:
    return build_archive(store)


def _hits(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="hit-title" href="/documents/(\d+)"', html)]


def _facet(html: str, facet: str, value: str) -> str:
    """The count a facet button shows for `value`."""
    found = re.search(
        rf'value="{facet}:{re.escape(value)}"[^>]*>\s*<span>[^<]*</span> <span class="count">(\d+)',
        html,
    )
    assert found, (facet, value)
    return found.group(1)


def test_search_shows_total_and_facet_counts(owner: Browser, archive: Archive) -> None:
    owner.page("/search")
    html = owner.post("/search", {"q": "detention"}).text
    assert re.search(r'id="result-total">5 documents<', html)
    assert _facet(html, "language", "en") == "2" and _facet(html, "language", "fr") == "2"
    assert _facet(html, "country", "FR") == "2"
    assert _facet(html, "party", str(archive.nadia)) == "3"
    assert _facet(html, "case", str(archive.case_id)) == "2"
    assert ">France<" in html and ">Nadia&#39;s case<" in html


def test_a_capped_search_says_more_than_and_shows_lower_bounds(
    settings: Settings, store: Store, archive: Archive
) -> None:
    app = create_app(settings.with_(search_count_cap=3), store)
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        browser = Browser(client)
        assert browser.unlock().status_code == 303
        browser.page("/search")
        html = browser.post("/search", {"q": "detention"}).text
        assert re.search(r'id="result-total">more than 3 documents<', html)
        counts = re.findall(r'<span class="count">([^<]*)</span>', html)
        assert counts and all(re.fullmatch(r"\d+\+", c) for c in counts), counts
        assert "Page 1<" in html and "Page 1 of" not in html
        html = browser.post("/search", {"q": "Verhoef"}).text  # below the cap: exact
        assert re.search(r'id="result-total">\d documents<', html)
        assert "+</span>" not in html


def test_choosing_a_facet_filters_and_keeps_the_query_out_of_the_address(
    owner: Browser, archive: Archive
) -> None:
    owner.page("/search")
    html = owner.post("/search", {"q": "detention", "facet": "country:FR", "page": "3"}).text
    assert re.search(r'id="result-total">2 documents<', html)
    assert sorted(_hits(html)) == [archive.ids[0], archive.ids[4]]  # page 1 again
    assert html.count('aria-pressed="true"') == 1  # FR only (not the undated count)
    assert 'value="country:"' in html  # and it can be cleared
    assert '<input type="hidden" name="country" value="FR">' in html
    assert "detention" not in html.split('action="/search"')[0]
    assert not re.search(r'href="[^"]*(detention|q=)', html)  # no link carries the query
    cleared = owner.post("/search", {"q": "detention", "country": "FR", "facet": "country:"})
    assert re.search(r'id="result-total">5 documents<', cleared.text)


def test_a_name_lists_parties_and_cases_and_says_what_else_it_searched(
    owner: Browser, archive: Archive
) -> None:
    owner.page("/search")
    html = owner.post("/search", {"q": "Nadia Ghorbani"}).text
    assert f'href="/parties/{archive.nadia}">Nadia Qorbani</a>' in html
    assert f'href="/cases/{archive.case_id}">Nadia&#39;s case</a>' in html
    also = re.search(r'class="also-searched">(.*?)</p>', html, re.S)
    assert also and "<q>Nadia Qorbani</q>" in also.group(1) and "<q>N. Qorbani</q>" in also.group(1)
    assert sorted(_hits(html)) == sorted(archive.ids[:3])
    assert html.index("found-parties") < html.index('class="hits"')  # above the documents


@pytest.mark.parametrize(
    "data",
    [
        {"q": "detention", "facet": "nonsense:1"},
        {"q": "detention", "facet": "year:20x1"},
        {"q": "detention", "country": "France"},
        {"q": "detention", "case": "1 OR 1=1"},
        {"q": "detention", "party": "-3"},
    ],
)
def test_malformed_facets_are_refused(
    owner: Browser, archive: Archive, data: dict[str, str]
) -> None:
    owner.page("/search")
    assert owner.post("/search", data).status_code == 400


def test_search_stays_a_post(owner: Browser, archive: Archive) -> None:
    page = owner.get("/search?q=Nadia").text
    assert 'name="q" type="search" value=""' in page  # a query in the address is ignored
    assert 'class="hit-title"' not in page
    assert 'method="post" action="/search"' in page


def test_documents_list_sorts_pages_and_totals(owner: Browser, archive: Archive) -> None:
    html = owner.page("/documents?sort=title&order=desc")
    titles = re.findall(r'<a href="/documents/\d+">(Doc [A-Z])</a>', html)
    assert titles == sorted(titles, reverse=True) and len(titles) == 7
    assert 'aria-sort="descending"' in html and "7 documents" in html
    assert owner.get("/documents?sort=title;DROP TABLE documents").status_code == 400
    assert owner.get("/documents?order=sideways").status_code == 400


def test_parties_list_sorts_by_documents_and_finds_spellings(
    owner: Browser, archive: Archive
) -> None:
    html = owner.page("/parties?sort=documents&order=desc")
    ids = [int(n) for n in re.findall(r'<a href="/parties/(\d+)">', html)]
    assert ids == [archive.nadia, archive.tomas] and "2 parties" in html
    found = owner.post("/parties", {"q": "Ghorbani"}).text
    assert re.findall(r'<a href="/parties/(\d+)">', found) == [str(archive.nadia)]
    assert owner.get("/parties?sort=name%20DESC").status_code == 400

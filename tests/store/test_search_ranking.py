"""Bounded ranking: a search with a rank cap ranks only the newest matches; SQLite and PostgreSQL.

Each expectation is computed from the exact ranking of every match (no cap): the
capped hits are the exact hits whose documents are among the `cap` highest ids
of the matches, in the same order, with the same scores and snippets (a score
does not depend on which other matches are ranked: BM25's weights come from the
whole index, and `ts_rank` has none).
"""

from __future__ import annotations

import pytest

from vigil import cases
from vigil.model import ParsedDocument, SearchQuery
from vigil.store import NewDocument, Store, postgres
from vigil.store.scope import Scope

from ..search_corpus import build_corpus

QUERIES = [
    SearchQuery("na", limit=300),  # in most documents
    SearchQuery("detention", limit=300),
    SearchQuery("family OR lawyer", limit=300),
    SearchQuery("bit*", limit=300),
    SearchQuery('"na ke"', limit=300),  # a phrase: PostgreSQL narrows by its words first
    SearchQuery('bit* OR "ke na"', limit=300),  # a word ORed with a phrase, as a name expands
    SearchQuery("na", language="en", limit=300),
    SearchQuery("detention", country="IR", limit=300),
]


@pytest.fixture
def corpus(store: Store) -> list[int]:
    return build_corpus(store)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.text)
@pytest.mark.parametrize("cap", [1, 7, 30])
def test_a_capped_ranking_ranks_the_newest_matches_as_the_exact_one_does(
    store: Store, corpus: list[int], query: SearchQuery, cap: int
) -> None:
    exact = store.search(query)
    assert len(exact) > cap  # the cap bites
    newest = set(sorted(h.document_id for h in exact)[-cap:])
    assert store.search(query, rank_cap=cap) == [h for h in exact if h.document_id in newest]


@pytest.mark.parametrize("query", QUERIES[:3], ids=lambda q: q.text)
def test_a_cap_at_or_above_the_matches_changes_nothing(
    store: Store, corpus: list[int], query: SearchQuery
) -> None:
    exact = store.search(query)
    for cap in (len(exact), len(exact) + 1, 1000):
        assert store.search(query, rank_cap=cap) == exact


def test_pages_of_a_capped_ranking_end_at_the_cap(store: Store, corpus: list[int]) -> None:
    first = store.search(SearchQuery("na", limit=10), rank_cap=25)
    second = store.search(SearchQuery("na", limit=10, offset=10), rank_cap=25)
    third = store.search(SearchQuery("na", limit=10, offset=20), rank_cap=25)
    fourth = store.search(SearchQuery("na", limit=10, offset=30), rank_cap=25)
    assert [len(first), len(second), len(third), len(fourth)] == [10, 10, 5, 0]
    pages = [h.document_id for h in first + second + third]
    assert len(set(pages)) == 25


def test_a_scoped_view_caps_over_the_documents_it_shows(
    store: Store, corpus: list[int]
) -> None:
    hidden = frozenset(corpus[-40:])  # the newest: a cap over all matches would see them
    view = store.scoped(Scope(documents=hidden))
    query = SearchQuery("na", limit=300)
    exact = view.search(query)
    newest = set(sorted(h.document_id for h in exact)[-7:])
    got = view.search(query, rank_cap=7)
    assert len(got) == 7 and not {h.document_id for h in got} & hidden
    assert got == [h for h in exact if h.document_id in newest]


def test_the_search_page_ranks_within_its_count_cap(store: Store, corpus: list[int]) -> None:
    query = SearchQuery("na", limit=300)
    page = cases.search(store, query, count_cap=30)
    assert page.counts.capped
    assert page.hits == store.search(query, rank_cap=30)
    assert cases.search(store, query).hits == store.search(query)  # below the default cap


@pytest.mark.parametrize("text", ["bit*", "na", "detention OR ke*"])
def test_each_page_carries_its_own_hits_snippets(
    store: Store, corpus: list[int], text: str
) -> None:
    """Snippets are made for one page's hits only (on SQLite in one pass over the matches
    between the page's lowest and highest id): pages of 7 give the same hits, scores
    and snippets as one page of all, other matches between them left out."""
    every = store.search(SearchQuery(text, limit=300))
    assert len(every) > 30 and all(h.snippet for h in every)
    paged = [
        hit
        for offset in range(0, len(every), 7)
        for hit in store.search(SearchQuery(text, limit=7, offset=offset))
    ]
    assert paged == every
    assert store.search(SearchQuery(text, limit=7, offset=len(every))) == []


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.text)
def test_the_page_ranks_as_the_capped_search_at_and_around_the_cap(
    store: Store, corpus: list[int], query: SearchQuery
) -> None:
    """The page counts first and ranks a query its counts find below the cap without the
    cap: the same hits as the capped search, whatever side of the cap the matches are."""
    matches = len(store.search(query))
    for cap in (matches - 1, matches, matches + 1):
        page = cases.search(store, query, count_cap=cap, expand=False)
        assert page.counts.capped == (matches > cap)
        assert page.hits == store.search(query, rank_cap=cap)


def _sparse_store(store: Store) -> list[int]:
    """200 documents; 'quorvel' in documents 1-5 (the oldest) and 150-154, 'ostrapin' in
    the oldest five only, every document saying 'filler'."""
    items = []
    for i in range(1, 201):
        words = ["filler", f"number{i}"]
        if i <= 5 or 150 <= i <= 154:
            words.append("quorvel")
        if i <= 5:
            words.append("ostrapin")
        text = " ".join(words)
        parsed = ParsedDocument(format="txt", text=text, full_text=text, title=f"d{i}")
        items.append(NewDocument(parsed, text.encode(), f"/sparse/{i}.txt"))
    return store.add_documents(items, actor="test")


@pytest.mark.parametrize("text", ["quorvel", "ostrapin", "filler"])
@pytest.mark.parametrize("cap", [1, 2, 4])
def test_a_capped_ranking_finds_the_newest_matches_however_far_back_they_lie(
    store: Store, text: str, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest matches may lie outside the newest documents (a window of a few times
    the cap, PostgreSQL's first look): the capped hits are still the newest matches.
    PostgreSQL's windows are bounded by blocks of ids (1,024 a block), wider than this
    store: here a block is one id, so each window and the fallback to all are used."""
    monkeypatch.setattr(postgres, "WINDOW_BITS", 0)
    monkeypatch.setattr(postgres, "WINDOW_KEY", "id >> 0")
    _sparse_store(store)
    exact = store.search(SearchQuery(text, limit=300))
    newest = set(sorted(h.document_id for h in exact)[-cap:])
    assert store.search(SearchQuery(text, limit=300), rank_cap=cap) == [
        h for h in exact if h.document_id in newest
    ]


@pytest.mark.parametrize("text", ["detention", '"na ke"', 'bit* OR "ke na"'])
def test_a_page_below_the_cap_ranks_its_matches_as_a_fresh_search_does(
    store: Store, corpus: list[int], text: str
) -> None:
    """Below the cap the page ranks the ids its counts found (PostgreSQL) instead of
    matching again: the same hits, in the same order, page by page."""
    for offset in (0, 5):
        query = SearchQuery(text, limit=5, offset=offset)
        page = cases.search(store, query, expand=False)
        assert not page.counts.capped and page.counts.total > 10
        assert page.hits == store.search(query)

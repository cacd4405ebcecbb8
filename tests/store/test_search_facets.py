# The fixture table reads best one document a line, so its lines run long:
# ruff: noqa: E501
"""Search totals and facet counts, name expansion, sorted lists; on SQLite and PostgreSQL.

The fixture is a small invented archive whose every fact is also kept in
Python (`Archive`), so each count the store gives is checked against a
brute-force count over the same documents.
"""

from __future__ import annotations

from collections import Counter

import pytest

from vigil import cases
from vigil.model import DocumentSort, Facet, ParsedDocument, PartySort, SearchQuery
from vigil.store import Store, highlight
from vigil.store import parties as party_store
from vigil.store.facets import search_counts

from ..search_archive import DOCUMENTS, SPELLINGS, Archive, build_archive


@pytest.fixture
def archive(store: Store) -> Archive:
    return build_archive(store)


def _brute(archive: Archive, word: str, **filters: object) -> dict[str, Counter[str]]:
    """Facet counts computed in Python over the documents containing `word`."""
    counts: dict[str, Counter[str]] = {str(f): Counter() for f in Facet}
    counts["total"] = Counter()
    for doc_id, (text, lang, kind, published, _, _) in zip(archive.ids, DOCUMENTS, strict=True):
        if word.casefold() not in text.casefold():
            continue
        year = (published or "")[:4]
        if any((
            filters.get("language") not in (None, lang),
            filters.get("kind") not in (None, kind),
            filters.get("year") not in (None, year),
            filters.get("country") is not None and filters["country"] not in archive.countries[doc_id],
            filters.get("case_id") is not None and filters["case_id"] not in archive.cases_of[doc_id],
            filters.get("party_id") is not None and filters["party_id"] not in archive.parties_of[doc_id],
        )):  # fmt: skip
            continue
        counts["total"]["all"] += 1
        counts["language"][lang] += 1
        counts["kind"][kind] += 1
        counts["year"][year] += 1
        counts["country"].update(archive.countries[doc_id])
        counts["party"].update(str(p) for p in archive.parties_of[doc_id])
        counts["case"].update(str(c) for c in archive.cases_of[doc_id])
    return counts


@pytest.mark.parametrize(
    "word, filters",
    [
        ("detention", {}),
        ("Verhoef", {}),
        ("detention", {"language": "fr"}),
        ("detention", {"year": "2021"}),
        ("detention", {"country": "FR"}),
        ("detention", {"kind": "letter", "country": "AL"}),
        ("detention", {"case_id": "CASE"}),
        ("detention", {"party_id": "NADIA"}),
        ("nothing-matches-this", {}),
    ],
)
def test_facet_counts_equal_a_brute_force_count(
    store: Store, archive: Archive, word: str, filters: dict[str, object]
) -> None:
    resolved = {
        k: {"CASE": archive.case_id, "NADIA": archive.nadia}.get(str(v), v)
        for k, v in filters.items()
    }
    got = search_counts(store, SearchQuery(word, **resolved))  # type: ignore[arg-type]
    want = _brute(archive, word, **resolved)
    assert got.total == want["total"]["all"]
    for facet in Facet:
        assert {c.value: c.count for c in got.facets[facet]} == dict(want[str(facet)]), facet
    hits = store.search(SearchQuery(word, limit=100, **resolved))  # type: ignore[arg-type]
    assert len(hits) == got.total  # the total counts what the pages list


def test_facets_are_labelled_and_bounded(store: Store, archive: Archive) -> None:
    got = search_counts(store, SearchQuery("detention"), limit=1)
    assert [(c.value, c.label) for c in got.facets[Facet.COUNTRY]] == [("FR", "France")]
    assert [c.label for c in got.facets[Facet.PARTY]] == ["Nadia Qorbani"]
    assert [c.label for c in got.facets[Facet.CASE]] == ["Nadia's case"]
    assert sum(c.count for c in got.facets[Facet.LANGUAGE]) == got.total == 5


@pytest.mark.parametrize("cap", [1, 3, 4])
def test_counts_over_the_cap_are_lower_bounds_of_the_exact_ones(
    store: Store, archive: Archive, cap: int
) -> None:
    exact = search_counts(store, SearchQuery("detention"))
    assert exact.total == 5 and not exact.capped
    got = search_counts(store, SearchQuery("detention"), cap=cap)
    assert got.capped and got.total == cap  # "more than `cap` documents"
    for facet in Facet:
        full = {c.value: c.count for c in exact.facets[facet]}
        for c in got.facets[facet]:
            assert 1 <= c.count <= full[c.value], facet
    # The first cap + 1 matches are counted: each document once per facet of its own.
    assert sum(c.count for c in got.facets[Facet.LANGUAGE]) == cap + 1


def test_counts_at_or_below_the_cap_are_exact(store: Store, archive: Archive) -> None:
    exact = search_counts(store, SearchQuery("detention"))
    for cap in (5, 6):
        assert search_counts(store, SearchQuery("detention"), cap=cap) == exact


def test_a_name_lists_its_party_and_case_and_searches_every_spelling(
    store: Store, archive: Archive
) -> None:
    found = cases.search(store, SearchQuery("Nadia Ghorbani", limit=50))
    assert [p.id for p in found.parties] == [archive.nadia]
    assert [c.id for c in found.cases] == [archive.case_id]
    assert set(found.also_searched) == {"Nadia Qorbani", "N. Qorbani"}
    assert {h.document_id for h in found.hits} == set(archive.ids[:3])
    assert found.counts.total == 3
    plain = store.search(SearchQuery("Nadia Ghorbani", limit=50))
    assert [h.document_id for h in plain] == [archive.ids[1]]  # without the expansion


def test_a_word_that_names_nobody_is_not_expanded(store: Store, archive: Archive) -> None:
    found = cases.search(store, SearchQuery("torture"))
    assert (found.parties, found.cases, found.also_searched) == ([], [], [])
    assert [h.document_id for h in found.hits] == [archive.ids[4]]


def test_parties_list_finds_every_joined_spelling(store: Store, archive: Archive) -> None:
    for spelling in ("ghorbani", "N. Qorbani", "nadia q"):
        assert [p.id for p in cases.list_parties(store, query=spelling)] == [archive.nadia]
    assert cases.count_parties(store, query="qorbani") == 1
    assert party_store.spellings(store, [archive.nadia])[archive.nadia] == list(SPELLINGS)


def test_documents_sort_by_each_key_both_ways(store: Store, archive: Archive) -> None:
    rows = store.documents()
    keys = {
        DocumentSort.TITLE: lambda r: r.title,
        DocumentSort.DATE: lambda r: r.published,
        DocumentSort.KIND: lambda r: r.kind,
        DocumentSort.LANGUAGE: lambda r: r.language,
    }
    for sort, key in keys.items():
        up = [r.id for r in store.documents(sort=sort)]
        present = [r for r in rows if key(r) is not None]
        missing = [r.id for r in rows if key(r) is None]  # last, both ways
        assert up == [r.id for r in sorted(present, key=lambda r: (key(r), r.id))] + missing
        down = [r.id for r in store.documents(sort=sort, descending=True)]
        expected = sorted(present, key=lambda r: (key(r), r.id), reverse=True)
        assert down == [r.id for r in expected] + sorted(missing, reverse=True)
    page = store.documents(limit=3, offset=3, sort=DocumentSort.TITLE)
    assert [r.id for r in page] == [r.id for r in store.documents(sort=DocumentSort.TITLE)][3:6]
    assert store.document_total() == len(DOCUMENTS)


def test_parties_sort_by_documents_and_name(store: Store, archive: Archive) -> None:
    by_docs = cases.list_parties(store, sort=PartySort.DOCUMENTS, descending=True)
    assert [p.id for p in by_docs] == [archive.nadia, archive.tomas]  # 3 documents, then 2
    by_name = cases.list_parties(store, sort=PartySort.NAME, descending=True)
    assert [p.name for p in by_name] == ["Tomas Verhoef", "Nadia Qorbani"]
    assert [p.id for p in cases.list_parties(store, sort=PartySort.NAME, limit=1, offset=1)] == [
        archive.tomas
    ]


def test_no_sql_reaches_the_store_through_sort_or_filters(store: Store, archive: Archive) -> None:
    with pytest.raises(ValueError):
        store.documents(sort="title; DROP TABLE documents")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        cases.list_parties(store, sort="name DESC, (SELECT 1)")  # type: ignore[arg-type]
    hostile = "x' OR '1'='1"
    for query in (
        SearchQuery("detention", kind=hostile),
        SearchQuery("detention", country=hostile),
        SearchQuery("detention", language="en' --"),
        SearchQuery("detention", year="2021"),
    ):
        counts = search_counts(store, query)
        assert counts.total == len(store.search(SearchQuery(**{**query.__dict__, "limit": 100})))
    assert search_counts(store, SearchQuery("detention", kind=hostile)).total == 0
    assert store.document_total() == len(DOCUMENTS)


@pytest.mark.parametrize("query, word", [("detention", "detention"), ("muller", "Müller")])
def test_a_snippet_shows_a_match_deep_in_a_long_document(
    store: Store, query: str, word: str
) -> None:
    filler = "nothing to see in this sentence. " * 300  # ~10,000 characters before the match
    text = f"{filler}The {word} case ends here."
    parsed = ParsedDocument(format="txt", text=text, full_text=text, title="Long")
    store.add_document(parsed, text.encode(), locator="/long.txt")
    [hit] = store.search(SearchQuery(query))
    assert highlight(hit.snippet, "[", "]").count(f"[{word}]") == 1

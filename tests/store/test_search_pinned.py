"""Search results pinned on a seeded synthetic corpus, on SQLite and PostgreSQL.

`tests/store/search_pinned.json` holds what search returned (hits in rank order
with their snippets, totals, facet counts, parties, cases, added spellings, a
second page) before the search path was made faster; a change of speed must not
change one of them. After a deliberate change to results, regenerate it (see
`tests/search_corpus.py`) and say why in the commit.
"""

from __future__ import annotations

import json

import pytest

from vigil import cases
from vigil.model import Facet, SearchQuery
from vigil.store import Store
from vigil.store.scope import Scope

from ..search_corpus import PINNED, build_corpus, queries, snapshot


@pytest.fixture
def corpus(store: Store) -> list[int]:
    return build_corpus(store)


def test_results_equal_the_pinned_ones(store: Store, corpus: list[int]) -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))[store.dialect.name]
    got = snapshot(store)
    assert len(got) == len(pinned) == len(queries())
    for now, before in zip(got, pinned, strict=True):
        assert now == before, now["query"]


@pytest.mark.parametrize("text", ["detention", "na", "family", "bit*"])
def test_a_scoped_view_leaves_hidden_documents_out_of_hits_and_counts(
    store: Store, corpus: list[int], text: str
) -> None:
    hidden = frozenset(corpus[::3])
    everything = cases.search(store, SearchQuery(text, limit=300))
    seen = cases.search(store.scoped(Scope(documents=hidden)), SearchQuery(text, limit=300))
    kept = [h.document_id for h in everything.hits if h.document_id not in hidden]
    assert [h.document_id for h in seen.hits] == kept
    assert seen.counts.total == len(kept) < everything.counts.total
    assert sum(c.count for c in seen.counts.facets[Facet.LANGUAGE]) == len(kept)

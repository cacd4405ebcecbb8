"""Search as casework asks it: the documents, and the parties and cases a name finds.

1. A query that reads as a name (no prefix `*`, no `OR`, three characters or
   more) finds parties: those
   one of whose spellings contains it, or that resolution would join with it
   (`list_parties`, as `vigil parties list --name`), most documents first.
2. It finds cases too: the live cases of those parties, and those whose name
   contains it.
3. The document query is expanded with the known spellings of the first
   `EXPANDED_PARTIES` parties found (their names, recorded names, mention
   words), ORed with what was typed; each added spelling is reported
   (`also_searched`), so the page can say so. A spelling that every match of
   the query already contains ("Hassan" → "Ali Hassan") adds nothing and is left out.
4. The store returns one page of ranked hits (snippets for that page only)
   and the total and facet counts over the matches (`store.facets`), capped at
   `count_cap` (`VIGIL_SEARCH_COUNT_CAP`): beyond it the counts are lower bounds,
   and the hits are the best of the `count_cap` newest matches (the highest ids:
   the documents added last), so a common word is not ranked over every document.
   The counts come first: a query they find below the cap is ranked over its
   matches directly (the same hits, one pass over the matches fewer); on
   PostgreSQL the counts also give the matches' ids, which are ranked without
   matching again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from vigil.cases.parties import list_parties, party_spellings
from vigil.model import CaseSummary, PartySort, PartySummary, SearchQuery, SearchResults
from vigil.store import Store
from vigil.store import cases as case_store
from vigil.store.facets import COUNT_CAP, search_matches

LISTED_PARTIES = 10
LISTED_CASES = 10
EXPANDED_PARTIES = 5
MAX_SPELLINGS = 24
MIN_NAME = 3
"""Shorter queries look no party up: two letters are inside too many names."""
WORD = re.compile(r"\w+")


def search(
    store: Store, query: SearchQuery, *, expand: bool = True, count_cap: int = COUNT_CAP
) -> SearchResults:
    """One page of documents matching `query` (expanded by a name's spellings), the
    counts over them (capped at `count_cap` matches), and the parties and cases the
    query names. A query with more than `count_cap` matches is ranked within the
    `count_cap` newest of them."""
    name = _as_name(query.text)
    parties: list[PartySummary] = []
    found_cases: list[CaseSummary] = []
    also: list[str] = []
    if name:
        parties = list_parties(
            store, query=name, sort=PartySort.DOCUMENTS, descending=True, limit=LISTED_PARTIES
        )
        found_cases = case_store.find_cases(store, [p.id for p in parties], name, LISTED_CASES)
        if expand:
            also = _added_spellings(store, name, parties[:EXPANDED_PARTIES])
    searched = replace(query, text=expanded_text(query.text, also)) if also else query
    counts, among = search_matches(
        store, searched, cap=count_cap, with_ids=store.dialect.ranks_among_matches
    )
    # Below the cap every match is among the `count_cap` newest: ranked as they are,
    # without first walking the matches for the cap-th newest (the same hits), and
    # (PostgreSQL) from the ids the counts found, without matching again.
    hits = store.search(searched, rank_cap=count_cap if counts.capped else None, among=among)
    return SearchResults(
        hits=hits,
        counts=counts,
        parties=parties,
        cases=found_cases,
        also_searched=also,
    )


def expanded_text(text: str, spellings: list[str]) -> str:
    """The query ORed with each spelling as a phrase (quotes inside a spelling dropped)."""
    phrases = [f'"{s.replace(chr(34), " ").strip()}"' for s in spellings]
    return " OR ".join([text, *phrases])


def _as_name(text: str) -> str | None:
    """The query as a name to look parties up by, or None when it is not one."""
    if "*" in text or re.search(r"\bOR\b", text):
        return None
    name = " ".join(text.replace('"', " ").split())
    return name if len(name) >= MIN_NAME else None


def _fold(text: str) -> set[str]:
    """The words of `text` without case or diacritics (as the full-text index reads them)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return set(WORD.findall(plain))


def _added_spellings(store: Store, name: str, parties: list[PartySummary]) -> list[str]:
    """Spellings of the parties that find documents the name alone would not."""
    typed = _fold(name)
    known = party_spellings(store, [p.id for p in parties])
    added: list[str] = []
    seen: set[frozenset[str]] = set()
    for party in parties:
        for spelling in known.get(party.id, []):
            words = _fold(spelling)
            # Every document with all of `words` already has all the typed words.
            if not words or typed <= words or frozenset(words) in seen:
                continue
            seen.add(frozenset(words))
            added.append(spelling)
    return added[:MAX_SPELLINGS]

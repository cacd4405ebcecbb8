"""What search counts by: the total and facet counts of a query, and documents' countries.

`search_counts` runs one statement over the matches of a query (not one page):
the dialect's unranked match (`matches_sql`, filters applied) is materialised
once, then counted by language, kind, year, country, case and party. The
countries, cases and parties are bounded to the `limit` most frequent values.

Counting is capped: at most `COUNT_CAP` + 1 matches are read (the first the
full-text index yields, unranked). A query with more matches is reported as
`capped` ("more than 1,000 documents"), and its facet counts are those of the
matches read, lower bounds the page shows as "412+"; below the cap every count
is exact. So a common word costs a bounded pass, not one over 50,000 matches
(at 100,000 documents, grouping every match took 63 % of a search page).
The joins are written `h CROSS JOIN t WHERE ...`: SQLite then walks the
matches and looks each up in `t`'s index (without statistics it would scan all
of `t` instead); PostgreSQL plans them as ordinary joins.

A document's countries (`document_countries`, migration 15) are written with
its extraction: the country of each sender, addressee and copy, and each
location that is a country's name, as ISO 3166 alpha-2 codes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select, text

from vigil import vocab
from vigil.model import Facet, FacetCount, SearchCounts, SearchQuery
from vigil.store.case_tables import cases, parties
from vigil.store.extraction_tables import suggestions
from vigil.store.scope import APPLIED
from vigil.store.tables import document_countries

if TYPE_CHECKING:
    from vigil.store.store import Store

_DOCUMENT_FACETS = (Facet.LANGUAGE, Facet.KIND, Facet.YEAR)
"""Counted from one grouping of the matches by all three (a few hundred combinations at
most), then summed: one sort of the matches instead of three."""
COUNT_CAP = 1000
"""Matches counted at most; a query with more gets lower-bound counts (`SearchCounts.capped`)."""
FACET_LIMIT = 10
"""How many values of an open-ended facet (country, case, party) are counted and shown."""
PARTY_FIELDS = ("senders", "addressees", "copies_to")
COUNTRY_FIELDS = (*PARTY_FIELDS, "locations")

_FACETS_SQL = """
WITH h AS MATERIALIZED ({matches} LIMIT :count_cap)
SELECT 'document' AS facet, coalesce(h.language, '') AS value, coalesce(h.kind, '') AS kind,
       coalesce(substr(h.published, 1, 4), '') AS year, count(*) AS n
  FROM h GROUP BY h.language, h.kind, substr(h.published, 1, 4)
UNION ALL
SELECT * FROM (
  SELECT 'country' AS facet, dc.country AS value, NULL, NULL, count(*) AS n
  FROM h CROSS JOIN document_countries dc WHERE dc.document_id = h.id
  GROUP BY dc.country ORDER BY n DESC, value LIMIT :facet_limit) fc
UNION ALL
SELECT * FROM (
  SELECT 'case' AS facet, CAST(g.case_id AS TEXT) AS value, NULL, NULL, g.n AS n
  FROM (SELECT cd.case_id AS case_id, count(*) AS n
        FROM h CROSS JOIN case_documents cd WHERE cd.document_id = h.id
        GROUP BY cd.case_id) g
  CROSS JOIN cases c WHERE c.id = g.case_id AND c.merged_into IS NULL
  ORDER BY g.n DESC, g.case_id LIMIT :facet_limit) fk
UNION ALL
SELECT * FROM (
  SELECT 'party' AS facet, CAST(m.party_id AS TEXT) AS value, NULL, NULL,
         count(DISTINCT m.document_id) AS n
  FROM h CROSS JOIN mentions m
  WHERE m.document_id = h.id AND m.party_id IS NOT NULL
  GROUP BY m.party_id ORDER BY n DESC, m.party_id LIMIT :facet_limit) fp{ids}
"""
_IDS_SQL = "\nUNION ALL\nSELECT 'match' AS facet, CAST(h.id AS TEXT), NULL, NULL, 0 FROM h"
"""The matches' ids (at most the cap + 1), for `search_matches`."""


def search_counts(
    store: Store, query: SearchQuery, limit: int = FACET_LIMIT, cap: int = COUNT_CAP
) -> SearchCounts:
    """The number of documents matching `query` (filters included) and its facet counts
    (`search_matches` without the ids)."""
    return search_matches(store, query, limit, cap, with_ids=False)[0]


def search_matches(
    store: Store,
    query: SearchQuery,
    limit: int = FACET_LIMIT,
    cap: int = COUNT_CAP,
    with_ids: bool = True,
) -> tuple[SearchCounts, list[int] | None]:
    """The number of documents matching `query` (filters included) and its facet counts.

    Language, kind and year count every value (an empty value: none recorded);
    country, case and party count their `limit` most frequent values, labelled
    with the country's, case's or party's name. With more than `cap` matches the
    result is `capped`: the total is `cap` (there are more) and the facets count
    the first `cap` + 1 matches only.

    With `with_ids`, the second value is the id of every match when the result is not
    capped (the same statement reads them), else None.
    """
    stmt = store.dialect.matches_sql(replace(query, hidden=store.scope.documents))
    empty: dict[Facet, list[FacetCount]] = {f: [] for f in Facet}
    if stmt is None:
        return SearchCounts(0, empty), [] if with_ids else None
    params = {**stmt.params, "facet_limit": limit, "count_cap": cap + 1}
    total = 0
    found: dict[Facet, list[tuple[str, int]]] = {f: [] for f in Facet}
    combined: dict[Facet, Counter[str]] = {f: Counter() for f in _DOCUMENT_FACETS}
    with store.engine.connect() as conn:
        conn = conn.execution_options(**{APPLIED: True})  # the matches leave hidden ones out
        store.dialect.tune_search(conn)
        sql = _FACETS_SQL.format(matches=stmt.sql, ids=_IDS_SQL if with_ids else "")
        ids: list[int] = []
        for facet, value, kind, year, n in conn.execute(text(sql), params):
            if facet == "match":
                ids.append(int(value))
            elif facet == "document":  # one (language, kind, year) combination
                total += int(n)
                for f, v in zip(_DOCUMENT_FACETS, (value, kind, year), strict=True):
                    combined[f][str(v)] += int(n)
            else:
                found[Facet(facet)].append((str(value), int(n)))
        for f, counted in combined.items():
            found[f] = list(counted.items())
        labels = _labels(conn, found)
    facets = {
        f: sorted(
            (FacetCount(v, n, labels.get((f, v))) for v, n in values),
            key=lambda c: (-c.count, c.value),
        )
        for f, values in found.items()
    }
    if total > cap:
        return SearchCounts(cap, facets, capped=True), None
    return SearchCounts(total, facets), ids if with_ids else None


def _labels(
    conn: Connection, found: dict[Facet, list[tuple[str, int]]]
) -> dict[tuple[Facet, str], str]:
    labels: dict[tuple[Facet, str], str] = {}
    names = country_names_by_code()
    for code, _n in found[Facet.COUNTRY]:
        labels[(Facet.COUNTRY, code)] = names.get(code, code)
    for facet, table in ((Facet.CASE, cases), (Facet.PARTY, parties)):
        ids = [int(v) for v, _n in found[facet]]
        if ids:
            rows = conn.execute(select(table.c.id, table.c.name).where(table.c.id.in_(ids)))
            labels.update({(facet, str(r.id)): r.name for r in rows})
    return labels


# -- countries of a document ------------------------------------------------------------


@cache
def country_names_by_code() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> the country's English name."""
    return {c["iso2"]: c["name"] for c in vocab.load("countries")["countries"]}


@cache
def _codes_by_name() -> dict[str, str]:
    """Every written form of a country (any language, casefolded) -> its code."""
    table: dict[str, str] = {}
    for c in vocab.load("countries")["countries"]:
        forms = [c["name"], *c.get("aliases", [])]
        for spelled in c.get("names", {}).values():
            forms += spelled
        for form in forms:
            table.setdefault(form.casefold(), c["iso2"])
    return table


def country_codes(values: Iterable[tuple[str, Any]]) -> set[str]:
    """The countries (field, value) suggestions name: a party's `country`, a country's name."""
    codes: set[str] = set()
    known = country_names_by_code()
    for field, value in values:
        if field in PARTY_FIELDS and isinstance(value, dict):
            code = value.get("country")
            if isinstance(code, str) and code.upper() in known:
                codes.add(code.upper())
        elif field == "locations" and isinstance(value, str):
            code = _codes_by_name().get(value.strip().casefold())
            if code:
                codes.add(code)
    return codes


def save_countries(conn: Connection, doc_id: int, values: Iterable[tuple[str, Any]]) -> None:
    """Replace a document's countries with those its suggestions name."""
    conn.execute(delete(document_countries).where(document_countries.c.document_id == doc_id))
    codes = sorted(country_codes(values))
    if codes:
        conn.execute(
            insert(document_countries),
            [{"document_id": doc_id, "country": code} for code in codes],
        )


def refresh_countries(conn: Connection, doc_ids: Iterable[int] | None = None) -> None:
    """Documents' countries, from their stored suggestions (not rejected); all when None."""
    s = suggestions.c
    query = select(s.document_id, s.field, s.value).where(
        s.field.in_(COUNTRY_FIELDS), s.review_state != "rejected"
    )
    wanted = None if doc_ids is None else sorted(set(doc_ids))
    if wanted is not None:
        query = query.where(s.document_id.in_(wanted))
    by_document: dict[int, list[tuple[str, Any]]] = {d: [] for d in wanted or []}
    for doc_id, field, value in conn.execute(query):
        by_document.setdefault(int(doc_id), []).append((field, json.loads(value)))
    for doc_id, values in by_document.items():
        save_countries(conn, doc_id, values)

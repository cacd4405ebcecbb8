"""The PostgreSQL half of `dialect.py`: an organisation's shared server.

What differs from the embedded store, and only here:

- Full text is a generated `tsvector` column `documents.search` (title
  weighted A, clean text B) with a GIN index, ranked by `ts_rank`, with
  `ts_headline` snippets carrying the same private markers as SQLite's.
  The text search configuration `vigil_text` is `simple` (no stemming, like
  FTS5's unicode61) behind the `unaccent` filter, so "détention" finds
  "detention". Where `unaccent` cannot be created, the configuration is
  plain `simple` and a warning is logged: searches are then accent-sensitive.
  The first `INDEXED_CHARS` characters of a text are indexed (a tsvector
  holds at most 1 MB).
- Originals are sealed by Vigil (AES-GCM, `sealing.py`): a dump of the
  database holds no original file in clear and no key. The searchable text
  and the index rely on the server's own protection (BRIEF.md, threat model).
- Backups are `pg_dump` plus the key file kept apart; `vigil backup` refuses.
- The database should be UTF8 with a UTF-8 ctype (e.g. `C.UTF-8`) so that
  words in every script split as words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, TextClause, create_engine, inspect
from sqlalchemy.exc import DBAPIError, OperationalError

from vigil.errors import StoreError
from vigil.model import SearchQuery
from vigil.settings import Settings
from vigil.store.dialect import (
    MARK_END,
    MARK_START,
    MENTION_INDEX,
    SNIPPET_TOKENS,
    VALUE_INDEX,
    SearchSql,
    query_terms,
    search_filters,
)
from vigil.store.sealing import Sealer

log = logging.getLogger(__name__)

TEXT_CONFIG = "vigil_text"
INDEXED_CHARS = 500_000
SNIPPET_WINDOW = 1_200
RANK_WINDOWS = (8, 32, 128, 512)
"""A capped search looks among the newest 8 x cap documents, then 32 x cap (and, with a
filter, 128 x and 512 x cap), then all: each window four times the last, so the windows
that hold too few cost at most a third of the one that holds enough."""
PLAIN_WINDOWS = 2
"""How many of `RANK_WINDOWS` a query without filters tries: one too sparse for 32 x cap
has under 1 match in 32 documents, few enough to sort them all."""
WINDOW_INDEX = "ix_documents_search_newest"
WINDOW_BITS = 10
WINDOW_KEY = f"id >> {WINDOW_BITS}"
"""The block of 1,024 consecutive ids a document falls in: the window index's second key."""
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_TOKENS}, "
    f"MinWords={SNIPPET_TOKENS // 2}, ShortWord=0, MaxFragments=1"
)


def engine_url(url: str) -> str:
    """`postgresql://` means the psycopg (3) driver, the only one Vigil ships."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class PostgresDialect:
    name = "postgresql"

    def __init__(self, settings: Settings) -> None:
        assert settings.database_url
        self.settings = settings
        self.url = engine_url(settings.database_url)
        self._sealer: Sealer | None = None

    ranks_among_matches = True

    @property
    def seals_originals(self) -> bool:
        """Always, except in a store made with `encrypt=False` (benchmarks, tests)."""
        return self.settings.encrypt

    def _engine(self) -> Engine:
        return create_engine(
            self.url,
            pool_size=4,
            pool_pre_ping=True,
            connect_args={"options": "-c timezone=UTC"},
        )

    def _probe(self, engine: Engine) -> None:
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            # The URL may hold a password: it is never repeated in a message.
            raise StoreError(
                "cannot connect to the PostgreSQL server named by VIGIL_DATABASE_URL:"
                " check its host, port, database, user and password, and that it runs"
            ) from exc

    def has_store(self) -> bool:
        engine = self._engine()
        try:
            self._probe(engine)
            with engine.connect() as conn:
                return inspect(conn).has_table("schema_migrations")
        finally:
            engine.dispose()

    def make_engine(self, data_key: bytes | None) -> Engine:
        if self.settings.encrypt:
            if data_key is None:
                raise StoreError("a server store needs its data key to seal originals")
            self._sealer = Sealer(data_key)
        engine = self._engine()
        self._probe(engine)
        return engine

    # -- originals -----------------------------------------------------------
    def seal_original(self, doc_id: int, data: bytes) -> bytes:
        return self._sealer.seal(doc_id, data) if self._sealer else data

    def open_original(self, doc_id: int, stored: bytes) -> bytes:
        return self._sealer.open(doc_id, stored) if self._sealer else stored

    def after_explicit_ids(self, conn: Connection, table: str = "documents") -> None:
        """Move the table's id sequence past ids inserted by hand (imports)."""
        if not re.fullmatch(r"[a-z_]+", table):
            raise ValueError("not a table name")
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )

    def create_value_index(self, conn: Connection) -> None:
        """A hash index on the value: a b-tree refuses a row over about 2,700 bytes, and a
        suggested value (an event, a long demand) can be longer; lookups are by equality."""
        conn.exec_driver_sql(f"CREATE INDEX {VALUE_INDEX} ON suggestions USING hash (value)")

    def create_mention_index(self, conn: Connection) -> None:
        """Mentions by party and document (`MENTION_INDEX`): a party's document count from
        the index. Not the words: a b-tree refuses a row over about 2,700 bytes."""
        conn.exec_driver_sql(f"CREATE INDEX {MENTION_INDEX} ON mentions (party_id, document_id)")

    def create_name_index(self, conn: Connection) -> None:
        """Trigram indexes (`pg_trgm`) on parties' lower-cased names and spellings: the
        name lookup's `lower(name) LIKE '%…%'` reads them instead of every name.
        Where `pg_trgm` cannot be created, a warning is logged and the lookup scans."""
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DBAPIError:
            log.warning(
                "the pg_trgm extension cannot be created (install postgresql-contrib, or let"
                " the database owner create it): looking a name up will read every name"
            )
            return
        for table in ("parties", "party_names"):
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS ix_{table}_name_trigrams"
                f" ON {table} USING gin (lower(name) gin_trgm_ops)"
            )

    def name_candidates(self, table: str, needles: list[str]) -> TextClause | None:
        """None: the lookup's own `lower(name) LIKE '%…%'` reads the trigram index."""
        return None

    def create_window_index(self, conn: Connection) -> None:
        """The full-text GIN index with the block of 1,024 ids a document falls in
        (`WINDOW_KEY`) as a second column (`btree_gin`), replacing `ix_documents_search`:
        a capped search's window of the newest documents (`WINDOW_KEY > :bound`) is then
        answered inside the index, which hands over only the window's matches (a common
        word at 100,000 documents: the rows of 3,000 matches read, not of 38,000). Blocks,
        not ids: the index reads a range key by key, and a window of 512,000 ids took
        40 ms for each alternative of an `OR` (a name's spellings), 512 blocks a fraction
        of that. Not the id itself: a range of the primary key would tempt the planner to
        walk it and test each row's `tsvector`. Where `btree_gin` cannot be created, a
        warning is logged and the window is tested on each match's row."""
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS btree_gin")
        except DBAPIError:
            log.warning(
                "the btree_gin extension cannot be created (install postgresql-contrib, or"
                " let the database owner create it): a search for a common word will read"
                " the row of every match"
            )
            return
        # A GIN index is built in memory: 64 MB (the default) makes a million documents'
        # build spill and merge for tens of minutes; the setting ends with the transaction.
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
        conn.exec_driver_sql(
            f"CREATE INDEX {WINDOW_INDEX} ON documents USING gin (search, ({WINDOW_KEY}))"
        )
        conn.exec_driver_sql("DROP INDEX ix_documents_search")

    def narrow_document_rows(self, conn: Connection) -> None:
        """Keep a document row's text and `tsvector` out of line (`toast_tuple_target` 128
        bytes, from 2 KB) and rewrite the table in id order: a search's bitmap of matches
        then reads a quarter of the pages (100,000 documents: 87 MB of rows -> 25 MB).
        The rewrite locks the table while it runs (about 2 minutes per 100,000 documents
        on a loaded 2-core machine)."""
        conn.exec_driver_sql("ALTER TABLE documents SET (toast_tuple_target = 128)")
        conn.exec_driver_sql("CLUSTER documents USING documents_pkey")

    # -- full text ---------------------------------------------------------
    def create_text_index(self, conn: Connection) -> None:
        folding = True
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DBAPIError:
            folding = False
            log.warning(
                "the unaccent extension cannot be created (install postgresql-contrib, or let"
                " the database owner create it): search will not fold diacritics"
            )
        conn.exec_driver_sql(
            f"CREATE TEXT SEARCH CONFIGURATION {TEXT_CONFIG} (COPY = pg_catalog.simple)"
        )
        if folding:
            conn.exec_driver_sql(
                f"ALTER TEXT SEARCH CONFIGURATION {TEXT_CONFIG} "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
            )
        conn.exec_driver_sql(
            "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS ("
            f"setweight(to_tsvector('{TEXT_CONFIG}', coalesce(title, '')), 'A') || "
            f"setweight(to_tsvector('{TEXT_CONFIG}', left(text, {INDEXED_CHARS})), 'B')"
            ") STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_documents_search ON documents USING gin (search)")

    def index_document(self, conn: Connection, doc_id: int, title: str, body: str) -> None:
        """Nothing to do: `documents.search` is generated from the row itself."""

    def unindex_documents(self, conn: Connection, doc_ids: list[int]) -> None:
        """Nothing to do: the index entry goes with the row."""

    def read_index_entry(self, conn: Connection, doc_id: int) -> None:
        """The text index is a column of `documents`, read with the row itself."""

    def tune_search(self, conn: Connection) -> None:
        """Plan this transaction's searches from the GIN index, without JIT.

        The planner prices `search @@ query` as a cheap filter and scans the whole table
        for a common word, or even a rare phrase; each row it reads then has its
        `tsvector` (about 4 KB, kept out of line) fetched and decompressed, ten times
        the cost of the bitmap the index gives (whose match needs no recheck for plain
        words). And the facet statement's estimates pass `jit_above_cost`: compiling it
        took 100 ms, a third of the statement. And each operator is priced a hundred
        times its default (`cpu_operator_cost`): a `search @@ query` the planner leaves
        as a filter reads that row's `tsvector` from TOAST, yet is priced as one
        comparison, so a window of the newest documents (or a filter's index) alone
        looked cheaper than the full-text bitmap and read 127,000 rows' `tsvector` (3 s at
        1,000,000 documents; 0.3 s with the price raised). The settings end with the
        transaction.
        """
        conn.exec_driver_sql(
            "SET LOCAL enable_seqscan = off; SET LOCAL jit = off;"
            " SET LOCAL cpu_operator_cost = 0.25"
        )

    def matches_sql(self, query: SearchQuery) -> SearchSql | None:
        """Every matching document's id and facet columns, unranked (for counting)."""
        params: dict[str, Any] = {}
        parts = _parts(query, params)
        if parts is None:
            return None
        _, matched, filters = parts
        where = f" WHERE {' AND '.join(filters)}" if filters else ""
        sql = (
            "SELECT d.id AS id, d.language AS language, d.kind AS kind, "
            "d.published AS published FROM (SELECT d.id, d.language, d.kind, d.published "
            f"FROM documents d WHERE {matched} OFFSET 0) d{where}"
        )
        return SearchSql(sql, params)

    def search_sql(
        self,
        query: SearchQuery,
        rank_cap: int | None = None,
        among: Sequence[int] | None = None,
    ) -> SearchSql | None:
        """One page of ranked hits with snippets; with `rank_cap`, only the `rank_cap`
        newest matches (highest ids) are ranked, as on SQLite.

        With a cap, the newest `RANK_WINDOWS[0]` x `rank_cap` documents are searched
        first, then ever larger windows of the newest, then all (`newest_sql` reads the
        highest id, where the windows end): the index bitmap of the matches is
        narrowed to a window inside the index (migration 25), so a common word reads
        the rows of the window's matches only, not those of every match; the first
        window holding `rank_cap` matches is ranked (`_capped`).

        With `among` (every match's id, from the counts: `search_matches`), those rows
        are ranked without matching again: a phrase's candidates (every document with
        its words) each have their `tsvector` read to check the word order, once for the
        counts, and without `among` once more here.
        """
        params: dict[str, Any] = {
            "limit": query.limit,
            "offset": query.offset,
            "headline": HEADLINE_OPTIONS,
            "needle": _needle(query.text),
        }
        if among is not None:
            tsquery = _tsquery(query.text, params)
            if tsquery is None:
                return None
            params["among"] = list(among)
            ranked = (
                f"SELECT d.id, -ts_rank(d.search, {tsquery}) AS score FROM documents d "
                "WHERE d.id = ANY(:among) ORDER BY score, d.id LIMIT :limit OFFSET :offset"
            )
            return SearchSql(_page(ranked, tsquery), params)
        if rank_cap is None:
            found = _matching(query, params)
            if found is None:
                return None
            tsquery, where = found
            ranked = (
                f"SELECT d.id, -ts_rank(d.search, {tsquery}) AS score FROM documents d "
                f"WHERE {where} ORDER BY score, d.id LIMIT :limit OFFSET :offset"
            )
            return SearchSql(_page(ranked, tsquery), params)
        params["rank_cap"] = rank_cap
        capped = _capped(query, params, rank_cap)
        if capped is None:
            return None
        return SearchSql(capped, params, newest_sql="SELECT coalesce(max(id), 0) FROM documents")

    # -- maintenance -------------------------------------------------------
    def checkpoint(self, engine: Engine) -> None:
        """Nothing to do: the server manages its own write-ahead log."""

    def integrity_problems(self, conn: Connection, damaged_pages: list[int]) -> list[str]:
        """The server checks its own pages; Vigil re-hashes the originals."""
        return []

    def damaged_pages(self, conn: Connection) -> list[int]:
        """Page checks are the server's (data checksums); none reported here."""
        return []

    def copy_to(self, engine: Engine, target: Path) -> None:
        raise StoreError(
            "a server store is backed up with pg_dump (originals stay sealed in it);"
            " keep a copy of vigil.key apart from the dump"
        )


def _page(ranked: str, tsquery: str) -> str:
    """The page's rows (`ranked`: ids and scores, best first) with their snippets."""
    return (
        "SELECT d.id, d.title, d.language, d.kind, d.published, h.score, "
        f"ts_headline('{TEXT_CONFIG}', {_window()}, {tsquery}, :headline) AS snippet "
        f"FROM ({ranked}) h JOIN documents d ON d.id = h.id ORDER BY h.score, h.id"
    )


def _capped(query: SearchQuery, params: dict[str, Any], rank_cap: int) -> str | None:
    """The page of the best of the `:rank_cap` newest matches: those of the first window
    of newest documents (`RANK_WINDOWS` x `rank_cap` up to the id `:newest`) that holds
    `:rank_cap` of them, else those of every document. A window is searched only when
    the one before it held too few (one-time filters on their counts), and only the
    rows of one is ranked.

    The full-text condition (and the window) is fenced in a subquery (`OFFSET 0`) that
    the index bitmap answers; the filters apply to its rows. Unfenced, the planner
    starts from a filter's own index (a language, a country) and reads the `tsvector`
    of every document passing it, out of line and compressed, to test the words: ten
    times the bitmap's cost. The candidates are sorted newest first; a phrase's are
    found by its words in any order (no `tsvector` read), then checked against the
    phrase itself until `:rank_cap` pass, so a common phrase costs about `:rank_cap`
    reads, not one a match.
    """
    parts = _parts(query, params)
    if parts is None:
        return None
    tsquery, matched, filters = parts
    _, loose, _ = _parts(query, params, relaxed=True) or parts
    where = f"WHERE {' AND '.join(filters)} " if filters else ""
    plain = all(a.relaxed == a.exact for a in _alternatives(query.text, {}))

    def newest(bound: str) -> str:
        def fenced(condition: str) -> str:
            return (
                "(SELECT d.id, d.search, d.language, d.kind, d.published FROM documents d "
                f"WHERE ({condition}){bound} OFFSET 0) d"
            )

        if plain:
            return (
                f"SELECT d.id, d.search FROM {fenced(matched)} {where}"
                "ORDER BY d.id + 0 DESC LIMIT :rank_cap"
            )
        return (
            f"SELECT n.id, n.search FROM (SELECT d.id, d.search FROM {fenced(loose)} "
            f"{where}ORDER BY d.id + 0 DESC OFFSET 0) n "
            f"WHERE n.search @@ {tsquery} LIMIT :rank_cap"
        )

    # A filter thins a common word's matches: the larger windows spare reading every
    # match of the word (at 1,000,000 documents, 213,000 rows for 15,000 in a country).
    windows = RANK_WINDOWS if filters else RANK_WINDOWS[:PLAIN_WINDOWS]
    # A window is every block after the one holding `:newest - k x cap`: the newest
    # documents from a bound on, so its `rank_cap` newest matches are the query's.
    bounded = [
        f" AND d.{WINDOW_KEY} > ((:newest - {k * rank_cap}) >> {WINDOW_BITS})" for k in windows
    ]
    ctes = ", ".join(f"w{i} AS MATERIALIZED ({newest(b)})" for i, b in enumerate(bounded))
    held = [f"(SELECT count(*) FROM w{i})" for i in range(len(bounded))]
    branches = []
    for i in range(len(bounded) + 1):
        tests = [f"{h} < :rank_cap" for h in held[:i]]
        if i < len(bounded):
            tests.append(f"{held[i]} >= :rank_cap")
            source = f"w{i}"
        else:
            source = f"({newest('')})"
        branches.append(f"SELECT c.id, c.search FROM {source} c WHERE {' AND '.join(tests)}")
    candidates = f"WITH {ctes} " + " UNION ALL ".join(branches)
    ranked = (
        f"SELECT n.id, -ts_rank(n.search, {tsquery}) AS score "
        f"FROM ({candidates}) n ORDER BY score, n.id LIMIT :limit OFFSET :offset"
    )
    return _page(ranked, tsquery)


def _needle(text: str) -> str:
    """The first word of the query, lower-cased: where in a text its snippet is looked for."""
    for group in query_terms(text):
        for term in group:
            words = re.findall(r"\w+", term.text)
            if words:
                return str(words[0]).lower()
    return ""


def _window() -> str:
    """The text `ts_headline` reads: `SNIPPET_WINDOW` characters around the first place the
    query's first word appears (as written, ignoring case), else the whole indexed text.

    `ts_headline` parses all it is given; on whole documents it cost three times the rest
    of a search page. A word found only with its accents folded falls back to the whole text.
    """
    at = "position(:needle in lower(d.text))"
    return (
        f"CASE WHEN :needle <> '' AND {at} > 0 "
        f"THEN substr(d.text, greatest(1, {at} - {SNIPPET_WINDOW // 4}), {SNIPPET_WINDOW}) "
        f"ELSE left(d.text, {INDEXED_CHARS}) END"
    )


@dataclass(frozen=True)
class _Alternative:
    """One alternative of a query (between its `OR`s) as a tsquery expression, and the
    same without word order (`relaxed`: a phrase's words ANDed), which the GIN index
    answers without reading a row's `tsvector`."""

    exact: str
    relaxed: str


def _matching(
    query: SearchQuery, params: dict[str, Any], relaxed: bool = False
) -> tuple[str, str] | None:
    """(tsquery, WHERE clause over `documents d`) of a search with its filters; `relaxed`:
    phrases matched as their words in any order (a superset, to narrow with the tsquery).

    The alternatives of an `OR` are matched one by one (`search @@ a OR search @@ b`):
    the index then marks for a recheck (a read of the row's `tsvector`) only the rows an
    alternative with a phrase finds, not every row of a plain word ORed with a phrase,
    as one `a || b` tsquery would (a name expanded to its spellings is such a query).
    """
    parts = _parts(query, params, relaxed)
    if parts is None:
        return None
    tsquery, matched, filters = parts
    return tsquery, " AND ".join([f"({matched})", *filters])


def _parts(
    query: SearchQuery, params: dict[str, Any], relaxed: bool = False
) -> tuple[str, str, list[str]] | None:
    """`_matching` in parts: (tsquery, full-text condition, filter conditions)."""
    alternatives = _alternatives(query.text, params)
    if not alternatives:
        return None
    matched = " OR ".join(
        f"d.search @@ {a.relaxed if relaxed else a.exact}" for a in alternatives
    )
    return _joined(alternatives), matched, search_filters(query, params, like="ILIKE")


def _tsquery(text: str, params: dict[str, Any]) -> str | None:
    """The user's query as a tsquery expression over bound parameters (added to `params`)."""
    alternatives = _alternatives(text, params)
    return _joined(alternatives) if alternatives else None


def _joined(alternatives: list[_Alternative]) -> str:
    return "(" + " || ".join(a.exact for a in alternatives) + ")"


def _alternatives(text: str, params: dict[str, Any]) -> list[_Alternative]:
    """Each alternative of the query (its `OR`s) over bound parameters (added to `params`)."""
    alternatives: list[_Alternative] = []
    for group in query_terms(text):
        exact: list[str] = []
        relaxed: list[str] = []
        for term in group:
            key = f"t{len(params)}"
            if term.prefix:
                words = re.findall(r"\w+", term.text)
                if not words:
                    continue
                # Only word characters reach to_tsquery: its syntax stays inert.
                params[key] = " <-> ".join(words) + ":*"
                exact.append(f"to_tsquery('{TEXT_CONFIG}', :{key})")
                if len(words) > 1:
                    params[f"{key}r"] = " & ".join(words) + ":*"
                    relaxed.append(f"to_tsquery('{TEXT_CONFIG}', :{key}r)")
                else:
                    relaxed.append(exact[-1])
            else:
                params[key] = term.text
                exact.append(f"phraseto_tsquery('{TEXT_CONFIG}', :{key})")
                one_word = re.fullmatch(r"\w+", term.text) is not None
                relaxed.append(
                    exact[-1] if one_word else f"plainto_tsquery('{TEXT_CONFIG}', :{key})"
                )
        if exact:
            alternatives.append(
                _Alternative("(" + " && ".join(exact) + ")", "(" + " && ".join(relaxed) + ")")
            )
    return alternatives

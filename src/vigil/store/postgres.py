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
        took 100 ms, a third of the statement. Both settings end with the transaction.
        """
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL jit = off")

    def matches_sql(self, query: SearchQuery) -> SearchSql | None:
        """Every matching document's id and facet columns, unranked (for counting)."""
        params: dict[str, Any] = {}
        found = _matching(query, params)
        if found is None:
            return None
        sql = (
            "SELECT d.id AS id, d.language AS language, d.kind AS kind, "
            f"d.published AS published FROM documents d WHERE {found[1]}"
        )
        return SearchSql(sql, params)

    def search_sql(self, query: SearchQuery, rank_cap: int | None = None) -> SearchSql | None:
        """One page of ranked hits with snippets; with `rank_cap`, only the `rank_cap`
        newest matches (highest ids) are ranked, as on SQLite."""
        params: dict[str, Any] = {
            "limit": query.limit,
            "offset": query.offset,
            "headline": HEADLINE_OPTIONS,
        }
        found = _matching(query, params)
        if found is None:
            return None
        tsquery, where = found
        params["needle"] = _needle(query.text)
        ranked = f"FROM documents d WHERE {where}"
        if rank_cap is not None:
            # The newest matches' ids from the index bitmap, then ts_rank over those rows
            # only. The bitmap is of the relaxed query (a phrase's words in any order: no
            # row's tsvector is read); sorted newest first, rows are then checked against
            # the query itself until `rank_cap` pass (OFFSET 0 keeps that check out of
            # the scan), so a common phrase costs about `rank_cap` reads, not one a match.
            params["rank_cap"] = rank_cap
            if all(a.relaxed == a.exact for a in _alternatives(query.text, {})):
                ranked = (
                    f"FROM (SELECT d.id FROM documents d WHERE {where} "
                    "ORDER BY d.id + 0 DESC LIMIT :rank_cap) n JOIN documents d ON d.id = n.id"
                )
            else:
                _, loose = _matching(query, params, relaxed=True) or found
                ranked = (
                    "FROM (SELECT n.id FROM (SELECT d.id, d.search FROM documents d "
                    f"WHERE {loose} ORDER BY d.id + 0 DESC OFFSET 0) n "
                    f"WHERE n.search @@ {tsquery} LIMIT :rank_cap) n "
                    "JOIN documents d ON d.id = n.id"
                )
        sql = (
            "SELECT d.id, d.title, d.language, d.kind, d.published, h.score, "
            f"ts_headline('{TEXT_CONFIG}', {_window()}, {tsquery}, :headline) AS snippet "
            "FROM (SELECT d.id, -ts_rank(d.search, " + tsquery + ") AS score "
            f"{ranked} "
            "ORDER BY score, d.id LIMIT :limit OFFSET :offset) h "
            "JOIN documents d ON d.id = h.id "
            "ORDER BY h.score, h.id"
        )
        return SearchSql(sql, params)

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
    alternatives = _alternatives(query.text, params)
    if not alternatives:
        return None
    matched = " OR ".join(
        f"d.search @@ {a.relaxed if relaxed else a.exact}" for a in alternatives
    )
    where = [f"({matched})", *search_filters(query, params, like="ILIKE")]
    return _joined(alternatives), " AND ".join(where)


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

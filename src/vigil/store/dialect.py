"""The one home of differences between SQLite (SQLCipher) and PostgreSQL.

`SqliteDialect` opens the embedded store: SQLCipher keyed with the raw data
key, pragmas set on every pooled connection, FTS5 for full text, and no
sealing of originals (every page is already encrypted). `PostgresDialect`
(in `postgres.py`, this module's other half) opens a server database: a
generated `tsvector` column with a GIN index, `ts_rank`, `ts_headline`, and
originals sealed with AES-GCM by Vigil itself. The rest of the store is
written once against SQLAlchemy Core and the `Dialect` protocol below.

Both dialects read a user's query the same way: `fts_query` turns it into a
safe FTS5 expression, and PostgreSQL translates that expression (see
`query_terms`), so quoting, prefixes and OR mean the same on both.

Damage: SQLCipher checks each page's HMAC as it reads it. A page that fails
(a flipped byte on disk) makes any statement that reads it raise; the SQLite
engine turns that, wherever it happens, into `CorruptStore` (the CLI's exit
4), with SQLCipher's own logging silenced. `integrity_problems` names the
damaged pages (`PRAGMA cipher_integrity_check`) and the tables they hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import sqlcipher3
from sqlalchemy import Connection, Engine, TextClause, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from vigil.errors import CorruptStore, NotEncrypted, StoreError
from vigil.model import SearchQuery
from vigil.settings import Settings
from vigil.store.scope import exclusion

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
DAMAGED = (
    "the store is damaged (a page of vigil.db cannot be read or fails its check):"
    " run `vigil verify` to see where, then restore a backup"
)
MAX_PROBLEM_LINES = 10

# Pragmas every pooled connection gets, in this order, after the key.
CONNECTION_PRAGMAS = (
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",  # WAL + NORMAL: a killed process loses no commit
    "PRAGMA temp_store = MEMORY",  # never spill temporary tables to $TMPDIR
    "PRAGMA busy_timeout = 10000",
    # 32 MiB of decrypted pages per connection (2,000 pages by default): an update's index
    # lookups in a store of thousands of documents stay in memory instead of decrypting again
    "PRAGMA cache_size = -32768",
)
SEARCH_FILTER_INDEX = "ix_documents_search_filters"
"""A covering index of the columns search filters on (migration 5)."""
NAME_TRIGRAM_TABLES = ("parties", "party_names")
"""Tables whose names SQLite indexes by trigrams (`<table>_trigrams`, migrations 21 and 23)."""
TRIGRAM = 3
VALUE_INDEX = "ix_suggestions_value"
MENTION_INDEX = "ix_mentions_party_documents"
"""Mentions by party (migration 24): what a party's summary and spellings count and read."""
"""Suggestions by value (migration 18): the decisions already taken on a value."""
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_TOKENS = 16


@dataclass(frozen=True)
class SearchSql:
    """A search statement and its bound parameters.

    `newest_sql`: a statement whose one value is bound as `:newest` before the search
    runs (PostgreSQL: the highest document id, where the newest documents' windows end).
    """

    sql: str
    params: dict[str, Any]
    newest_sql: str | None = None


@dataclass(frozen=True)
class Term:
    """One quoted unit of a search: a word or phrase, optionally a prefix."""

    text: str
    prefix: bool = False


class Dialect(Protocol):
    """What the store asks of a database; one class per backend."""

    name: str
    settings: Settings

    @property
    def seals_originals(self) -> bool:
        """True when Vigil encrypts original files itself before storing them."""
        ...

    ranks_among_matches: bool
    """True when ranking a known set of matches by id is cheaper than matching again
    (`Store.search(among=...)`): PostgreSQL, whose phrase matches re-read each
    candidate's `tsvector`. FTS5 matches from its own index and ranks in one pass."""

    def make_engine(self, data_key: bytes | None) -> Engine: ...
    def has_store(self) -> bool: ...
    def create_text_index(self, conn: Connection) -> None: ...
    def create_value_index(self, conn: Connection) -> None: ...
    def create_name_index(self, conn: Connection) -> None: ...
    def create_mention_index(self, conn: Connection) -> None: ...
    def name_candidates(self, table: str, needles: list[str]) -> TextClause | None: ...
    def narrow_document_rows(self, conn: Connection) -> None: ...
    def create_window_index(self, conn: Connection) -> None: ...
    def index_document(self, conn: Connection, doc_id: int, title: str, body: str) -> None: ...
    def unindex_documents(self, conn: Connection, doc_ids: list[int]) -> None: ...
    def read_index_entry(self, conn: Connection, doc_id: int) -> None: ...
    def search_sql(
        self,
        query: SearchQuery,
        rank_cap: int | None = None,
        among: Sequence[int] | None = None,
    ) -> SearchSql | None: ...
    def matches_sql(self, query: SearchQuery) -> SearchSql | None: ...
    def tune_search(self, conn: Connection) -> None: ...
    def after_explicit_ids(self, conn: Connection, table: str = "documents") -> None: ...
    def seal_original(self, doc_id: int, data: bytes) -> bytes: ...
    def open_original(self, doc_id: int, stored: bytes) -> bytes: ...
    def checkpoint(self, engine: Engine) -> None: ...
    def integrity_problems(self, conn: Connection, damaged_pages: list[int]) -> list[str]: ...
    def damaged_pages(self, conn: Connection) -> list[int]: ...
    def copy_to(self, engine: Engine, target: Path) -> None: ...


def is_plain_sqlite(path: Path) -> bool:
    """True when the file is an unencrypted SQLite database."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def is_damage(exc: BaseException) -> bool:
    """True when a SQLite/SQLCipher error means the file is damaged (not busy, not misuse)."""
    if not isinstance(exc, sqlcipher3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    message = str(exc).lower()
    return "malformed" in message or "not a database" in message


def fts_query(user_query: str) -> str:
    """Turn what a user typed into a safe FTS5 query.

    Quoted parts stay phrases, bare words become quoted terms (so FTS5 syntax
    in user text is inert), a trailing `*` makes a prefix query; terms are ANDed,
    and a bare `OR` between terms is kept.
    """
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', user_query):
        if phrase:
            cleaned = phrase.replace('"', " ").strip()
            if cleaned:
                parts.append(f'"{cleaned}"')
        elif word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
        elif word:
            prefix = word.endswith("*")
            cleaned = word.rstrip("*").replace('"', "")
            if cleaned:
                parts.append(f'"{cleaned}"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


def query_terms(user_query: str) -> list[list[Term]]:
    """The query as alternatives (split at OR), each a list of terms to AND.

    Read from `fts_query`'s output so both dialects agree on what was asked.
    """
    groups: list[list[Term]] = [[]]
    for quoted, star, bare_or in re.findall(r'"([^"]*)"(\*?)|(\bOR\b)', fts_query(user_query)):
        if bare_or:
            groups.append([])
        else:
            groups[-1].append(Term(quoted, prefix=bool(star)))
    return [g for g in groups if g]


def search_filters(query: SearchQuery, params: dict[str, Any], like: str = "LIKE") -> list[str]:
    """WHERE clauses over `documents d` for the filters of a search (and the documents the
    store view's scope hides, as integers in the text)."""
    where: list[str] = []
    if query.hidden:
        where.append(exclusion("d.id", query.hidden))
    if query.language:
        where.append("d.language = :language")
        params["language"] = query.language
    if query.kind:
        where.append("d.kind = :kind")
        params["kind"] = query.kind
    if query.since:
        where.append("d.published >= :since")
        params["since"] = query.since
    if query.until:
        where.append("d.published <= :until")
        params["until"] = query.until
    if query.year:
        # A range on the indexed date, not a function of it: the index still serves.
        where.append("d.published >= :year_from AND d.published < :year_to")
        params["year_from"], params["year_to"] = query.year, str(int(query.year) + 1)
    if query.country:
        where.append(
            "EXISTS (SELECT 1 FROM document_countries dc "
            "WHERE dc.document_id = d.id AND dc.country = :country)"
        )
        params["country"] = query.country
    if query.case_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM case_documents cd "
            "WHERE cd.document_id = d.id AND cd.case_id = :case_id)"
        )
        params["case_id"] = query.case_id
    if query.party_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM mentions m "
            "WHERE m.document_id = d.id AND m.party_id = :party_id)"
        )
        params["party_id"] = query.party_id
    if query.source:
        escaped = query.source.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(
            "EXISTS (SELECT 1 FROM sources s WHERE s.document_id = d.id "
            f"AND s.locator {like} :source ESCAPE '\\')"
        )
        params["source"] = f"%{escaped}%"
    return where


class SqliteDialect:
    name = "sqlite"
    seals_originals = False
    ranks_among_matches = False
    """SQLCipher already encrypts every page, originals included."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def has_store(self) -> bool:
        return self.settings.database_path.exists()

    def make_engine(self, data_key: bytes | None) -> Engine:
        path = self.settings.database_path
        encrypt = self.settings.encrypt
        if encrypt and data_key is None:
            raise StoreError("an encrypted store needs its data key")
        if encrypt and is_plain_sqlite(path):
            raise NotEncrypted(
                f"{path} is a plain, unencrypted SQLite file; Vigil will not use or change it"
            )

        def connect() -> Any:
            conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
            # SQLCipher logs each failed page to stderr, dozens of lines a read; the
            # error itself still reaches us, and becomes one clear CorruptStore.
            conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
            if encrypt:
                assert data_key is not None
                conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            except sqlcipher3.DatabaseError as exc:
                conn.close()
                raise CorruptStore(
                    f"{path} cannot be decrypted: it is damaged or belongs to another key file;"
                    " restore a backup"
                ) from exc
            return conn

        # module= makes SQLAlchemy wrap sqlcipher3 errors like its own sqlite3 ones.
        engine = create_engine(
            "sqlite://", creator=connect, module=sqlcipher3.dbapi2, poolclass=QueuePool, pool_size=4
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            for pragma in CONNECTION_PRAGMAS:
                dbapi_conn.execute(pragma).fetchall()

        @event.listens_for(engine, "handle_error")
        def _damage(context: Any) -> None:
            if is_damage(context.original_exception):
                # SQLCipher keeps failing every read on a connection that met a bad
                # page: drop that connection (only that one) from the pool.
                context.is_disconnect = True
                context.invalidate_pool_on_disconnect = False
                raise CorruptStore(DAMAGED) from context.original_exception

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # isolation_level=None hands transaction control to SQLAlchemy: the
            # driver's own implicit BEGIN would skip pragmas and DDL. Sent to the driver
            # directly: a deferred BEGIN reads no page (nothing for `handle_error` to see),
            # and SQLAlchemy's statement path cost as much as a stored document's insert.
            conn.connection.driver_connection.execute("BEGIN")  # type: ignore[union-attr]

        return engine

    # -- originals -----------------------------------------------------------
    def seal_original(self, doc_id: int, data: bytes) -> bytes:
        return data

    def open_original(self, doc_id: int, stored: bytes) -> bytes:
        return stored

    def after_explicit_ids(self, conn: Connection, table: str = "documents") -> None:
        """SQLite's rowids follow the largest id by themselves."""

    def create_value_index(self, conn: Connection) -> None:
        """A b-tree on (field, value): a value of any length fits."""
        conn.exec_driver_sql(f"CREATE INDEX {VALUE_INDEX} ON suggestions (field, value)")

    def create_name_index(self, conn: Connection) -> None:
        """A trigram index (FTS5 `trigram`, over the table's own rows: `content=`) of
        parties' names and recorded names, kept by triggers, each table's deleted names
        erased from it (`secure-delete`). `name_candidates` narrows the name lookup with
        it: reading every name cost 5-8 ms CPU for 15,000 spellings (`bench/search.py`
        at 100,000 documents). Safe to run again (migrations 21 and 23)."""
        for table in NAME_TRIGRAM_TABLES:
            index = f"{table}_trigrams"
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5("
                f"name, content = '{table}', content_rowid = 'id', tokenize = 'trigram')"
            )
            conn.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('secure-delete', 1)")
            conn.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
            add = f"INSERT INTO {index}(rowid, name) VALUES (new.id, new.name);"
            remove = (
                f"INSERT INTO {index}({index}, rowid, name) VALUES ('delete', old.id, old.name);"
            )
            for suffix, when, body in (
                ("insert", "AFTER INSERT", add),
                ("delete", "AFTER DELETE", remove),
                ("update", "AFTER UPDATE OF id, name", remove + " " + add),
            ):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {index}_{suffix} {when} ON {table}"
                    f" BEGIN {body} END"
                )

    def create_mention_index(self, conn: Connection) -> None:
        """Mentions by party with their words and document (`MENTION_INDEX`): a party's
        document count and spellings are read from the index alone. A name of any
        length fits a SQLite index."""
        conn.exec_driver_sql(
            f"CREATE INDEX {MENTION_INDEX} ON mentions (party_id, name, document_id)"
        )

    def name_candidates(self, table: str, needles: list[str]) -> TextClause | None:
        """`table`'s rows (parties or party_names) that may contain one of `needles`,
        ignoring case: those the trigram index finds (a superset of what `lower(name)
        LIKE '%…%'` keeps); None when a needle is shorter than a trigram."""
        if table not in NAME_TRIGRAM_TABLES or not needles:
            return None
        if any(len(n) < TRIGRAM for n in needles):
            return None
        index = f"{table}_trigrams"
        phrases = " OR ".join('"' + n.replace('"', '""') + '"' for n in needles)
        return text(
            f"{table}.id IN (SELECT rowid FROM {index} WHERE {index} MATCH :{index})"
        ).bindparams(**{index: phrases})

    def create_window_index(self, conn: Connection) -> None:
        """Nothing: FTS5 walks a word's documents newest first by itself."""

    def narrow_document_rows(self, conn: Connection) -> None:
        """Nothing: FTS5 keeps its index apart from the rows, and search filters read the
        narrow covering index (`SEARCH_FILTER_INDEX`)."""

    # -- full text ---------------------------------------------------------
    def create_text_index(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            "INSERT INTO documents_fts(documents_fts, rank) VALUES ('secure-delete', 1)"
        )

    def index_document(self, conn: Connection, doc_id: int, title: str, body: str) -> None:
        # the driver's SQL as is: no `text()` to build and look up again for each document
        conn.exec_driver_sql(
            "INSERT INTO documents_fts(rowid, title, body) VALUES (?, ?, ?)", (doc_id, title, body)
        )

    def unindex_documents(self, conn: Connection, doc_ids: list[int]) -> None:
        for doc_id in doc_ids:
            conn.execute(text("DELETE FROM documents_fts WHERE rowid = :id"), {"id": doc_id})

    def read_index_entry(self, conn: Connection, doc_id: int) -> None:
        """Read the document's full-text entry (`verify`: raises if its pages are damaged)."""
        conn.execute(
            text("SELECT title, body FROM documents_fts WHERE rowid = :id"), {"id": doc_id}
        ).all()

    def tune_search(self, conn: Connection) -> None:
        """Nothing to tune: SQLite plans a MATCH from the full-text index already."""

    def matches_sql(self, query: SearchQuery) -> SearchSql | None:
        """Every matching document's id and facet columns, unranked (for counting)."""
        match = fts_query(query.text)
        if not match:
            return None
        params: dict[str, Any] = {"match": match}
        where = ["documents_fts MATCH :match", *search_filters(query, params)]
        sql = (
            "SELECT d.id AS id, d.language AS language, d.kind AS kind, "
            "d.published AS published "
            f"FROM documents_fts JOIN documents d INDEXED BY {SEARCH_FILTER_INDEX} "
            "ON d.id = documents_fts.rowid "
            f"WHERE {' AND '.join(where)}"
        )
        return SearchSql(sql, params)

    def search_sql(
        self,
        query: SearchQuery,
        rank_cap: int | None = None,
        among: Sequence[int] | None = None,
    ) -> SearchSql | None:
        """One page of ranked hits with snippets; with `rank_cap`, only the `rank_cap`
        newest matches (highest ids) are ranked (`Store.search`). `among` is not read:
        FTS5 ranks the matches as it finds them."""
        match = fts_query(query.text)
        if not match:
            return None
        where = ["documents_fts MATCH :match"]
        params: dict[str, Any] = {
            "match": match,
            "limit": query.limit,
            "offset": query.offset,
            "mark_start": MARK_START,
            "mark_end": MARK_END,
        }
        where += search_filters(query, params)
        # The narrow covering index keeps each match's filter check off the
        # wide document rows (text inline): ~20x faster on common words.
        matched = (
            f"FROM documents_fts JOIN documents d INDEXED BY {SEARCH_FILTER_INDEX} "
            f"ON d.id = documents_fts.rowid WHERE {' AND '.join(where)}"
        )
        bounded = ""
        if rank_cap is not None:
            # The id of the rank_cap-th newest match (FTS5 walks its doclists backwards
            # without ranking), else 0: ranking then reads the matches from it on only.
            params["rank_floor"] = rank_cap - 1
            bounded = (
                " AND documents_fts.rowid >= coalesce((SELECT documents_fts.rowid "
                f"{matched} ORDER BY documents_fts.rowid DESC LIMIT 1 OFFSET :rank_floor), 0)"
            )
        # Rank first (h) and make snippets only for the page it returns (s): snippet() on
        # every match (before the sort) costs more than ranking. The page's snippets come
        # from one pass over the matches between its lowest and highest id, not one MATCH
        # per hit (`+` keeps the IN from becoming a lookup per id): a prefix query
        # (`vir*`) merges every term it stands for at each MATCH, 2.5 ms apiece at
        # 100,000 documents.
        sql = (
            "WITH h AS MATERIALIZED ("
            "SELECT d.id AS id, bm25(documents_fts, 4.0, 1.0) AS score "
            f"{matched}{bounded} "
            "ORDER BY score, d.id LIMIT :limit OFFSET :offset), "
            "s AS MATERIALIZED ("
            "SELECT documents_fts.rowid AS id, "
            f"snippet(documents_fts, 1, :mark_start, :mark_end, '…', {SNIPPET_TOKENS}) AS snippet "
            "FROM documents_fts WHERE documents_fts MATCH :match "
            "AND documents_fts.rowid >= (SELECT min(id) FROM h) "
            "AND documents_fts.rowid <= (SELECT max(id) FROM h) "
            "AND +documents_fts.rowid IN (SELECT id FROM h)) "
            "SELECT d.id, d.title, d.language, d.kind, d.published, h.score, s.snippet "
            "FROM h JOIN s ON s.id = h.id JOIN documents d ON d.id = h.id "
            "ORDER BY h.score, h.id"
        )
        return SearchSql(sql, params)

    # -- maintenance -------------------------------------------------------
    def checkpoint(self, engine: Engine) -> None:
        """Copy the WAL into the database and truncate it (outside any transaction)."""
        raw = engine.raw_connection()
        try:
            _raw_execute(raw, "PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    def damaged_pages(self, conn: Connection) -> list[int]:
        """Pages whose HMAC fails (`PRAGMA cipher_integrity_check`); none for a plain store."""
        if not self.settings.encrypt:
            return []
        found = self._check(conn, "PRAGMA cipher_integrity_check", "the database")
        pages = {int(m) for line in found for m in re.findall(r"page (\d+)", line)}
        return sorted(pages)

    def integrity_problems(self, conn: Connection, damaged_pages: list[int]) -> list[str]:
        """The damaged pages, and the database's own check; when either finds damage,
        each table (with its indexes) that fails its own check, to say where it is."""
        names = self._table_names(conn)
        problems = []
        if damaged_pages:
            named = _summary([str(p) for p in damaged_pages], ", ")
            problems.append(f"page(s) {named} fail the HMAC check (damaged on disk)")
        whole = self._check(conn, "PRAGMA integrity_check", "the database structure")
        if not problems and not whole:
            return []
        tables = [
            f"table {name} (or one of its indexes): {_summary(lines)}"
            for name in names
            if (lines := self._check(conn, f'PRAGMA integrity_check("{name}")', ""))
        ]
        if tables:
            return problems + tables
        if damaged_pages and not whole:
            return [
                *problems,
                "no table reads the damaged page(s): they are free space, and the data is whole",
            ]
        return [*problems, f"database: {_summary(whole)}"]

    @staticmethod
    def _check(conn: Connection, pragma: str, what: str) -> list[str]:
        """The lines an integrity pragma reports other than 'ok'; one line if it cannot run.

        Each check runs on its own connection: SQLCipher keeps failing reads on a
        connection that met a bad page, which would blame the next table too."""
        try:
            with conn.engine.connect() as own:
                lines = [str(r[0]) for r in own.exec_driver_sql(pragma) if r[0] != "ok"]
                if lines:  # it read a bad page: this connection would fail the next reader
                    own.invalidate()
        except (CorruptStore, DBAPIError):
            return [f"{what} cannot be read".strip()]
        return lines

    @staticmethod
    def _table_names(conn: Connection) -> list[str]:
        return [
            str(r[0])
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]

    def copy_to(self, engine: Engine, target: Path) -> None:
        """An online, consistent copy of the database, encrypted with the same key."""
        raw = engine.raw_connection()
        try:
            _raw_execute(raw, "VACUUM INTO ?", (str(target),))
        finally:
            raw.close()


def _summary(lines: list[str], sep: str = "; ") -> str:
    lines = [" ".join(line.split()) for line in lines]  # SQLite's reports hold line breaks
    head = sep.join(lines[:MAX_PROBLEM_LINES])
    more = len(lines) - MAX_PROBLEM_LINES
    return head + (f" (and {more} more)" if more > 0 else "")


def _raw_execute(raw: Any, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run `sql` on the driver connection under a pooled one; damage is `CorruptStore`."""
    try:
        _driver(raw).execute(sql, params).fetchall()
    except sqlcipher3.DatabaseError as exc:
        if is_damage(exc):
            raise CorruptStore(DAMAGED) from exc
        raise


def _driver(raw: Any) -> Any:
    """The sqlcipher3 connection under a pooled one (untyped: sqlcipher3 ships no types)."""
    conn = raw.driver_connection
    if conn is None:
        raise StoreError("the database connection is closed")
    return conn


CHANGE_LOG_LOCK = 0x76696731
"""The PostgreSQL advisory lock that serialises appends to the audit chain."""


def lock_change_log(conn: Connection) -> None:
    """Hold the change log for this transaction, so entries chain in one order.

    SQLite has one writer at a time already (the insert that follows takes its
    lock); PostgreSQL takes a transaction-scoped advisory lock, released at commit."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHANGE_LOG_LOCK})")


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql+psycopg://", "postgresql://"))


def dialect_for(settings: Settings) -> Dialect:
    """The dialect `Settings.database_url` asks for: none or sqlite:, or postgresql+psycopg:."""
    url = settings.database_url
    if not url or url.startswith("sqlite"):
        return SqliteDialect(settings)
    if is_postgres_url(url):
        from vigil.store.postgres import PostgresDialect  # psycopg loads only in server mode

        return PostgresDialect(settings)
    raise StoreError(
        "VIGIL_DATABASE_URL must be empty (the embedded store) or start with postgresql+psycopg://"
    )

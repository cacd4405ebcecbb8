"""Small, named migrations, each applied in one transaction and recorded.

A migration is a function of (connection, dialect). Append new ones; never
edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Index, inspect, select
from sqlalchemy.schema import CreateColumn

from vigil.store import (
    access_tables,
    account_tables,
    case_tables,
    extraction_tables,
    job_tables,
    tables,
)
from vigil.store.changes import log_change, seal_pending
from vigil.store.dialect import SEARCH_FILTER_INDEX
from vigil.store.evidence import current_content
from vigil.store.facets import refresh_countries

if TYPE_CHECKING:
    from vigil.store.dialect import Dialect


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection, Dialect], None]


def _initial_tables(conn: Connection, _dialect: Dialect) -> None:
    for table in (
        tables.documents,
        tables.originals,
        tables.sources,
        tables.rejections,
        tables.changes,
    ):
        table.create(conn)


def _text_index(conn: Connection, dialect: Dialect) -> None:
    dialect.create_text_index(conn)


def _accounts(conn: Connection, _dialect: Dialect) -> None:
    account_tables.users.create(conn)
    account_tables.sessions.create(conn)


def _extraction(conn: Connection, _dialect: Dialect) -> None:
    extraction_tables.extractions.create(conn)
    extraction_tables.suggestions.create(conn)


def _search_filter_index(conn: Connection, _dialect: Dialect) -> None:
    conn.exec_driver_sql(
        f"CREATE INDEX {SEARCH_FILTER_INDEX} ON documents (id, language, kind, published)"
    )


def _case_file(conn: Connection, _dialect: Dialect) -> None:
    for table in case_tables.TABLES:
        table.create(conn)


def _party_review(conn: Connection, _dialect: Dialect) -> None:
    """Merge suggestions between parties; `parties.merged_into` and `mentions.merged_from`.

    A store made since these columns were defined has them from migration 6 (it
    creates the tables as defined now); an older one gets them here.
    """
    added = ((case_tables.parties, "merged_into"), (case_tables.mentions, "merged_from"))
    for table, name in added:
        if name in {c["name"] for c in inspect(conn).get_columns(table.name)}:
            continue
        column = table.c[name]
        [fk] = column.foreign_keys
        ddl = CreateColumn(column).compile(dialect=conn.dialect)
        conn.exec_driver_sql(
            f"ALTER TABLE {table.name} ADD COLUMN {ddl} REFERENCES "
            f"{fk.column.table.name} ({fk.column.name}) ON DELETE {fk.ondelete}"
        )
    case_tables.party_merge_suggestions.create(conn)


def _intervention_sources(conn: Connection, _dialect: Dialect) -> None:
    """More source documents per intervention (near-duplicates); parties named by hand."""
    case_tables.intervention_sources.create(conn)
    case_tables.intervention_hand_parties.create(conn)


def _reply_suggestions(conn: Connection, _dialect: Dialect) -> None:
    """Replies proposed as responses to an earlier letter."""
    case_tables.reply_suggestions.create(conn)


def _audit_chain(conn: Connection, dialect: Dialect) -> None:
    """The change log becomes a chain: columns, every older entry chained and sealed in
    order, then one `baseline` entry per document recording its content digest."""
    present = {c["name"] for c in inspect(conn).get_columns("changes")}
    for name in ("prev_hash", "hash", "seal"):
        if name not in present:
            ddl = CreateColumn(tables.changes.c[name]).compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE changes ADD COLUMN {ddl}")
    c = tables.changes
    for entry_id in list(conn.scalars(select(c.c.id).where(c.c.hash.is_(None)).order_by(c.c.id))):
        seal_pending(conn, entry_id)
    for doc_id in list(conn.scalars(select(tables.documents.c.id).order_by(tables.documents.c.id))):
        content = current_content(conn, dialect, doc_id)
        if content is not None:
            log_change(conn, "migration", "baseline", "document", doc_id, {"content": content})


def _second_factor(conn: Connection, _dialect: Dialect) -> None:
    """Users' last sign-in and TOTP columns; one-time recovery codes."""
    present = {c["name"] for c in inspect(conn).get_columns("users")}
    for name in ("last_sign_in_at", "totp_secret", "totp_last_step"):
        if name not in present:
            ddl = CreateColumn(account_tables.users.c[name]).compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE users ADD COLUMN {ddl}")
    account_tables.recovery_codes.create(conn)


def _user_locale(conn: Connection, _dialect: Dialect) -> None:
    """Users' chosen language of the interface (NULL: the browser's)."""
    if "locale" not in {c["name"] for c in inspect(conn).get_columns("users")}:
        ddl = CreateColumn(account_tables.users.c.locale).compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE users ADD COLUMN {ddl}")


def _case_fields(conn: Connection, _dialect: Dialect) -> None:
    """Country, situation, place of detention, charges, lawyer, tags, notes, assignee."""
    present = {c["name"] for c in inspect(conn).get_columns("cases")}
    for column in case_tables.CASE_FIELD_COLUMNS:
        if column.name in present:
            continue
        ddl = CreateColumn(column).compile(dialect=conn.dialect)
        references = ""
        for fk in column.foreign_keys:
            references = (
                f" REFERENCES {fk.column.table.name} ({fk.column.name}) ON DELETE {fk.ondelete}"
            )
        conn.exec_driver_sql(f"ALTER TABLE cases ADD COLUMN {ddl}{references}")
    new = {c.name for c in case_tables.CASE_FIELD_COLUMNS}
    for index in case_tables.cases.indexes:
        if isinstance(index, Index) and {c.name for c in index.columns} <= new:
            index.create(conn, checkfirst=True)


def _jobs(conn: Connection, _dialect: Dialect) -> None:
    """Background jobs and the files an upload job was given."""
    for table in job_tables.TABLES:
        table.create(conn)


def _fingerprints_and_offices(conn: Connection, _dialect: Dialect) -> None:
    """Letters' LSH band keys and mentions' name keys (both filled on the next build),
    and offices' holders."""
    case_tables.letter_bands.create(conn, checkfirst=True)
    case_tables.mention_keys.create(conn, checkfirst=True)
    case_tables.office_holders.create(conn, checkfirst=True)


def _search_facets(conn: Connection, _dialect: Dialect) -> None:
    """Documents' countries (filled from their suggestions); indexes for facets and sorts."""
    tables.document_countries.create(conn)
    conn.exec_driver_sql(
        "CREATE INDEX ix_document_countries_country ON document_countries (country, document_id)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_case_documents_document ON case_documents (document_id, case_id)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_mentions_document_party ON mentions (document_id, party_id)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_documents_title ON documents (title, id)")
    conn.exec_driver_sql("CREATE INDEX ix_documents_published_id ON documents (published, id)")
    refresh_countries(conn)


def _case_access(conn: Connection, _dialect: Dialect) -> None:
    """Restricted cases and the users granted them."""
    for table in access_tables.TABLES:
        table.create(conn, checkfirst=True)


def _update_indexes(conn: Connection, dialect: Dialect) -> None:
    """Indexes an update of the case file looks up instead of reading whole tables:
    suggestions by value (the decisions already taken on a new document's values) and
    letters' parties by mention (the letters to the parties a new sender may be)."""
    dialect.create_value_index(conn)
    conn.exec_driver_sql(
        "CREATE INDEX ix_intervention_parties_mention"
        " ON intervention_parties (mention_id, role, intervention_id)"
    )


def _user_groups(conn: Connection, _dialect: Dialect) -> None:
    """Groups of users, their members, and the groups a restricted case is granted to."""
    for table in access_tables.GROUP_TABLES:
        table.create(conn, checkfirst=True)


def _hand_events(conn: Connection, _dialect: Dialect) -> None:
    """Events entered by hand with no source document: `events.document_id` and
    `mentions.document_id` (the hand-made mentions that link its parties) may be NULL;
    who entered a hand event and when (`events.entered_by`, `entered_at`). Both
    dialects drop a NOT NULL with the same statement (`ALTER COLUMN ... DROP NOT NULL`, in
    the SQLite of the SQLCipher build Vigil runs, 3.53)."""
    for table in (case_tables.events, case_tables.mentions):
        columns = {c["name"]: c for c in inspect(conn).get_columns(table.name)}
        if not columns["document_id"]["nullable"]:
            conn.exec_driver_sql(f"ALTER TABLE {table.name} ALTER COLUMN document_id DROP NOT NULL")
    present = {c["name"] for c in inspect(conn).get_columns("events")}
    for name in ("entered_by", "entered_at"):
        if name not in present:
            ddl = CreateColumn(case_tables.events.c[name]).compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {ddl}")


def _name_index(conn: Connection, dialect: Dialect) -> None:
    """An index for looking a typed name up among parties' spellings: trigrams on both
    dialects (PostgreSQL: `pg_trgm`; SQLite: FTS5). Migration 23 runs it again for SQLite
    stores made when SQLite had none (it creates only what is missing)."""
    dialect.create_name_index(conn)


def _narrow_rows(conn: Connection, dialect: Dialect) -> None:
    """PostgreSQL: documents' text and tsvector out of line, rows rewritten in id order
    (what a search's scan of its matches reads); SQLite: nothing."""
    dialect.narrow_document_rows(conn)


def _mention_index(conn: Connection, dialect: Dialect) -> None:
    """Mentions by party: the parties a name finds are listed by how many documents
    mention them, and expanded by the words of those mentions; read from this index
    instead of every mention's row (a party mentioned in 24,000 documents: 60 -> 16 ms
    CPU, its spellings 21 -> 5 ms, `bench/search.py` at 100,000 documents)."""
    dialect.create_mention_index(conn)


def _window_index(conn: Connection, dialect: Dialect) -> None:
    """PostgreSQL: the full-text index also keyed by id, for a capped search's window of
    the newest documents; SQLite: nothing."""
    dialect.create_window_index(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables", _initial_tables),
    Migration(2, "full-text index", _text_index),
    Migration(3, "user accounts and sessions", _accounts),
    Migration(4, "extraction results and suggestions", _extraction),
    Migration(5, "covering index for search filters", _search_filter_index),
    Migration(6, "case file: parties, events, interventions, cases", _case_file),
    Migration(7, "party merge suggestions", _party_review),
    Migration(8, "intervention sources", _intervention_sources),
    Migration(9, "reply suggestions", _reply_suggestions),
    Migration(10, "audit chain over the change log", _audit_chain),
    Migration(11, "last sign-in and second factor", _second_factor),
    Migration(12, "case fields", _case_fields),
    Migration(13, "background jobs", _jobs),
    Migration(14, "language of the interface per user", _user_locale),
    Migration(15, "search facets: document countries, facet and sort indexes", _search_facets),
    Migration(16, "letter fingerprints, name keys, office holders", _fingerprints_and_offices),
    Migration(17, "per-case access: restrictions and grants", _case_access),
    Migration(18, "indexes for updating the case file", _update_indexes),
    Migration(19, "user groups and grants of cases to groups", _user_groups),
    Migration(20, "events entered by hand without a document", _hand_events),
    Migration(21, "name lookup index", _name_index),
    Migration(22, "narrow document rows for search", _narrow_rows),
    Migration(23, "name lookup index on SQLite too", _name_index),
    Migration(24, "mentions by party", _mention_index),
    Migration(25, "full-text index keyed by id for capped searches", _window_index),
)
SCHEMA_VERSION = max(m.version for m in MIGRATIONS)


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return set(conn.scalars(select(tables.schema_migrations.c.version)))


def migrate(engine: Engine, dialect: Dialect) -> list[int]:
    """Apply every pending migration; returns the versions applied now."""
    with engine.begin() as conn:
        tables.schema_migrations.create(conn, checkfirst=True)
    done: list[int] = []
    for migration in sorted(MIGRATIONS, key=lambda m: m.version):
        with engine.begin() as conn:
            if migration.version in applied_versions(conn):
                continue
            migration.apply(conn, dialect)
            conn.execute(
                tables.schema_migrations.insert().values(
                    version=migration.version,
                    name=migration.name,
                    applied_at=datetime.now(UTC),
                )
            )
        done.append(migration.version)
    return done

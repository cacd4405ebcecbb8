"""Every table, defined once (SQLAlchemy Core). Dialect quirks live in `dialect.py`."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def document_key() -> Column[int]:
    """A document id that is (part of) a row's primary key; the row goes with its document."""
    return Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("format", String(16), nullable=False),
    Column("size", Integer, nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("title", Text),
    Column("language", String(8), index=True),
    Column("kind", String(32), index=True),
    Column("published", String(10), index=True),
    Column("text", Text, nullable=False),
    Column("full_text", Text, nullable=False),
    Column("metadata", Text, nullable=False, default="{}"),
    Column("boilerplate", Text, nullable=False, default="[]"),
    Column("parent_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

originals = Table(
    "originals",
    metadata,
    document_key(),
    Column("data", LargeBinary, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("locator", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "locator", name="uq_sources_document_locator"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("locator", Text, nullable=False),
    Column("sha256", String(64)),
    Column("reason", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", Integer),
    Column("detail", Text, nullable=False, default="{}"),
    # The audit chain (migration 9): see store/chain.py.
    Column("prev_hash", String(64)),
    Column("hash", String(64)),
    Column("seal", String(64)),
)

# -- migration 15: what search counts by -------------------------------------------------

document_countries = Table(
    "document_countries",
    metadata,
    # The countries a document's extraction names (a party's country, a location that is
    # a country), as ISO 3166 alpha-2 codes: the search page's country facet and filter.
    document_key(),
    Column("country", String(2), primary_key=True),
)

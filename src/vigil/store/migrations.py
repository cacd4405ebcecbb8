"""Small, named migrations, each applied in one transaction and recorded.

A migration is a function of (connection, dialect). Append new ones; never
edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, select

from vigil.store import tables

if TYPE_CHECKING:
    from vigil.store.dialect import SqliteDialect


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection, SqliteDialect], None]


def _initial_tables(conn: Connection, _dialect: SqliteDialect) -> None:
    for table in (
        tables.documents,
        tables.originals,
        tables.sources,
        tables.rejections,
        tables.changes,
    ):
        table.create(conn)


def _text_index(conn: Connection, dialect: SqliteDialect) -> None:
    dialect.create_text_index(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables", _initial_tables),
    Migration(2, "full-text index", _text_index),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return set(conn.scalars(select(tables.schema_migrations.c.version)))


def migrate(engine: Engine, dialect: SqliteDialect) -> list[int]:
    """Apply every pending migration; returns the versions applied now."""
    with engine.begin() as conn:
        tables.schema_migrations.create(conn, checkfirst=True)
    done: list[int] = []
    for migration in MIGRATIONS:
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

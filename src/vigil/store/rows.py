"""Whole tables as plain rows, for exports: dump in key order, load keeping ids.

Used for the case file, whose fourteen tables are exported and imported as
they are (foreign keys in dependency order); dates travel as ISO text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table, select

from vigil.store import case_tables
from vigil.store.store import Store
from vigil.store.tables import metadata

CASE_FILE_TABLES: tuple[Table, ...] = tuple(
    t
    for t in metadata.sorted_tables
    if t.name in {v.name for v in vars(case_tables).values() if isinstance(v, Table)}
)
"""The case file's tables, parents before children."""


def dump_rows(store: Store, table: Table) -> Iterator[dict[str, Any]]:
    """Every row of `table` as JSON-able data, in primary-key order."""
    with store.engine.connect() as conn:
        for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
            yield {
                key: value.isoformat() if isinstance(value, date | datetime) else value
                for key, value in row.items()
            }


def load_rows(
    store: Store, table: Table, rows: list[dict[str, Any]], within: Connection | None = None
) -> None:
    """Insert rows as they were dumped (ids kept) in one transaction."""
    if not rows:
        return
    parse = {
        c.name: (datetime.fromisoformat if isinstance(c.type, DateTime) else date.fromisoformat)
        for c in table.columns
        if isinstance(c.type, DateTime | Date)
    }
    values = [
        {k: parse[k](v) if k in parse and isinstance(v, str) else v for k, v in row.items()}
        for row in rows
    ]
    # A column pointing into its own table (a case or party merged into a later one) is
    # set once every row is in, so the order of the rows cannot break its foreign key.
    own = [c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]
    later = [
        (row["id"], {c: row.get(c) for c in own}) for row in values if any(row.get(c) for c in own)
    ]
    with store.begin(within) as conn:
        conn.execute(table.insert(), [{**row, **dict.fromkeys(own)} for row in values])
        for row_id, refs in later:
            conn.execute(table.update().where(table.c.id == row_id).values(refs))
        if "id" in table.columns and table.columns["id"].autoincrement is not False:
            store.dialect.after_explicit_ids(conn, table.name)


def encode(row: dict[str, Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False).encode()

"""What a user may not see, and how every read of a store view bound to it leaves it out.

A `Scope` is the sets of hidden case, document, event, intervention and party ids,
computed once per request or command by `store.access.scope_for` (the one place
that decides visibility). `Store.scoped(scope)` gives a view of the store whose
engine carries the scope as an execution option; for every statement run on it,

- each table that holds or points at a hidden kind of record is compiled as a
  subquery of itself without the hidden rows, named as the table
  (`(SELECT * FROM documents WHERE documents.id NOT IN (...)) AS documents`), so
  every SELECT (lists, counts, lookups by id, joins, subqueries) sees the store
  as if the hidden records did not exist; the columns filtered are found from the
  tables' foreign keys (`FILTERS`), so a new table pointing at a document is
  filtered without anyone remembering to;
- a raw-text read (full-text search) is refused with `ScopeNotApplied` unless the
  code that runs it applied the scope itself and says so (`APPLIED`).

Scoped statements are compiled without the statement cache (the hidden ids are
part of the SQL text, as integers). Writes (INSERT, UPDATE, DELETE targets) are
not rewritten; the reads that precede them are, so a hidden record is "not found"
before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Engine, Table, event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import TextClause

from vigil.errors import ScopeNotApplied
from vigil.store import (  # noqa: F401  (every table on the metadata before FILTERS is read)
    access_tables,
    account_tables,
    case_tables,
    extraction_tables,
    job_tables,
    tables,
)

SCOPE_OPTION = "vigil_scope"
APPLIED = "vigil_scope_applied"
"""Execution option of a raw-text read that applies the scope's hidden ids itself."""


@dataclass(frozen=True)
class Scope:
    """Ids a user may not see (empty sets: everything is visible)."""

    cases: frozenset[int] = field(default_factory=frozenset)
    documents: frozenset[int] = field(default_factory=frozenset)
    events: frozenset[int] = field(default_factory=frozenset)
    interventions: frozenset[int] = field(default_factory=frozenset)
    parties: frozenset[int] = field(default_factory=frozenset)

    @property
    def hides_anything(self) -> bool:
        return bool(
            self.cases or self.documents or self.events or self.interventions or self.parties
        )

    def hidden(self, kind: str) -> frozenset[int]:
        ids: frozenset[int] = getattr(self, kind)
        return ids


EVERYTHING = Scope()
"""The scope of admins, personal mode and the CLI: nothing hidden."""

_KIND_OF_TABLE = {
    "cases": "cases",
    "documents": "documents",
    "events": "events",
    "interventions": "interventions",
    "parties": "parties",
}
_NOT_FILTERED = {
    ("cases", "merged_into"),
    ("cases", "suggested_for"),
    ("parties", "merged_into"),
    ("mentions", "merged_from"),
    ("responses", "from_party"),
}
"""Pointers that do not make a row part of what they point at (tombstones' targets, the
party a case was first suggested for, who answered a letter)."""


def _filters() -> dict[str, list[tuple[str, str, bool]]]:
    """Table name -> (column, kind of record, nullable) for every column that is a hidden
    kind's id or points at one."""
    found: dict[str, list[tuple[str, str, bool]]] = {}
    for table in tables.metadata.sorted_tables:
        rules: list[tuple[str, str, bool]] = []
        kind = _KIND_OF_TABLE.get(table.name)
        if kind is not None:
            rules.append(("id", kind, False))
        for column in table.columns:
            assert isinstance(column, Column)
            if (table.name, column.name) in _NOT_FILTERED:
                continue
            for fk in column.foreign_keys:
                target = _KIND_OF_TABLE.get(fk.column.table.name)
                if target is not None and fk.column.name == "id":
                    rules.append((column.name, target, bool(column.nullable)))
        if rules:
            found[table.name] = rules
    return found


FILTERS = _filters()
"""Computed from the tables' definitions when this module is imported (pure data)."""

_current: ContextVar[Scope | None] = ContextVar("vigil_scope", default=None)


def _id_list(ids: Iterable[int]) -> str:
    return ", ".join(str(int(i)) for i in sorted(ids))


def exclusion(column_sql: str, ids: Iterable[int], nullable: bool = False) -> str:
    """`column NOT IN (ids)` as SQL (integers only), NULL kept when the column may be."""
    clause = f"{column_sql} NOT IN ({_id_list(ids)})"
    return f"({column_sql} IS NULL OR {clause})" if nullable else clause


@compiles(Table)
def _scoped_table(element: Table, compiler: SQLCompiler, **kw: Any) -> str:
    plain: str = compiler.visit_table(element, **kw)  # type: ignore[no-untyped-call]  # SQLAlchemy leaves it untyped
    scope = _current.get()
    rules = FILTERS.get(element.name)
    if scope is None or not rules or not kw.get("asfrom") or kw.get("iscrud"):
        return plain
    name: str = compiler.visit_table(element, asfrom=True, iscrud=True)  # type: ignore[no-untyped-call]  # as above
    where = [
        exclusion(f"{name}.{compiler.preparer.quote(column)}", scope.hidden(kind), nullable)
        for column, kind, nullable in rules
        if scope.hidden(kind)
    ]
    if not where:
        return plain
    sub = f"(SELECT * FROM {name} WHERE {' AND '.join(where)})"
    enclosing = kw.get("enclosing_alias")
    if enclosing is not None and enclosing.element is element:
        return sub  # an alias of the table itself: the alias adds its own name
    return f"{sub} AS {name}"


def _before_execute(
    conn: Any, clauseelement: Any, _multiparams: Any, _params: Any, options: Any
) -> None:
    scope = conn.get_execution_options().get(SCOPE_OPTION)
    if not isinstance(scope, Scope) or not scope.hides_anything:
        _current.set(None)
        return
    _current.set(scope)
    if isinstance(clauseelement, TextClause) and not (
        options.get(APPLIED) or conn.get_execution_options().get(APPLIED)
    ):
        words = clauseelement.text.lstrip().split(None, 1)
        if words and words[0].upper() in ("SELECT", "WITH"):
            raise ScopeNotApplied(
                "a raw SQL read ran on a scoped store view without applying the scope"
            )


def _after_execute(*_args: Any) -> None:
    _current.set(None)


def install(engine: Engine) -> None:
    """Make `engine` (and every view of it) apply the scope its connections carry."""
    if not event.contains(engine, "before_execute", _before_execute):
        event.listen(engine, "before_execute", _before_execute)
        event.listen(engine, "after_execute", _after_execute)


def bound(engine: Engine, scope: Scope) -> Engine:
    """A view of `engine` whose statements see the store through `scope`."""
    return engine.execution_options(**{SCOPE_OPTION: scope, "compiled_cache": None})

"""Statements compiled once and run on the driver's cursor: the path of ingest's inserts.

SQLAlchemy's statement path (execution context, events, result object) costs about
20 µs a statement, twice what the database itself spends on most of a stored
document's dozen statements. A `DriverStatement` is compiled once per dialect, with
each parameter's bind processor as SQLAlchemy would apply it, and runs on the DB-API
cursor of the connection it is given, inside that connection's open transaction:
the same SQL, the same values, the same transaction.

What the engine's hooks do for a statement run through SQLAlchemy holds here too:
a database error comes back as SQLAlchemy's (`DBAPIError` and its subclasses); a
damaged SQLCipher page is `CorruptStore` and the connection that met it is dropped
from the pool (`dialect.py`'s `handle_error`); on a connection bound to a scope
that hides records (`scope.py`) the statement runs through SQLAlchemy, so its
reads leave them out.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect as SaDialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Insert, Select, Update
from sqlalchemy.sql.compiler import SQLCompiler

from vigil.errors import CorruptStore
from vigil.store.dialect import DAMAGED, is_damage
from vigil.store.scope import SCOPE_OPTION, Scope


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    """The parameters in the order of the SQL (positional styles; else by name)."""
    positional: bool
    defaults: tuple[tuple[str, Any], ...]
    """Parameters that carry their own value (a LIMIT, an OFFSET)."""
    processors: tuple[tuple[str, Callable[[Any], Any]], ...]


class DriverStatement:
    """A statement with its parameters apart (`bindparam`), run on the driver's cursor."""

    def __init__(self, statement: Insert | Update | Select[Any], columns: tuple[str, ...] = ()):
        self.statement = statement
        self.columns = columns
        """An insert's columns, as named in every run's values (all of them by default)."""
        self._compiled: weakref.WeakKeyDictionary[SaDialect, _Compiled] = (
            weakref.WeakKeyDictionary()
        )

    def _for(self, dialect: SaDialect) -> _Compiled:
        found = self._compiled.get(dialect)
        if found is None:
            compiled = self.statement.compile(
                dialect=dialect, column_keys=list(self.columns) or None
            )
            assert isinstance(compiled, SQLCompiler)
            defaults, processors = {}, {}
            for bind, name in compiled.bind_names.items():
                if not bind.required:
                    defaults[name] = bind.effective_value
                processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if processor is not None:
                    processors[name] = processor
            found = _Compiled(
                sql=compiled.string,
                names=tuple(compiled.positiontup or ()) if compiled.positional else (),
                positional=compiled.positional,
                defaults=tuple(defaults.items()),
                processors=tuple(processors.items()),
            )
            self._compiled[dialect] = found
        return found

    def run(self, conn: Connection, values: Mapping[str, Any]) -> list[Any]:
        """Run with `values` (every parameter named) in `conn`'s transaction; the rows."""
        scope = conn.get_execution_options().get(SCOPE_OPTION)
        if isinstance(scope, Scope) and scope.hides_anything:
            result = conn.execute(self.statement, dict(values))
            return [tuple(row) for row in result] if result.returns_rows else []
        compiled = self._for(conn.dialect)
        params: dict[str, Any] = dict(compiled.defaults)
        params.update(values)
        for name, processor in compiled.processors:
            params[name] = processor(params[name])
        bound: tuple[Any, ...] | dict[str, Any] = (
            tuple(params[name] for name in compiled.names) if compiled.positional else params
        )
        cursor = conn.connection.cursor()
        try:
            cursor.execute(compiled.sql, bound)
            return list(cursor.fetchall()) if cursor.description is not None else []
        except conn.dialect.loaded_dbapi.Error as exc:
            raise _error(conn, compiled.sql, bound, exc) from exc
        finally:
            cursor.close()

    def scalar(self, conn: Connection, values: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None."""
        rows = self.run(conn, values)
        return rows[0][0] if rows else None


def _error(conn: Connection, sql: str, params: Any, exc: Exception) -> Exception:
    """What SQLAlchemy's statement path would raise for the driver's `exc`."""
    if is_damage(exc):
        # as the engine's `handle_error` does: SQLCipher keeps failing every read on
        # a connection that met a bad page, so that connection (only it) is dropped
        conn.invalidate(exc)
        return CorruptStore(DAMAGED)
    base: type[Exception] = conn.dialect.loaded_dbapi.Error
    return DBAPIError.instance(sql, params, exc, base, dialect=conn.dialect)


__all__ = ["DriverStatement"]

"""What caseworkers record on a case (migration 12): read, change, count by situation.

A change is applied in one transaction and logged as the names of the fields
that changed (never their values: notes and charges are case content).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select, update

from vigil.errors import InvalidCaseField
from vigil.model import CASE_FIELD_NAMES, CaseFields
from vigil.store.account_tables import users
from vigil.store.case_rows import require_row, utc_now
from vigil.store.case_tables import cases
from vigil.store.changes import log_change
from vigil.store.store import Store


def fields_of(row: Mapping[str, Any]) -> CaseFields:
    """The fields of a `cases` row."""
    return CaseFields(
        country=row["country"],
        situation=row["situation"],
        detention_place=row["detention_place"],
        charges=row["charges"],
        lawyer=row["lawyer"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        notes=row["notes"],
        assignee=row["assignee"],
    )


def _column_values(fields: CaseFields) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(fields, name) for name in CASE_FIELD_NAMES}
    values["tags"] = json.dumps(list(fields.tags), ensure_ascii=False)
    return values


def set_case_fields(
    store: Store, case_id: int, changes: Mapping[str, Any], actor: str = "local"
) -> list[str]:
    """Set some fields of a case (values already checked by `cases.fields`).

    Returns the names of the fields whose value changed (none: nothing written)."""
    unknown = set(changes) - set(CASE_FIELD_NAMES)
    if unknown:
        raise InvalidCaseField(f"unknown case field(s): {', '.join(sorted(unknown))}")
    with store.engine.begin() as conn:
        row = require_row(conn, cases, case_id, "case")
        before = fields_of(row)
        after = replace(before, **changes)
        changed = [n for n in CASE_FIELD_NAMES if getattr(before, n) != getattr(after, n)]
        if not changed:
            return []
        if (
            after.assignee is not None
            and "assignee" in changed
            and conn.scalar(select(users.c.id).where(users.c.id == after.assignee)) is None
        ):
            raise InvalidCaseField(
                f"no user with id {after.assignee}; list them with `vigil user list`"
            )
        values = {k: v for k, v in _column_values(after).items() if k in changed}
        conn.execute(
            update(cases).where(cases.c.id == case_id).values(**values, updated_at=utc_now())
        )
        log_change(conn, actor, "set_fields", "case", case_id, {"fields": changed})
    return changed


def open_cases_by_situation(store: Store) -> dict[str | None, int]:
    """How many open cases are in each situation (None: not recorded yet).

    Dismissed and merged cases are not counted; for the dashboard."""
    c = cases.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(c.situation, func.count())
            .where(c.status == "open", c.review_state != "rejected")
            .group_by(c.situation)
        ).all()
    return {r[0]: int(r[1]) for r in rows}

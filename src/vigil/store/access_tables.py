"""Tables of per-case access (migration 17): which cases are restricted, and to whom.

A case with a row in `case_restrictions` is seen only by admins and by the users
granted it in `case_grants`; `store/scope.py` turns these rows into what a user
cannot see. Rows carry ids and actors, never case content.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table

from vigil.store.tables import metadata

case_restrictions = Table(
    "case_restrictions",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("restricted_at", DateTime(timezone=True), nullable=False),
    Column("restricted_by", String(200), nullable=False),
)

case_grants = Table(
    "case_grants",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("granted_by", String(200), nullable=False),
)

TABLES = (case_restrictions, case_grants)

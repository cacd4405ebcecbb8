"""Tables of per-case access: which cases are restricted, and to whom.

A case with a row in `case_restrictions` (migration 17) is seen only by admins, by the
users granted it in `case_grants`, and by the members (`group_members`) of the groups
(`user_groups`) granted it in `case_group_grants` (migration 19); `store/scope.py` turns
these rows into what a user cannot see. Rows carry ids, group names and actors, never
case content.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table

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

# Migration 19: groups of users, and grants of a case to a group (its members see it).
user_groups = Table(
    "user_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column(
        "group_id", Integer, ForeignKey("user_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("added_by", String(200), nullable=False),
    Index("ix_group_members_user", "user_id", "group_id"),
)

case_group_grants = Table(
    "case_group_grants",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "group_id", Integer, ForeignKey("user_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("granted_by", String(200), nullable=False),
    Index("ix_case_group_grants_group", "group_id", "case_id"),
)

GROUP_TABLES = (user_groups, group_members, case_group_grants)

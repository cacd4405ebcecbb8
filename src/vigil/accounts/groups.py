"""Groups of users: the service functions `vigil group ...` and the users page both call.

A restricted case granted to a group (`vigil.cases.access.grant_group`) is seen by its
members; who sees what is decided by `vigil.store.access.scope_for` alone. Each change is
one change-log entry with the real actor and ids only; the SQL is in `vigil.store.groups`.
"""

from __future__ import annotations

import logging
import re

from vigil.accounts.users import get_user
from vigil.errors import AccountError
from vigil.model import UserGroup
from vigil.store import Store
from vigil.store import groups as group_store

log = logging.getLogger(__name__)

GROUP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}")
"""Group names: letters, digits, spaces and . _ @ -, starting with a letter or digit, up to 64."""


def check_group_name(name: str) -> str:
    if not GROUP_NAME.fullmatch(name) or name != name.strip():
        raise AccountError(
            "a group name is 1 to 64 letters, digits, spaces or . _ @ -,"
            " starting with a letter or digit"
        )
    return name


def create_group(store: Store, name: str, actor: str = "local") -> int:
    """A new group without members; its id."""
    group_id = group_store.create_group(store, check_group_name(name), actor)
    log.info("group %d created", group_id)
    return group_id


def delete_group(store: Store, name: str, actor: str = "local") -> None:
    """Delete a group with its memberships and grants; its members stop seeing its cases."""
    group_id = group_store.group_id_of(store, name)
    group_store.delete_group(store, group_id, actor)
    log.info("group %d deleted", group_id)


def add_member(store: Store, name: str, user_name: str, actor: str = "local") -> bool:
    """Put a user in a group (both by name); False if they already were."""
    group_id = group_store.group_id_of(store, name)
    return group_store.add_member(store, group_id, get_user(store, user_name).id, actor)


def remove_member(store: Store, name: str, user_name: str, actor: str = "local") -> bool:
    """Take a user out of a group; False if they were not in it."""
    group_id = group_store.group_id_of(store, name)
    return group_store.remove_member(store, group_id, get_user(store, user_name).id, actor)


def list_groups(store: Store) -> list[UserGroup]:
    """Every group and its members, in name order."""
    return group_store.list_groups(store)


def group_by_id(store: Store, group_id: int) -> UserGroup | None:
    """The group with that id, or None."""
    return next((g for g in list_groups(store) if g.id == group_id), None)

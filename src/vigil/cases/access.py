"""Who may see a case: restrict it to admins and named users or groups, grant, revoke, list.

The rule of what a user then sees is `vigil.store.access.scope_for` (the one place
that decides it); these are the changes admins make, by the CLI and the case page,
each one change-log entry with the real actor and ids only.
"""

from __future__ import annotations

from vigil.accounts import get_user
from vigil.model import CaseAccess
from vigil.store import Store
from vigil.store import access as access_store
from vigil.store.groups import group_id_of


def restrict(store: Store, case_id: int, actor: str = "local") -> bool:
    """Only admins and the users granted it see the case from now on; False if already so."""
    return access_store.restrict_case(store, case_id, actor)


def unrestrict(store: Store, case_id: int, actor: str = "local") -> bool:
    """Everyone sees the case again (the grants are kept for a later restriction)."""
    return access_store.unrestrict_case(store, case_id, actor)


def grant(store: Store, case_id: int, user_name: str, actor: str = "local") -> bool:
    """Let a user (by name) see the case while it is restricted; False if they already may."""
    return access_store.grant_case(store, case_id, get_user(store, user_name).id, actor)


def revoke(store: Store, case_id: int, user_name: str, actor: str = "local") -> bool:
    """Take a user's grant of the case away; False if they had none."""
    return access_store.revoke_case(store, case_id, get_user(store, user_name).id, actor)


def grant_group(store: Store, case_id: int, group_name: str, actor: str = "local") -> bool:
    """Let every member of a group (by name) see the case while it is restricted; False if
    the group already may."""
    group_id = group_id_of(store, group_name)
    return access_store.grant_case_to_group(store, case_id, group_id, actor)


def revoke_group(store: Store, case_id: int, group_name: str, actor: str = "local") -> bool:
    """Take a group's grant of the case away; False if it had none."""
    group_id = group_id_of(store, group_name)
    return access_store.revoke_case_from_group(store, case_id, group_id, actor)


def show(store: Store, case_id: int) -> CaseAccess:
    """Whether the case is restricted and which users and groups are granted it."""
    return access_store.case_access(store, case_id)

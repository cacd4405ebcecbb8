"""Groups of users: create, delete, add and remove members, list (migration 19).

A restricted case granted to a group (`store.access.grant_case_to_group`) is seen by
every member of the group; `store.access.scope_for` reads the memberships on each
request, so removing a member or deleting a group hides the group's cases from them at
once. Each change writes one change-log entry (ids only) with the real actor.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import IntegrityError

from vigil.errors import GroupExists, UnknownGroup, UnknownUser
from vigil.model import GroupMember, UserGroup
from vigil.store.access_tables import case_group_grants, group_members, user_groups
from vigil.store.account_tables import users
from vigil.store.case_rows import inserted_id, utc_now
from vigil.store.changes import actor_of, log_change
from vigil.store.store import Store


def _require_user(conn: Connection, user_id: int) -> None:
    if conn.scalar(select(users.c.id).where(users.c.id == user_id)) is None:
        raise UnknownUser(f"no user with id {user_id}")


def require_group(conn: Connection, group_id: int) -> None:
    """`UnknownGroup` unless a group has that id."""
    if conn.scalar(select(user_groups.c.id).where(user_groups.c.id == group_id)) is None:
        raise UnknownGroup(f"no group with id {group_id}: `vigil group list` shows them")


def create_group(store: Store, name: str, actor: str = "local") -> int:
    """A new empty group; its id. `GroupExists` if the name is taken."""
    taken = GroupExists("a group with that name exists already; choose another")
    try:
        with store.begin() as conn:
            if conn.scalar(select(user_groups.c.id).where(user_groups.c.name == name)):
                raise taken
            group_id = inserted_id(
                conn,
                insert(user_groups).values(
                    name=name, created_at=utc_now(), created_by=actor_of(conn, actor)
                ),
            )
            log_change(conn, actor, "create", "group", group_id, {})
    except IntegrityError as exc:  # created by someone else in the meantime
        raise taken from exc
    return group_id


def delete_group(store: Store, group_id: int, actor: str = "local") -> None:
    """Delete a group, its memberships and its grants (its cases are hidden from its members
    at once, unless granted to them otherwise)."""
    with store.begin() as conn:
        require_group(conn, group_id)
        conn.execute(delete(case_group_grants).where(case_group_grants.c.group_id == group_id))
        conn.execute(delete(group_members).where(group_members.c.group_id == group_id))
        conn.execute(delete(user_groups).where(user_groups.c.id == group_id))
        log_change(conn, actor, "delete", "group", group_id, {})


def add_member(store: Store, group_id: int, user_id: int, actor: str = "local") -> bool:
    """Put a user in a group; False if they already were."""
    with store.begin() as conn:
        require_group(conn, group_id)
        _require_user(conn, user_id)
        m = group_members.c
        if conn.scalar(select(m.user_id).where(m.group_id == group_id, m.user_id == user_id)):
            return False
        conn.execute(
            insert(group_members).values(
                group_id=group_id,
                user_id=user_id,
                added_at=utc_now(),
                added_by=actor_of(conn, actor),
            )
        )
        log_change(conn, actor, "add_member", "group", group_id, {"user": user_id})
    return True


def remove_member(store: Store, group_id: int, user_id: int, actor: str = "local") -> bool:
    """Take a user out of a group; False if they were not in it."""
    with store.begin() as conn:
        require_group(conn, group_id)
        _require_user(conn, user_id)
        m = group_members.c
        gone = conn.execute(
            delete(group_members).where(m.group_id == group_id, m.user_id == user_id)
        ).rowcount
        if not gone:
            return False
        log_change(conn, actor, "remove_member", "group", group_id, {"user": user_id})
    return True


def group_id_of(store: Store, name: str) -> int:
    """The id of the group with that name; `UnknownGroup` if there is none."""
    with store.engine.connect() as conn:
        found = conn.scalar(select(user_groups.c.id).where(user_groups.c.name == name))
    if found is None:
        raise UnknownGroup("no group with that name: `vigil group list` shows them")
    return int(found)


def list_groups(store: Store) -> list[UserGroup]:
    """Every group with its members, in name order."""
    g, m = user_groups.c, group_members.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(user_groups).order_by(g.name)).all()
        members: dict[int, list[GroupMember]] = {int(r.id): [] for r in rows}
        for r in conn.execute(
            select(m.group_id, m.user_id, users.c.name)
            .join(users, users.c.id == m.user_id)
            .order_by(users.c.name)
        ):
            members[int(r.group_id)].append(GroupMember(int(r.user_id), r.name))
    return [
        UserGroup(int(r.id), r.name, r.created_at, r.created_by, members[int(r.id)]) for r in rows
    ]

"""Groups of users in the store, on both backends: a restricted case granted to a group is
seen by its members only, and hidden again at once when a member is removed, the group is
deleted or its grant is revoked; each change is one audit entry with ids only."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.errors import GroupExists, UnknownGroup, UnknownRecord, UnknownUser
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.access import (
    case_access,
    grant_case,
    grant_case_to_group,
    revoke_case,
    revoke_case_from_group,
    scope_for,
)
from vigil.store.access_tables import GROUP_TABLES
from vigil.store.groups import (
    add_member,
    create_group,
    delete_group,
    group_id_of,
    list_groups,
    remove_member,
)
from vigil.store.migrations import migrate
from vigil.store.tables import changes, schema_migrations

from ..restricted import CANARIES, World, build_world


@pytest.fixture
def world(store: Store) -> World:
    return build_world(store)


@pytest.fixture
def users(store: Store, settings: Settings) -> dict[str, int]:
    names = ("ana", "ben", "chloe")
    return {
        name: add_user(store, settings, name, Role.VIEWER, f"{name} password long enough").id
        for name in names
    }


def _sees(store: Store, user_id: int, case_id: int) -> bool:
    view = store.scoped(scope_for(store, user_id))
    try:
        cases.show_case(view, case_id)
    except UnknownRecord:
        return False
    return True


def test_members_of_a_granted_group_see_the_case_and_others_do_not(
    store: Store, world: World, users: dict[str, int]
) -> None:
    granted = create_group(store, "field team", actor="test")
    other = create_group(store, "legal", actor="test")
    add_member(store, granted, users["ana"], actor="test")
    add_member(store, other, users["ben"], actor="test")
    assert grant_case_to_group(store, world.secret_case, granted, actor="test")
    assert _sees(store, users["ana"], world.secret_case)
    assert not _sees(store, users["ben"], world.secret_case)  # in another group
    assert not _sees(store, users["chloe"], world.secret_case)  # in no group
    assert store.scoped(scope_for(store, users["ana"])).document_total() == 2
    assert store.scoped(scope_for(store, users["ben"])).document_total() == 1
    assert _sees(store, users["ben"], world.open_case)


def test_removing_a_member_hides_the_case_at_once(
    store: Store, world: World, users: dict[str, int]
) -> None:
    team = create_group(store, "field team", actor="test")
    add_member(store, team, users["ana"], actor="test")
    grant_case_to_group(store, world.secret_case, team, actor="test")
    assert _sees(store, users["ana"], world.secret_case)
    assert remove_member(store, team, users["ana"], actor="test")
    assert not _sees(store, users["ana"], world.secret_case)
    assert not remove_member(store, team, users["ana"], actor="test")


def test_deleting_the_group_hides_the_case_and_drops_its_grants(
    store: Store, world: World, users: dict[str, int]
) -> None:
    team = create_group(store, "field team", actor="test")
    add_member(store, team, users["ana"], actor="test")
    grant_case_to_group(store, world.secret_case, team, actor="test")
    delete_group(store, team, actor="test")
    assert not _sees(store, users["ana"], world.secret_case)
    assert case_access(store, world.secret_case).group_grants == []
    assert list_groups(store) == []
    again = create_group(store, "field team", actor="test")  # the name is free again
    add_member(store, again, users["ana"], actor="test")
    assert not _sees(store, users["ana"], world.secret_case)  # the old grant did not come back


def test_revoking_the_groups_grant_hides_it_but_a_direct_grant_still_shows_it(
    store: Store, world: World, users: dict[str, int]
) -> None:
    team = create_group(store, "field team", actor="test")
    add_member(store, team, users["ana"], actor="test")
    add_member(store, team, users["ben"], actor="test")
    grant_case_to_group(store, world.secret_case, team, actor="test")
    grant_case(store, world.secret_case, users["ben"], actor="test")
    assert not grant_case_to_group(store, world.secret_case, team, actor="test")
    assert revoke_case_from_group(store, world.secret_case, team, actor="test")
    assert not _sees(store, users["ana"], world.secret_case)
    assert _sees(store, users["ben"], world.secret_case)  # granted by name as well
    assert not revoke_case_from_group(store, world.secret_case, team, actor="test")
    revoke_case(store, world.secret_case, users["ben"], actor="test")
    assert not _sees(store, users["ben"], world.secret_case)


def test_a_case_granted_to_a_group_is_restricted_still(
    store: Store, world: World, users: dict[str, int]
) -> None:
    """A grant of an open case shows nothing new and hides nothing: the group sees it as all do."""
    team = create_group(store, "field team", actor="test")
    grant_case_to_group(store, world.open_case, team, actor="test")
    assert _sees(store, users["chloe"], world.open_case)
    assert not case_access(store, world.open_case).restricted


def test_groups_list_with_members_and_case_access_names_the_groups(
    store: Store, world: World, users: dict[str, int]
) -> None:
    legal = create_group(store, "legal", actor="test")
    team = create_group(store, "field team", actor="test")
    add_member(store, team, users["chloe"], actor="test")
    add_member(store, team, users["ana"], actor="test")
    assert not add_member(store, team, users["ana"], actor="test")
    found = list_groups(store)
    assert [g.name for g in found] == ["field team", "legal"]
    assert [m.user_name for m in found[0].members] == ["ana", "chloe"]
    assert found[1].members == [] and found[0].created_by == "test"
    grant_case_to_group(store, world.secret_case, legal, actor="test")
    grant_case_to_group(store, world.secret_case, team, actor="test")
    access = case_access(store, world.secret_case)
    assert [(g.group_id, g.group_name) for g in access.group_grants] == [
        (team, "field team"),
        (legal, "legal"),
    ]
    assert group_id_of(store, "legal") == legal


def test_names_and_ids_that_do_not_exist_are_refused(
    store: Store, world: World, users: dict[str, int]
) -> None:
    team = create_group(store, "field team", actor="test")
    with pytest.raises(GroupExists):
        create_group(store, "field team", actor="test")
    with pytest.raises(UnknownGroup):
        group_id_of(store, "nobody")
    with pytest.raises(UnknownGroup):
        add_member(store, team + 99, users["ana"], actor="test")
    with pytest.raises(UnknownUser):
        add_member(store, team, 9999, actor="test")
    with pytest.raises(UnknownGroup):
        grant_case_to_group(store, world.secret_case, team + 99, actor="test")
    with pytest.raises(UnknownRecord):
        grant_case_to_group(store, 9999, team, actor="test")
    with pytest.raises(UnknownGroup):
        delete_group(store, team + 99, actor="test")


def test_each_group_change_is_one_audit_entry_with_the_actor_and_ids_only(
    store: Store, world: World, users: dict[str, int]
) -> None:
    with store.engine.connect() as conn:
        before = len(conn.execute(changes.select()).all())
    team = create_group(store, "Quillfeather friends", actor="user:7")
    add_member(store, team, users["ana"], actor="user:7")
    add_member(store, team, users["ana"], actor="user:7")  # no change, no entry
    grant_case_to_group(store, world.secret_case, team, actor="user:7")
    revoke_case_from_group(store, world.secret_case, team, actor="user:7")
    remove_member(store, team, users["ana"], actor="user:7")
    delete_group(store, team, actor="user:7")
    with store.engine.connect() as conn:
        after = conn.execute(changes.select().order_by(changes.c.id)).all()[before:]
    assert [(e.actor, e.action, e.entity, e.entity_id) for e in after] == [
        ("user:7", "create", "group", team),
        ("user:7", "add_member", "group", team),
        ("user:7", "grant", "case", world.secret_case),
        ("user:7", "revoke", "case", world.secret_case),
        ("user:7", "remove_member", "group", team),
        ("user:7", "delete", "group", team),
    ]
    details = [e.detail for e in after]
    assert details[1] == details[4] == f'{{"user": {users["ana"]}}}'
    assert details[2] == details[3] == f'{{"group": {team}}}'
    assert not any(c in d or "friends" in d for d in details for c in CANARIES)


def test_migration_19_adds_the_group_tables_to_a_store_made_before_it(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(GROUP_TABLES):
            table.drop(conn)
        conn.execute(schema_migrations.delete().where(schema_migrations.c.version == 19))
    assert migrate(store.engine, store.dialect) == [19]
    with store.engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
    assert {t.name for t in GROUP_TABLES} <= present
    assert create_group(store, "after the upgrade", actor="test") > 0

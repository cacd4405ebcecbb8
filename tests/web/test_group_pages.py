"""Groups in the browser (admins): the users page's groups section (create, add and remove a
member, delete) and the case page's group grants, each after the password is re-entered,
each one audit entry by the signed-in admin; a member of a granted group sees the case."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from vigil.accounts import Role, get_user
from vigil.auditing import EntryFilter, audit_entries
from vigil.store import Store
from vigil.store.groups import list_groups

from ..restricted import World, build_world
from .conftest import PASSWORDS, Browser


@pytest.fixture
def world(store: Store, accounts: dict[Role, str]) -> World:
    return build_world(store)


def _members(store: Store) -> dict[str, list[str]]:
    return {g.name: [m.user_name for m in g.members] for g in list_groups(store)}


def test_admins_manage_groups_on_the_users_page(
    store: Store, accounts: dict[Role, str], signed_in: Callable[[Role], Browser]
) -> None:
    admin = signed_in(Role.ADMIN)
    admin.confirm(PASSWORDS[Role.ADMIN])
    page = admin.page("/users")
    assert "Groups" in page and "No groups yet." in page
    assert admin.post("/groups", {"name": "field team"}).status_code == 303
    assert admin.post("/groups", {"name": "legal"}).status_code == 303
    url = "/groups/field%20team/members"
    assert admin.post(url, {"action": "add", "user": "viewer"}).status_code == 303
    assert admin.post(url, {"action": "add", "user": "editor"}).status_code == 303
    assert _members(store) == {"field team": ["editor", "viewer"], "legal": []}
    page = admin.page("/users")
    assert "Remove viewer from field team" in page and "Delete group legal" in page
    assert admin.post(url, {"action": "remove", "user": "editor"}).status_code == 303
    assert admin.post("/groups/legal/delete", {}).status_code == 303
    assert _members(store) == {"field team": ["viewer"]}
    admin_id = get_user(store, accounts[Role.ADMIN]).id
    entries = [e for e in audit_entries(store, EntryFilter(entity="group"))]
    assert sorted((e.action, e.actor) for e in entries) == sorted(
        (action, f"user:{admin_id}")
        for action in ("create", "create", "add_member", "add_member", "remove_member", "delete")
    )


def test_bad_group_changes_are_refused_with_a_message(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    admin = signed_in(Role.ADMIN)
    admin.confirm(PASSWORDS[Role.ADMIN])
    admin.page("/users")
    assert admin.post("/groups", {"name": "team"}).status_code == 303
    taken = admin.post("/groups", {"name": "team"})
    assert taken.status_code == 400 and "exists already" in taken.text
    assert admin.post("/groups", {"name": "<b>"}).status_code == 400
    unknown = admin.post("/groups/team/members", {"action": "add", "user": "nobody"})
    assert unknown.status_code == 400
    assert admin.post("/groups/nothing/delete", {}).status_code == 400
    assert (
        admin.post("/groups/team/members", {"action": "fly", "user": "viewer"}).status_code == 400
    )
    assert _members(store) == {"team": []}


def test_group_changes_need_the_password_re_entered_and_an_admin(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    admin = signed_in(Role.ADMIN)
    admin.page("/")
    response = admin.post("/groups", {"name": "team"})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/account/confirm")
    editor = signed_in(Role.EDITOR)
    editor.page("/")
    assert editor.post("/groups", {"name": "team"}).status_code == 403
    assert list_groups(store) == []


def test_admins_grant_a_case_to_a_group_on_the_case_page(
    store: Store, world: World, accounts: dict[Role, str], signed_in: Callable[[Role], Browser]
) -> None:
    admin = signed_in(Role.ADMIN)
    admin.confirm(PASSWORDS[Role.ADMIN])
    admin.page("/users")
    admin.post("/groups", {"name": "field team"})
    admin.post("/groups/field%20team/members", {"action": "add", "user": "viewer"})
    [team] = list_groups(store)
    viewer = signed_in(Role.VIEWER)
    case = f"/cases/{world.secret_case}"
    assert viewer.get(case).status_code == 404
    page = admin.page(case)
    assert "No group is granted this case." in page and "Grant this case to the group" in page
    assert (
        admin.post(f"{case}/access", {"action": "grant_group", "group": str(team.id)}).status_code
        == 303
    )
    assert "Revoke from group field team" in admin.page(case)
    assert viewer.get(case).status_code == 200
    assert (
        admin.post(f"{case}/access", {"action": "revoke_group", "group": str(team.id)}).status_code
        == 303
    )
    assert viewer.get(case).status_code == 404
    refused = admin.post(f"{case}/access", {"action": "grant_group", "group": "999"})
    assert refused.status_code == 400
    admin_id = get_user(store, accounts[Role.ADMIN]).id
    entries = [
        e
        for e in audit_entries(store, EntryFilter(entity="case", entity_id=world.secret_case))
        if e.action in ("grant", "revoke")
    ]
    assert sorted((e.action, e.actor) for e in entries) == [
        ("grant", f"user:{admin_id}"),
        ("revoke", f"user:{admin_id}"),
    ]
    assert "Grant this case to the group" not in signed_in(Role.EDITOR).page(
        f"/cases/{world.open_case}"
    )

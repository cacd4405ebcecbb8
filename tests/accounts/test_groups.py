"""Groups of users by name (the service `vigil group` and the users page call): names are
checked, users and groups are found by name, unknown ones are refused."""

from __future__ import annotations

import pytest

from vigil.accounts import Role, add_user
from vigil.accounts.groups import (
    add_member,
    check_group_name,
    create_group,
    delete_group,
    group_by_id,
    list_groups,
    remove_member,
)
from vigil.errors import AccountError, GroupExists, UnknownGroup, UnknownUser
from vigil.settings import Settings
from vigil.store import Store


@pytest.mark.parametrize("name", ["field team", "legal-2026", "a", "x" * 64, "ops@hq"])
def test_group_names_that_are_accepted(name: str) -> None:
    assert check_group_name(name) == name


@pytest.mark.parametrize("name", ["", " team", "team ", "x" * 65, "a/b", "<b>", "semi;colon"])
def test_group_names_that_are_refused(name: str) -> None:
    with pytest.raises(AccountError):
        check_group_name(name)


def test_members_by_name(store: Store, settings: Settings) -> None:
    add_user(store, settings, "ana", Role.VIEWER, "ana password long enough")
    group_id = create_group(store, "field team")
    with pytest.raises(GroupExists):
        create_group(store, "field team")
    assert add_member(store, "field team", "ana")
    assert not add_member(store, "field team", "ana")
    found = group_by_id(store, group_id)
    assert found is not None and [m.user_name for m in found.members] == ["ana"]
    with pytest.raises(UnknownUser):
        add_member(store, "field team", "nobody")
    with pytest.raises(UnknownGroup):
        remove_member(store, "nothing", "ana")
    assert remove_member(store, "field team", "ana")
    delete_group(store, "field team")
    assert list_groups(store) == [] and group_by_id(store, group_id) is None

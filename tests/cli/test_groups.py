"""`vigil group create | add | remove | delete | list` and `vigil case grant | revoke --group`:
a restricted case is seen by the members of a group granted it; one audit entry per change,
by the OS user, with ids only."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from vigil.accounts import Role, add_user
from vigil.cli.cases import register as register_cases
from vigil.cli.groups import register as register_groups
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.access import scope_for
from vigil.store.tables import changes

from ..restricted import CANARIES, build_world

pytestmark = pytest.mark.sqlite_only


def _app() -> typer.Typer:
    app = typer.Typer()
    register_cases(app)
    register_groups(app)
    return app


def test_a_group_granted_a_case_shows_it_to_its_members_only(
    store: Store, settings: Settings, cli_env: dict[str, str]
) -> None:
    world = build_world(store)  # the secret case is restricted already
    member = add_user(store, settings, "volunteer", Role.VIEWER, "a password long enough")
    outsider = add_user(store, settings, "intern", Role.VIEWER, "a password long enough")
    app, runner = _app(), CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), env=cli_env)
        assert result.exit_code == 0, result.output
        return result.output

    with store.engine.connect() as conn:
        before = len(conn.execute(changes.select()).all())
    case = str(world.secret_case)
    assert "Group field team created" in run("group", "create", "field team")
    run("group", "create", "legal")
    assert "volunteer added to group field team" in run("group", "add", "field team", "volunteer")
    assert "intern added to group legal" in run("group", "add", "legal", "intern")
    assert "already in" in run("group", "add", "legal", "intern")
    assert "granted to group field team" in run("case", "grant", case, "--group", "field team")
    assert world.secret_case not in scope_for(store, member.id).cases
    assert world.secret_case in scope_for(store, outsider.id).cases
    shown = run("case", "access", case)
    assert "0 user(s) and the members of 1 group(s)" in shown and "group field team" in shown
    listed = json.loads(run("case", "access", case, "--json"))
    assert [g["group_name"] for g in listed["group_grants"]] == ["field team"]
    assert listed["group_grants"][0]["granted_by"].startswith(("os:", "as:"))  # not "local"
    groups = json.loads(run("group", "list", "--json"))
    assert [(g["name"], [m["user_name"] for m in g["members"]]) for g in groups] == [
        ("field team", ["volunteer"]),
        ("legal", ["intern"]),
    ]
    assert groups[0]["created_by"].startswith(("os:", "as:"))
    assert "volunteer" in run("group", "list")
    assert "revoked from group field team" in run("case", "revoke", case, "--group", "field team")
    assert world.secret_case in scope_for(store, member.id).cases
    run("case", "grant", case, "--group", "field team")
    assert "volunteer removed from group field team" in run(
        "group", "remove", "field team", "volunteer"
    )
    assert world.secret_case in scope_for(store, member.id).cases
    run("group", "add", "field team", "volunteer")
    assert world.secret_case not in scope_for(store, member.id).cases
    assert "Group field team deleted" in run("group", "delete", "field team")
    assert world.secret_case in scope_for(store, member.id).cases
    with store.engine.connect() as conn:
        entries = conn.execute(changes.select().order_by(changes.c.id)).all()[before:]
    assert [(e.action, e.entity) for e in entries] == [
        ("create", "group"),
        ("create", "group"),
        ("add_member", "group"),
        ("add_member", "group"),
        ("grant", "case"),
        ("revoke", "case"),
        ("grant", "case"),
        ("remove_member", "group"),
        ("add_member", "group"),
        ("delete", "group"),
    ]
    assert all(e.actor.startswith(("os:", "as:")) for e in entries), [e.actor for e in entries]
    assert not any(c in e.detail or "team" in e.detail for e in entries for c in CANARIES)


def test_unknown_groups_users_and_bad_names_are_errors(
    store: Store, settings: Settings, cli_env: dict[str, str]
) -> None:
    world = build_world(store)
    app, runner = _app(), CliRunner()

    def code(*args: str) -> int:
        return runner.invoke(app, list(args), env=cli_env).exit_code

    case = str(world.secret_case)
    assert code("group", "create", "team") == 0
    assert code("group", "create", "team") != 0  # taken
    assert code("group", "create", " leading space") != 0
    assert code("group", "create", "semi;colon") != 0
    assert code("group", "add", "team", "nobody") != 0
    assert code("group", "add", "nothing", "nobody") != 0
    assert code("group", "delete", "nothing") != 0
    assert code("case", "grant", case, "--group", "nothing") != 0
    assert code("case", "grant", case) == 2  # neither a user nor a group
    assert code("case", "grant", case, "someone", "--group", "team") == 2  # both

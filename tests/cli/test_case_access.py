"""`vigil case restrict | unrestrict | grant | revoke | access`: one audit entry each, by the
OS user, with ids only."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from vigil.accounts import Role, add_user
from vigil.cli.cases import register
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.access import scope_for
from vigil.store.tables import changes

from ..restricted import CANARIES, build_world

pytestmark = pytest.mark.sqlite_only


def test_admin_commands_restrict_grant_revoke_and_list(
    store: Store, settings: Settings, cli_env: dict[str, str]
) -> None:
    world = build_world(store)  # the secret case is restricted already
    viewer = add_user(store, settings, "volunteer", Role.VIEWER, "a password long enough")
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), env=cli_env)
        assert result.exit_code == 0, result.output
        return result.output

    with store.engine.connect() as conn:
        before = len(conn.execute(changes.select()).all())
    case = str(world.secret_case)
    shown = run("case", "access", case)
    assert "restricted to admins, 0 user(s) and the members of 0 group(s)" in shown
    assert "granted to volunteer" in run("case", "grant", case, "volunteer")
    assert not scope_for(store, viewer.id).hides_anything
    listed = json.loads(run("case", "access", case, "--json"))
    assert listed["restricted"] and [g["user_name"] for g in listed["grants"]] == ["volunteer"]
    assert "revoked from volunteer" in run("case", "revoke", case, "volunteer")
    assert world.secret_case in scope_for(store, viewer.id).cases
    assert "open to every user" in run("case", "unrestrict", case)
    assert "is open to every user" in run("case", "access", case)
    assert "restricted" in run("case", "restrict", case)
    assert "no change" in run("case", "revoke", case, "volunteer")
    with store.engine.connect() as conn:
        entries = conn.execute(changes.select().order_by(changes.c.id)).all()[before:]
    assert [(e.action, e.entity_id) for e in entries] == [
        (action, world.secret_case) for action in ("grant", "revoke", "unrestrict", "restrict")
    ]
    assert all(e.actor.startswith(("os:", "as:")) for e in entries), [e.actor for e in entries]
    assert not any(c in e.detail for e in entries for c in CANARIES)


def test_unknown_case_or_user_is_an_error(
    store: Store, settings: Settings, cli_env: dict[str, str]
) -> None:
    build_world(store)
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    assert runner.invoke(app, ["case", "restrict", "999"], env=cli_env).exit_code != 0
    assert runner.invoke(app, ["case", "grant", "1", "nobody"], env=cli_env).exit_code != 0

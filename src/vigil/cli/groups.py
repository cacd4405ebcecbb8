"""`vigil group create | add | remove | delete | list`: parse, call one library function, print.

`register(app)` adds them to the main command line:

    vigil group create NAME | add NAME USER | remove NAME USER | delete NAME | list [--json]

A restricted case granted to a group (`vigil case grant ID --group NAME`) is seen by its
members. Each change is one audit entry (ids only) by the OS user or the `--as` name.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from vigil.accounts import groups
from vigil.cli import secrets
from vigil.cli.printing import out, print_json, shown

group_app = typer.Typer(
    help="Groups of users, to grant restricted cases to all their members.", no_args_is_help=True
)
GroupName = Annotated[str, typer.Argument(metavar="NAME")]
UserName = Annotated[str, typer.Argument(metavar="USER")]


@group_app.command("create")
def group_create(name: GroupName) -> None:
    """Create a group without members."""
    with secrets.unlocked_store() as store:
        groups.create_group(store, name)
    out.print(f"Group {shown(name)} created")


@group_app.command("add")
def group_add(name: GroupName, user: UserName) -> None:
    """Put a user in a group: they see the restricted cases granted to it."""
    with secrets.unlocked_store() as store:
        changed = groups.add_member(store, name, user)
    verb = "added to" if changed else "was already in"
    out.print(f"{shown(user)} {verb} group {shown(name)}")


@group_app.command("remove")
def group_remove(name: GroupName, user: UserName) -> None:
    """Take a user out of a group: the group's cases are hidden from them at once."""
    with secrets.unlocked_store() as store:
        changed = groups.remove_member(store, name, user)
    verb = "removed from" if changed else "was not in"
    out.print(f"{shown(user)} {verb} group {shown(name)}")


@group_app.command("delete")
def group_delete(name: GroupName) -> None:
    """Delete a group, its memberships and its grants of cases."""
    with secrets.unlocked_store() as store:
        groups.delete_group(store, name)
    out.print(f"Group {shown(name)} deleted")


@group_app.command("list")
def group_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the groups and their members."""
    with secrets.unlocked_store() as store:
        found = groups.list_groups(store)
    if as_json:
        print_json([asdict(g) for g in found])
        return
    table = Table("name", "members", "created")
    for g in found:
        table.add_row(
            shown(g.name),
            shown(", ".join(m.user_name for m in g.members)) or "-",
            f"{g.created_at:%Y-%m-%d}",
        )
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add the `group` commands to `app`."""
    app.add_typer(group_app, name="group")

"""`vigil serve` and `vigil user ...`: parse, call one library function, print.

`register(app)` adds them to the main command line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from vigil import accounts
from vigil.accounts import Role
from vigil.accounts.second_factor import reset_second_factor
from vigil.cli import secrets
from vigil.cli.printing import out, shown
from vigil.settings import Settings, load_settings
from vigil.store import read_passphrase_file

PASSWORD_ENV = "VIGIL_USER_PASSWORD"

user_app = typer.Typer(help="Manage the accounts of an organisation's store.", no_args_is_help=True)


def _server_passphrase(settings: Settings) -> str | None:
    """The passphrase the server holds, if it was given one; never asked at a prompt."""
    if not settings.encrypt:
        return ""
    if settings.passphrase_file:
        return read_passphrase_file(settings.passphrase_file)
    return os.environ.get("VIGIL_PASSPHRASE")


def _new_password() -> str:
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    value: str = typer.prompt("Password for the user", hide_input=True, confirmation_prompt=True)
    return value


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    certfile: Annotated[Path | None, typer.Option(help="TLS certificate (PEM).")] = None,
    keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
    behind_proxy: Annotated[
        bool, typer.Option("--behind-proxy", help="A TLS-terminating proxy is in front.")
    ] = False,
) -> None:
    """Serve the web workspace: unlock in the browser, or sign in once accounts exist."""
    from vigil.web import ServeOptions
    from vigil.web import serve as run_server

    settings = load_settings()
    options = ServeOptions(host, port, certfile, keyfile, behind_proxy)
    scheme = "https" if options.tls else "http"
    out.print(f"Vigil on {scheme}://{shown(host)}:{port}/ (Ctrl-C stops it)")
    run_server(settings, options, _server_passphrase(settings))


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    role: Annotated[Role, typer.Option(help="viewer reads; editor changes; admin manages users.")],
) -> None:
    """Add an account (asks the password twice, or reads VIGIL_USER_PASSWORD)."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        user = accounts.add_user(store, settings, name, role, _new_password())
    out.print(f"Added {shown(user.name)} ({user.role}); from now on everyone signs in")


@user_app.command("list")
def user_list() -> None:
    """List the accounts."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        users = accounts.list_users(store)
    table = Table("name", "role", "status", "created")
    for u in users:
        table.add_row(
            shown(u.name),
            str(u.role),
            "disabled" if u.disabled else "active",
            f"{u.created_at:%Y-%m-%d}",
        )
    out.print(table)


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Disable an account and end its sessions."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        accounts.set_disabled(store, name)
    out.print(f"Disabled {shown(name)}; its sessions have ended")


@user_app.command("passwd")
def user_passwd(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Set a new password (asked twice, or VIGIL_USER_PASSWORD) and end the user's sessions."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        revoked = accounts.change_password(store, settings, name, _new_password())
    out.print(f"Password changed for {shown(name)}; {revoked} session(s) ended")


@user_app.command("enable")
def user_enable(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Enable a disabled account again."""
    with secrets.unlocked_store() as store:
        accounts.set_disabled(store, name, disabled=False)
    out.print(f"Enabled {shown(name)}")


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    role: Annotated[Role, typer.Option(help="viewer, editor or admin.")],
) -> None:
    """Give an account another role (the last active admin keeps theirs)."""
    with secrets.unlocked_store() as store:
        user = accounts.set_role(store, name, role)
    out.print(f"{shown(user.name)} is now {user.role}")


@user_app.command("reset-second-factor")
def user_reset_second_factor(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Remove an account's second factor (a lost phone); they set it up again at sign-in."""
    with secrets.unlocked_store() as store:
        reset_second_factor(store, accounts.get_user(store, name).id, actor="local")
    out.print(f"Second factor of {shown(name)} removed; they set up a new one at sign-in")


def register(app: typer.Typer) -> None:
    """Add `serve` and the `user` group to the main command line."""
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")

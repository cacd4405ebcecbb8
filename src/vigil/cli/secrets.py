"""Where passphrases come from: a file, the environment, or the terminal."""

from __future__ import annotations

import getpass
import os
import re

import typer
from rich.markup import escape

from vigil import keys
from vigil.cli.printing import err
from vigil.errors import ConfigError
from vigil.settings import Settings, load_settings
from vigil.store import Store, open_store, read_passphrase_file
from vigil.store.changes import bind_actor


def store_passphrase(
    settings: Settings, *, confirm: bool = False, prompt: str = "Passphrase"
) -> str:
    """VIGIL_PASSPHRASE_FILE, then VIGIL_PASSPHRASE, then a hidden prompt."""
    if settings.passphrase_file:
        return read_passphrase_file(settings.passphrase_file)
    if "VIGIL_PASSPHRASE" in os.environ:
        return os.environ["VIGIL_PASSPHRASE"]
    value: str = typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return value


_ACTING_AS: list[str] = []
"""The `--as` name of this invocation (set once by the command line's callback)."""
ACTOR_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def set_actor(name: str | None) -> None:
    """Record `--as NAME` for this process; the audit trail names it beside the OS user."""
    _ACTING_AS.clear()
    if name is not None:
        if not ACTOR_NAME.fullmatch(name):
            raise ConfigError("--as takes 1 to 64 letters, digits or . _ @ -")
        _ACTING_AS.append(name)


def cli_actor() -> str:
    """`os:USER`, or `as:NAME (os:USER)` with `--as`: who the audit trail names."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = f"uid{os.getuid()}"
    return f"as:{_ACTING_AS[0]} (os:{user})" if _ACTING_AS else f"os:{user}"


def unlocked_store(settings: Settings | None = None) -> Store:
    """The store of `settings` (read from the environment when None), unlocked with the
    passphrase from a file, the environment or a prompt; changes made through it are
    recorded as done by `cli_actor()`."""
    settings = settings or load_settings()
    store = open_store(settings, store_passphrase(settings) if settings.encrypt else None)
    bind_actor(store.engine, cli_actor())
    if settings.encrypt and settings.key_path.exists():
        for problem in keys.check_key_file(settings.key_path):  # e.g. a damaged recovery slot
            err.print(f"[yellow]warning:[/yellow] {escape(problem)}")
    return store


def new_passphrase(env: str = "VIGIL_NEW_PASSPHRASE", prompt: str = "New passphrase") -> str:
    """A new passphrase: from `env` for scripts, else asked twice."""
    if env in os.environ:
        value = os.environ[env]
    else:
        value = typer.prompt(prompt, hide_input=True, confirmation_prompt=True)
    if len(value) < 8:
        raise ConfigError("choose a passphrase of at least 8 characters")
    return value


def secret(env: str, prompt: str) -> str:
    if env in os.environ:
        return os.environ[env]
    value: str = typer.prompt(prompt, hide_input=True)
    return value

"""Where passphrases come from: a file, the environment, or the terminal."""

from __future__ import annotations

import os

import typer
from rich.markup import escape

from vigil import keys
from vigil.cli.printing import err
from vigil.errors import ConfigError
from vigil.settings import Settings, load_settings
from vigil.store import Store, open_store, read_passphrase_file


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


def unlocked_store(settings: Settings | None = None) -> Store:
    """The store of `settings` (read from the environment when None), unlocked with the
    passphrase from a file, the environment or a prompt."""
    settings = settings or load_settings()
    store = open_store(settings, store_passphrase(settings) if settings.encrypt else None)
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

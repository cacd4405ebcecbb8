"""Docs that cannot drift: every command and every setting is in the README."""

from __future__ import annotations

from dataclasses import fields

import typer

from vigil.cli.main import app
from vigil.settings import Settings

from .conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def command_names(group: typer.Typer, prefix: str = "vigil") -> list[str]:
    names = [
        f"{prefix} {c.name or (c.callback.__name__ if c.callback else '')}"
        for c in group.registered_commands
    ]
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        names += command_names(sub.typer_instance, f"{prefix} {sub.name}")
    return names


def test_every_command_is_in_the_readme() -> None:
    missing = [n for n in command_names(app) if f"`{n}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    missing = [f.name for f in fields(Settings) if f"`VIGIL_{f.name.upper()}`" not in README]
    assert missing == []

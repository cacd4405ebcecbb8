"""Shared fixtures: a fresh store per test, fast key derivation, shared-corpus paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigil.settings import Settings
from vigil.store import Store, init_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PASSPHRASE = "correct horse battery staple"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(condition: bool, what: str) -> None:
    """Skip loudly on a laptop, fail under CI, when a real part is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is missing")
    pytest.skip(f"SKIPPED LOUDLY: {what} is missing on this machine")


@pytest.fixture
def shared() -> Path:
    require(SHARED.is_dir(), f"the shared corpus at {SHARED}")
    return SHARED


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        home=tmp_path / "home",
        argon2_memory_kib=64,
        argon2_time_cost=1,
        workers=1,
        worker_timeout_s=20,
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    result = init_store(settings, PASSPHRASE)
    yield result.store
    result.store.close()


@pytest.fixture
def cli_env(settings: Settings) -> dict[str, str]:
    """Environment for running `vigil` in a subprocess against `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env.update(
        VIGIL_HOME=str(settings.home),
        VIGIL_PASSPHRASE=PASSPHRASE,
        VIGIL_ARGON2_MEMORY_KIB=str(settings.argon2_memory_kib),
        VIGIL_ARGON2_TIME_COST=str(settings.argon2_time_cost),
        VIGIL_WORKERS="1",
    )
    return env

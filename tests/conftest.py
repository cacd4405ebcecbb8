"""Shared fixtures: a fresh store per test, fast key derivation, shared-corpus paths.

Fast key derivation is Argon2id below Vigil's floor, allowed only with the explicit
test setting `insecure_test_kdf` (`VIGIL_INSECURE_TEST_KDF=1` for the CLI).

The store can be on either backend. `backend` is "sqlite" unless a folder's
conftest parametrises it with `parametrise_backends` (tests/store does): then
each test that uses `store` or `settings` runs once per backend, with ids
ending `[sqlite]` and `[postgresql]`, and `.ci/backend_parity.py` checks the
two lists match. Tests marked `sqlite_only` (file headers, pragmas, backups
of the database file) stay on SQLite. PostgreSQL is a real server started
once per session (`pg_server`), with a fresh database per test.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigil.settings import Settings
from vigil.store import Store, init_store

from .pg_server import TempPostgres, find_bindir

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


BACKENDS = ("sqlite", "postgresql")
_database_numbers = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: runs on the SQLite backend only (SQLCipher files, pragmas)"
    )


def parametrise_backends(metafunc: pytest.Metafunc) -> None:
    """Run a test once per backend when it uses `backend` (through `store` or `settings`)."""
    if "backend" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    """A real PostgreSQL server for the whole session, on a socket in a temp folder."""
    bindir = find_bindir()
    require(
        bindir is not None,
        "PostgreSQL server binaries in /usr/lib/postgresql/*/bin (run scripts/install-postgres.sh)",
    )
    assert bindir is not None
    server = TempPostgres(bindir).start()
    yield server
    server.stop()


@pytest.fixture
def pg_database(pg_server: TempPostgres) -> Iterator[str]:
    """The URL of a fresh, empty database owned by a plain (non-superuser) role."""
    name = f"vigil_test_{next(_database_numbers)}"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)


def _test_settings(home: Path, database_url: str | None = None) -> Settings:
    return Settings(
        home=home,
        database_url=database_url,
        argon2_memory_kib=64,
        argon2_time_cost=1,
        insecure_test_kdf=True,  # Argon2 below the floor: tests only, and said so
        workers=1,
        worker_timeout_s=20,
        extract_timeout_s=0,  # in-process, models cached across tests; the sandbox has its own
    )


@pytest.fixture
def settings(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Settings:
    url = request.getfixturevalue("pg_database") if backend == "postgresql" else None
    return _test_settings(tmp_path / "home", url)


@pytest.fixture
def server_settings(tmp_path: Path, pg_database: str) -> Settings:
    """Settings of a server-mode store (PostgreSQL-only tests; not parametrised)."""
    return _test_settings(tmp_path / "server-home", pg_database)


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
        VIGIL_INSECURE_TEST_KDF="1",
        VIGIL_WORKERS="1",
    )
    return env

"""Every test here that uses `store` or `settings` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from ..conftest import parametrise_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrise_backends(metafunc)

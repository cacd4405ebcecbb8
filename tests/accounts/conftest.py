"""Account tests run on SQLite and on PostgreSQL: the SQL behind them is in the store."""

from __future__ import annotations

import pytest

from ..conftest import parametrise_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrise_backends(metafunc)

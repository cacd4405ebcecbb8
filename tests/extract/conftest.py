from __future__ import annotations

import pytest

from vigil.settings import Settings


@pytest.fixture
def settings() -> Settings:
    return Settings()

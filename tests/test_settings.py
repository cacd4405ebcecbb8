"""Settings: the key-derivation floor, and what a settings file in the data folder may not do."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from vigil.errors import ConfigError
from vigil.settings import (
    MIN_ARGON2_MEMORY_KIB,
    MIN_ARGON2_TIME_COST,
    Settings,
    check_kdf_costs,
    load_settings,
)


def test_defaults_meet_the_floor() -> None:
    defaults = Settings()
    assert defaults.argon2_memory_kib >= MIN_ARGON2_MEMORY_KIB == 64 * 1024
    assert defaults.argon2_time_cost >= MIN_ARGON2_TIME_COST == 3
    assert not defaults.insecure_test_kdf
    check_kdf_costs(defaults)


@pytest.mark.parametrize(
    ("memory", "passes"), [("8", "1"), (str(64 * 1024 - 1), "3"), (str(64 * 1024), "2")]
)
def test_weak_costs_from_the_environment_are_refused(
    tmp_path: Path, memory: str, passes: str
) -> None:
    env = {
        "VIGIL_HOME": str(tmp_path),
        "VIGIL_ARGON2_MEMORY_KIB": memory,
        "VIGIL_ARGON2_TIME_COST": passes,
    }
    with pytest.raises(ConfigError, match=r"at least 65536 KiB .* and 3 passes"):
        load_settings(env)


def test_the_test_setting_allows_weak_costs_and_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    env = {
        "VIGIL_HOME": str(tmp_path),
        "VIGIL_ARGON2_MEMORY_KIB": "64",
        "VIGIL_ARGON2_TIME_COST": "1",
        "VIGIL_INSECURE_TEST_KDF": "1",
    }
    with caplog.at_level(logging.WARNING):
        settings = load_settings(env)
    assert settings.insecure_test_kdf and settings.argon2_memory_kib == 64
    assert "VIGIL_INSECURE_TEST_KDF is on" in caplog.text


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("VIGIL_ARGON2_TIME_COST", "0", "TIME_COST must be between"),
        ("VIGIL_ARGON2_TIME_COST", "-1", "TIME_COST must be between"),
        ("VIGIL_ARGON2_MEMORY_KIB", str(2**31), "MEMORY_KIB must be between"),
        ("VIGIL_ARGON2_PARALLELISM", "0", "PARALLELISM must be between"),
    ],
)
def test_absurd_costs_are_a_clear_error_even_for_tests(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    env = {"VIGIL_HOME": str(tmp_path), "VIGIL_INSECURE_TEST_KDF": "1", name: value}
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


@pytest.mark.parametrize(
    "line",
    [
        "argon2_memory_kib = 65536",  # above the floor, but below the default
        "argon2_time_cost = 3",
        "insecure_test_kdf = true",
        "insecure_test_kdf = false",
    ],
)
def test_settings_file_in_the_data_folder_may_not_lower_the_cost(
    tmp_path: Path, line: str
) -> None:
    (tmp_path / "settings.toml").write_text(line + "\n")
    with pytest.raises(ConfigError, match="may not weaken the passphrase"):
        load_settings({"VIGIL_HOME": str(tmp_path)})


def test_settings_file_may_raise_the_cost(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("argon2_memory_kib = 262144\nargon2_time_cost = 6\n")
    settings = load_settings({"VIGIL_HOME": str(tmp_path)})
    assert (settings.argon2_memory_kib, settings.argon2_time_cost) == (262144, 6)


@pytest.mark.parametrize("value", ["0", "3601", "soon"])
def test_the_confirmation_window_is_between_a_second_and_an_hour(
    tmp_path: Path, value: str
) -> None:
    env = {"VIGIL_HOME": str(tmp_path), "VIGIL_CONFIRM_WINDOW_S": value}
    with pytest.raises(ConfigError, match="VIGIL_CONFIRM_WINDOW_S"):
        load_settings(env)

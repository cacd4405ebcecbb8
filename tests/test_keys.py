from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vigil import keys
from vigil.errors import KeyFileInvalid, WrongPassphrase
from vigil.settings import Settings


@pytest.fixture
def key_file(settings: Settings) -> Path:
    settings.home.mkdir(parents=True)
    return settings.key_path


def test_unlock_returns_the_data_key(key_file: Path, settings: Settings) -> None:
    new = keys.create_key_file(key_file, "first passphrase", settings)
    assert keys.unlock(key_file, "first passphrase") == new.data_key
    assert len(new.data_key) == 32


def test_wrong_passphrase_is_refused_and_changes_nothing(
    key_file: Path, settings: Settings
) -> None:
    keys.create_key_file(key_file, "first passphrase", settings)
    before = (key_file.read_bytes(), key_file.stat().st_mtime_ns)
    with pytest.raises(WrongPassphrase):
        keys.unlock(key_file, "not it")
    with pytest.raises(WrongPassphrase):
        keys.change_passphrase(key_file, "not it", "another one", settings)
    assert (key_file.read_bytes(), key_file.stat().st_mtime_ns) == before


def test_passphrase_change_keeps_key_and_recovery_code(key_file: Path, settings: Settings) -> None:
    new = keys.create_key_file(key_file, "first passphrase", settings)
    keys.change_passphrase(key_file, "first passphrase", "second passphrase", settings)
    with pytest.raises(WrongPassphrase):
        keys.unlock(key_file, "first passphrase")
    assert keys.unlock(key_file, "second passphrase") == new.data_key
    assert keys.unlock_with_recovery(key_file, new.recovery_code) == new.data_key


def test_recovery_sets_new_passphrase_and_replaces_the_code(
    key_file: Path, settings: Settings
) -> None:
    new = keys.create_key_file(key_file, "first passphrase", settings)
    typed = new.recovery_code.lower().replace("-", " ")  # copied by hand, sloppily
    code2 = keys.recover(key_file, typed, "fresh passphrase", settings)
    assert keys.unlock(key_file, "fresh passphrase") == new.data_key
    assert keys.unlock_with_recovery(key_file, code2) == new.data_key
    with pytest.raises(WrongPassphrase):
        keys.unlock_with_recovery(key_file, new.recovery_code)
    with pytest.raises(WrongPassphrase):
        keys.unlock(key_file, "first passphrase")


def test_damaged_or_missing_key_file_is_a_clear_error(key_file: Path, settings: Settings) -> None:
    with pytest.raises(KeyFileInvalid, match="vigil init"):
        keys.unlock(key_file, "x")
    key_file.write_text("{not json")
    with pytest.raises(KeyFileInvalid):
        keys.unlock(key_file, "x")


def test_existing_key_file_is_never_overwritten(key_file: Path, settings: Settings) -> None:
    keys.create_key_file(key_file, "first passphrase", settings)
    before = key_file.read_bytes()
    with pytest.raises(KeyFileInvalid):
        keys.create_key_file(key_file, "other passphrase", settings)
    assert key_file.read_bytes() == before


@pytest.mark.slow
def test_default_argon2_cost_meets_the_floor() -> None:
    default = Settings()
    assert default.argon2_memory_kib >= 64 * 1024
    kdf = keys.KdfParams(b"s" * 16, default.argon2_memory_kib, default.argon2_time_cost, 1)
    started = time.perf_counter()
    keys.derive_passphrase_key("some passphrase", kdf)
    # A lower bound only: a busy machine makes it slower, never faster.
    assert time.perf_counter() - started >= 0.25


FLIPPER = """
import sys
from pathlib import Path
from vigil import keys
from vigil.settings import Settings
path = Path(sys.argv[1])
settings = Settings(home=path.parent, argon2_memory_kib=64, argon2_time_cost=1)
pair = ["passphrase A", "passphrase B"]
print("ready", flush=True)
i = 0
while True:
    keys.change_passphrase(path, pair[i % 2], pair[(i + 1) % 2], settings)
    i += 1
"""


@pytest.mark.slow
def test_kill_during_passphrase_change_leaves_old_or_new(
    key_file: Path, settings: Settings
) -> None:
    new = keys.create_key_file(key_file, "passphrase A", settings)
    for round_ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", FLIPPER, str(key_file)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.037 * round_)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        opened = []
        for candidate in ("passphrase A", "passphrase B"):
            with contextlib.suppress(WrongPassphrase):
                opened.append(keys.unlock(key_file, candidate))
        assert opened == [new.data_key], "exactly one of the old and new passphrase must open it"
        assert keys.unlock_with_recovery(key_file, new.recovery_code) == new.data_key

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigil import keys
from vigil.errors import ConfigError, KeyFileDamaged, KeyFileInvalid, WrongPassphrase
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
    with pytest.raises(KeyFileDamaged):
        keys.unlock(key_file, "x")


def _flips(path: Path) -> Iterator[bytes]:
    data = path.read_bytes()
    for i in range(len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x01
        yield bytes(flipped)


def test_a_flipped_byte_anywhere_is_damage_never_a_wrong_passphrase(
    key_file: Path, settings: Settings
) -> None:
    """Every byte of the key file, flipped in turn: a slot the unlock needs is reported as
    damaged; a flip elsewhere (the recovery slot, for a passphrase) still opens, and the
    file's check names the damage."""
    new = keys.create_key_file(key_file, "first passphrase", settings)
    original = key_file.read_bytes()
    outcomes: dict[str, int] = {}
    for flipped in _flips(key_file):
        key_file.write_bytes(flipped)
        for how, opener in (
            ("passphrase", lambda: keys.unlock(key_file, "first passphrase")),
            ("recovery", lambda: keys.unlock_with_recovery(key_file, new.recovery_code)),
        ):
            try:
                assert opener() == new.data_key
            except (KeyFileDamaged, KeyFileInvalid):
                outcomes[f"{how} refused"] = outcomes.get(f"{how} refused", 0) + 1
                continue
            # It opened, so the flip is in a slot this way does not use: still reported.
            assert keys.check_key_file(key_file), flipped
            outcomes[f"{how} opened"] = outcomes.get(f"{how} opened", 0) + 1
    key_file.write_bytes(original)
    assert keys.check_key_file(key_file) == []
    assert outcomes["passphrase opened"] > 0 and outcomes["recovery opened"] > 0
    assert outcomes["passphrase refused"] > outcomes["passphrase opened"]


@pytest.mark.parametrize("slot", ["kdf", "passphrase", "recovery"])
def test_each_damaged_slot_is_named(key_file: Path, settings: Settings, slot: str) -> None:
    new = keys.create_key_file(key_file, "first passphrase", settings)
    doc = json.loads(key_file.read_bytes())
    part = doc["kdf"] if slot == "kdf" else doc["wraps"][slot]
    part["salt" if slot != "passphrase" else "nonce"] = base64.b64encode(b"x" * 16).decode()
    key_file.write_text(json.dumps(doc))
    problems = keys.check_key_file(key_file)
    assert len(problems) == 1 and f"damaged ({slot})" in problems[0]
    if slot == "recovery":
        assert keys.unlock(key_file, "first passphrase") == new.data_key
        with pytest.raises(KeyFileDamaged, match="recovery"):
            keys.unlock_with_recovery(key_file, new.recovery_code)
        with pytest.raises(KeyFileDamaged, match="recovery"):  # never sealed in as whole
            keys.change_passphrase(key_file, "first passphrase", "second passphrase", settings)
    else:
        with pytest.raises(KeyFileDamaged, match=f"damaged \\({slot}\\).*not a wrong passphrase"):
            keys.unlock(key_file, "first passphrase")
        assert keys.unlock_with_recovery(key_file, new.recovery_code) == new.data_key


def test_a_forged_checksum_is_caught_by_the_mac(key_file: Path, settings: Settings) -> None:
    """Someone who rewrites a slot and its checksum still lacks the data key for the MAC."""
    keys.create_key_file(key_file, "first passphrase", settings)
    doc = json.loads(key_file.read_bytes())
    doc["kdf"]["time_cost"] = 2
    doc["check"]["kdf"] = keys._slot_sum(doc, "kdf")
    key_file.write_text(json.dumps(doc))
    assert keys.check_key_file(key_file) == []
    with pytest.raises((KeyFileDamaged, WrongPassphrase)):
        keys.unlock(key_file, "first passphrase")
    doc = json.loads(key_file.read_bytes())
    doc["kdf"]["time_cost"] = 1  # back to the true cost, but forge a checksum
    doc["check"]["kdf"] = keys._slot_sum(doc, "kdf")
    doc["check"]["recovery"] = "0" * 64
    key_file.write_text(json.dumps(doc))
    with pytest.raises(KeyFileDamaged, match="MAC"):
        keys.unlock(key_file, "first passphrase")


def _as_version_1(path: Path) -> None:
    doc = json.loads(path.read_bytes())
    del doc["check"]
    doc["version"] = 1
    path.write_text(json.dumps(doc, indent=1))


def test_version_1_key_file_opens_and_is_upgraded_on_next_write(
    key_file: Path, settings: Settings
) -> None:
    new = keys.create_key_file(key_file, "first passphrase", settings)
    _as_version_1(key_file)
    assert keys.unlock(key_file, "first passphrase") == new.data_key
    assert keys.unlock_with_recovery(key_file, new.recovery_code) == new.data_key
    assert json.loads(key_file.read_bytes())["version"] == 1  # opening writes nothing
    keys.change_passphrase(key_file, "first passphrase", "second passphrase", settings)
    doc = json.loads(key_file.read_bytes())
    assert doc["version"] == 2 and set(doc["check"]) == {"kdf", "passphrase", "recovery", "mac"}
    assert keys.unlock(key_file, "second passphrase") == new.data_key
    assert keys.unlock_with_recovery(key_file, new.recovery_code) == new.data_key


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_kib", 2**31), ("time_cost", 0), ("parallelism", 0), ("memory_kib", "many")],
)
def test_absurd_kdf_costs_in_a_key_file_are_a_clear_error(
    key_file: Path, settings: Settings, field: str, value: object
) -> None:
    keys.create_key_file(key_file, "first passphrase", settings)
    _as_version_1(key_file)  # no checksums: the range check itself must catch it
    doc = json.loads(key_file.read_bytes())
    doc["kdf"][field] = value
    key_file.write_text(json.dumps(doc))
    with pytest.raises(KeyFileDamaged, match="damaged"):
        keys.unlock(key_file, "first passphrase")
    assert keys.check_key_file(key_file)


def test_key_derivation_below_the_floor_needs_the_test_setting(tmp_path: Path) -> None:
    weak = Settings(home=tmp_path, argon2_memory_kib=64, argon2_time_cost=1)
    with pytest.raises(ConfigError, match="VIGIL_INSECURE_TEST_KDF"):
        keys.create_key_file(tmp_path / "a.key", "first passphrase", weak)
    assert not (tmp_path / "a.key").exists()
    keys.create_key_file(tmp_path / "a.key", "first passphrase", weak.with_(insecure_test_kdf=True))
    with pytest.raises(ConfigError, match="VIGIL_INSECURE_TEST_KDF"):
        keys.change_passphrase(tmp_path / "a.key", "first passphrase", "second one", weak)
    with pytest.raises(ConfigError, match="TIME_COST"):
        keys.create_key_file(
            tmp_path / "b.key", "x" * 8, weak.with_(insecure_test_kdf=True, argon2_time_cost=0)
        )


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
settings = Settings(home=path.parent, argon2_memory_kib=64, argon2_time_cost=1,
                    insecure_test_kdf=True)
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

"""The red-team's store repros, run through the real `vigil` command.

A damaged page or key file is one clear error and exit 4 from every command,
never a traceback or SQLCipher's log; weak key derivation is refused; files are
the owner's only; parser workers see no secret; the process cannot dump core.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigil.settings import Settings

from .helpers import Run, vigil

EXIT_DAMAGED = 4
PAGE = 4096


def clean(run: Run) -> None:
    """No traceback and no SQLCipher log lines reach the user."""
    assert "Traceback" not in run.err, run.err
    assert "ERROR CORE" not in run.err, run.err
    assert len(run.err.splitlines()) <= 12, run.err


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i}.txt").write_text(f"Letter {i} about a detention. " + "words " * 400)
    return folder


@pytest.fixture
def filled(cli_env: dict[str, str], letters: Path, tmp_path: Path) -> dict[str, str]:
    assert vigil(cli_env, "init").code == 0
    assert vigil(cli_env, "ingest", "--no-extract", letters).code == 0
    # enough documents that their pages, not the tables' root pages, fill the file's end
    more = tmp_path / "more"
    more.mkdir()
    for i in range(40):
        (more / f"note-{i}.txt").write_text(f"Visit note {i} on the detention of a client. " * 60)
    assert vigil(cli_env, "ingest", "--no-extract", more).code == 0
    return cli_env


def flip_every_page_of_the_second_half(path: Path) -> None:
    """Damage the second half of the file (documents' rows and index), not the schema."""
    data = bytearray(path.read_bytes())
    for page in range(len(data) // PAGE // 2, len(data) // PAGE):
        data[page * PAGE + 1500] ^= 0xFF
    path.write_bytes(bytes(data))


def test_every_command_reports_a_damaged_store_with_exit_4(
    filled: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    flip_every_page_of_the_second_half(settings.database_path)
    commands: list[list[str]] = [
        ["documents"],
        ["search", "detention"],
        ["show", "3"],
        ["export", "--plaintext", str(tmp_path / "out.tar")],
        ["verify"],
        ["backup", str(tmp_path / "b.tar")],
    ]
    codes = {}
    for args in commands:
        run = vigil(filled, *args)
        clean(run)
        assert run.code in (0, EXIT_DAMAGED), (args, run.code, run.err)
        if run.code == EXIT_DAMAGED:
            assert "damaged" in run.err
        codes[args[0]] = run.code
    assert codes["verify"] == EXIT_DAMAGED
    assert codes["backup"] == EXIT_DAMAGED and not (tmp_path / "b.tar").exists()
    assert codes["search"] == EXIT_DAMAGED  # the full-text index spans the damage


def test_verify_names_pages_and_documents(
    filled: dict[str, str], settings: Settings
) -> None:
    flip_every_page_of_the_second_half(settings.database_path)
    run = vigil(filled, "verify")
    clean(run)
    assert run.code == EXIT_DAMAGED
    assert "damaged pages: " in run.err
    assert "fail the HMAC check" in run.err and "damaged documents: " in run.err


def test_backup_force_copies_a_damaged_store(
    filled: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    flip_every_page_of_the_second_half(settings.database_path)
    run = vigil(filled, "backup", "--force", tmp_path / "b.tar")
    clean(run)
    assert run.code == 0 and (tmp_path / "b.tar").exists()
    restored = {**filled, "VIGIL_HOME": str(tmp_path / "restored")}
    again = vigil(restored, "restore", tmp_path / "b.tar")
    clean(again)
    assert again.code == EXIT_DAMAGED and "nothing was restored" in again.err
    assert not (tmp_path / "restored").exists()


@pytest.mark.parametrize(
    ("slot", "field"), [("kdf", "salt"), ("passphrase", "ciphertext"), ("check", "mac")]
)
def test_damaged_key_file_is_damage_not_a_wrong_passphrase(
    filled: dict[str, str], settings: Settings, slot: str, field: str
) -> None:
    doc = json.loads(settings.key_path.read_bytes())
    part = doc[slot] if slot in ("kdf", "check") else doc["wraps"][slot]
    value = part[field]
    part[field] = value[:4] + ("A" if value[4] != "A" else "B") + value[5:]
    settings.key_path.write_text(json.dumps(doc))
    run = vigil(filled, "documents")
    clean(run)
    assert run.code == EXIT_DAMAGED, run.err
    assert "key file" in run.err and "damaged" in run.err
    assert "passphrase does not open" not in run.err


def test_damaged_recovery_slot_is_reported_and_the_passphrase_still_opens(
    filled: dict[str, str], settings: Settings
) -> None:
    doc = json.loads(settings.key_path.read_bytes())
    salt = doc["wraps"]["recovery"]["salt"]
    doc["wraps"]["recovery"]["salt"] = ("A" if salt[0] != "A" else "B") + salt[1:]
    settings.key_path.write_text(json.dumps(doc))
    listed = vigil(filled, "documents")
    assert listed.code == 0 and "warning" in listed.err and "recovery" in listed.err
    checked = vigil(filled, "verify")
    clean(checked)
    assert checked.code == EXIT_DAMAGED and "recovery" in checked.err


def test_absurd_memory_cost_in_the_key_file_is_a_clear_error(
    filled: dict[str, str], settings: Settings
) -> None:
    doc = json.loads(settings.key_path.read_bytes())
    doc["kdf"]["memory_kib"] = 2**31
    settings.key_path.write_text(json.dumps(doc))
    run = vigil(filled, "documents")
    clean(run)
    assert run.code == EXIT_DAMAGED and "damaged" in run.err


def test_zero_passes_is_a_clear_error_and_leaves_no_store(
    cli_env: dict[str, str], settings: Settings
) -> None:
    run = vigil({**cli_env, "VIGIL_ARGON2_TIME_COST": "0"}, "init")
    clean(run)
    assert run.code == 1 and "VIGIL_ARGON2_TIME_COST" in run.err
    assert not settings.database_path.exists()
    assert vigil(cli_env, "init").code == 0


def test_weak_key_derivation_needs_the_test_setting_and_is_warned_about(
    cli_env: dict[str, str],
) -> None:
    weak = {k: v for k, v in cli_env.items() if k != "VIGIL_INSECURE_TEST_KDF"}
    refused = vigil(weak, "init")
    assert refused.code == 1 and "VIGIL_INSECURE_TEST_KDF" in refused.err
    allowed = vigil(cli_env, "init")
    assert allowed.code == 0 and "VIGIL_INSECURE_TEST_KDF is on" in allowed.err
    assert "VIGIL_INSECURE_TEST_KDF is on" in vigil(cli_env, "documents").err


def test_settings_file_in_the_data_folder_cannot_weaken_a_passphrase_change(
    filled: dict[str, str], settings: Settings
) -> None:
    (settings.home / "settings.toml").write_text("argon2_memory_kib = 8\n")
    run = vigil({**filled, "VIGIL_NEW_PASSPHRASE": "another passphrase"}, "passphrase", "change")
    assert run.code == 1 and "may not weaken the passphrase" in run.err


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_files_vigil_writes_are_owner_only(
    cli_env: dict[str, str], settings: Settings, tmp_path: Path, letters: Path,
    permissive_umask: None,
) -> None:
    assert vigil(cli_env, "init").code == 0
    assert vigil(cli_env, "ingest", "--no-extract", letters).code == 0
    out = tmp_path / "out"
    out.mkdir()
    assert vigil(cli_env, "backup", out / "b.tar").code == 0
    assert vigil(cli_env, "export", "--plaintext", out / "e.tar").code == 0
    restored = tmp_path / "restored"
    assert vigil({**cli_env, "VIGIL_HOME": str(restored)}, "restore", out / "b.tar").code == 0
    for home in (settings.home, restored):
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        for path in home.rglob("*"):
            want = 0o700 if path.is_dir() else 0o600
            assert stat.S_IMODE(path.stat().st_mode) == want, path
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


WORKER_ENVIRONMENT = """
import sys
from pathlib import Path
from vigil.ingest.worker import ParserPool
from vigil.settings import Settings
with ParserPool(Settings(home=Path(sys.argv[1]), workers=1)) as pool:
    pid = pool._workers[0].process.pid
    print(Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace"))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_parser_workers_get_no_secret_in_their_environment(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "VIGIL_PASSPHRASE": "canary-passphrase-7f3a",
        "VIGIL_EXPORT_PASSPHRASE": "canary-export-7f3a",
        "PGPASSWORD": "canary-pg-7f3a",
    }
    proc = subprocess.run(
        [sys.executable, "-c", WORKER_ENVIRONMENT, str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    worker_env = proc.stdout
    assert "PATH=" in worker_env
    assert "7f3a" not in worker_env


HARDENED = """
import os, resource
from vigil.hardening import harden_process, is_dumpable
assert is_dumpable()
harden_process()
print(resource.getrlimit(resource.RLIMIT_CORE), is_dumpable(), oct(os.umask(0)))
"""


def test_the_process_cannot_dump_core_and_creates_private_files() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", HARDENED], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.split() == ["(0,", "0)", str(not sys.platform.startswith("linux")), "0o77"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_runs_hardened_before_unlocking(cli_env: dict[str, str]) -> None:
    assert vigil(cli_env, "init").code == 0
    env = {k: v for k, v in cli_env.items() if k != "VIGIL_PASSPHRASE"}  # personal mode: locked
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli.main", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        assert "Vigil on" in proc.stdout.readline()
        limits = Path(f"/proc/{proc.pid}/limits").read_text()
        core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
        assert core.split()[4:6] == ["0", "0"]
        status = Path(f"/proc/{proc.pid}/status").read_text()
        assert "Umask:\t0077" in status
    finally:
        proc.kill()
        proc.wait()

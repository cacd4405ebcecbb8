from __future__ import annotations

import json
from pathlib import Path

from vigil.settings import Settings

from .helpers import vigil


def letters(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(
        "Dear Minister,\nWe ask for the release of Ana Ruiz, detained in Quito.\n"
        "Sincerely,\nA group\n"
    )
    (folder / "b.md").write_text("# Note\nA second letter about a detention in Lima.\n")
    (folder / "copy-of-a.txt").write_bytes((folder / "a.txt").read_bytes())
    (folder / "scan.pages").write_bytes(b"PK\x03\x04 not really")
    return folder


def test_init_prints_a_recovery_code_once(cli_env: dict[str, str], settings: Settings) -> None:
    run = vigil(cli_env, "init")
    assert run.code == 0, run.err
    assert "Recovery code" in run.out
    assert settings.key_path.exists() and settings.database_path.exists()
    assert vigil(cli_env, "init").code == 1


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(
    cli_env: dict[str, str], settings: Settings
) -> None:
    assert vigil(cli_env, "init").code == 0
    before = {p.name: p.read_bytes() for p in settings.home.iterdir()}
    run = vigil({**cli_env, "VIGIL_PASSPHRASE": "wrong passphrase"}, "documents")
    assert run.code == 1
    assert "passphrase does not open this store" in run.err
    assert {p.name: p.read_bytes() for p in settings.home.iterdir()} == before


def test_ingest_search_show_delete(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert vigil(cli_env, "init").code == 0
    folder = letters(tmp_path / "in")
    run = vigil(cli_env, "ingest", folder)
    assert run.code == 3, run.err  # something was rejected
    assert "unsupported" in run.err
    assert "another source" in run.err
    assert "2 stored" in run.out and "1 already known" in run.out and "1 rejected" in run.out

    hits = json.loads(vigil(cli_env, "search", "release", "--json").out)
    assert isinstance(hits, list) and len(hits) == 1
    assert "<mark>release</mark>" in hits[0]["snippet"]
    doc_id = hits[0]["document_id"]
    assert len(hits[0]["sources"]) == 2  # a.txt and copy-of-a.txt
    assert (
        json.loads(vigil(cli_env, "search", "detention", "--json", "--source", "b.md").out)[0][
            "document_id"
        ]
        != doc_id
    )

    shown = json.loads(vigil(cli_env, "show", str(doc_id), "--json").out)
    assert shown["sha256"] and shown["state"] == "extracted"
    assert shown["extraction"]["contract"]["demands"] == ["release"]

    assert vigil(cli_env, "delete", str(doc_id), "--yes").code == 0
    assert json.loads(vigil(cli_env, "search", "release", "--json").out) == []
    assert vigil(cli_env, "show", str(doc_id)).code == 1


def test_ingest_again_is_idempotent(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert vigil(cli_env, "init").code == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("A letter about a disappearance.")
    assert vigil(cli_env, "ingest", folder).code == 0
    run = vigil(cli_env, "ingest", "--json", folder)
    assert run.code == 0
    outcomes = [r["outcome"] for r in json.loads(run.out)["results"]]
    assert outcomes == ["duplicate"]


def test_missing_store_says_run_init(cli_env: dict[str, str]) -> None:
    run = vigil(cli_env, "documents")
    assert run.code == 1
    assert "vigil init" in run.err


def test_passphrase_change_and_recover(cli_env: dict[str, str]) -> None:
    run = vigil(cli_env, "init")
    code = next(line.strip() for line in run.out.splitlines() if line.count("-") == 7)
    env_new = {**cli_env, "VIGIL_NEW_PASSPHRASE": "a brand new passphrase"}
    assert vigil(env_new, "passphrase", "change").code == 0
    assert vigil(cli_env, "documents").code == 1
    env_after = {**cli_env, "VIGIL_PASSPHRASE": "a brand new passphrase"}
    assert vigil(env_after, "documents").code == 0
    recovered = vigil(
        {**cli_env, "VIGIL_RECOVERY_CODE": code, "VIGIL_NEW_PASSPHRASE": "third passphrase!"},
        "recover",
    )
    assert recovered.code == 0, recovered.err
    assert vigil({**cli_env, "VIGIL_PASSPHRASE": "third passphrase!"}, "documents").code == 0


def test_verify_and_backup_restore(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert vigil(cli_env, "init").code == 0
    (tmp_path / "x.txt").write_text("some letter text")
    assert vigil(cli_env, "ingest", tmp_path / "x.txt").code == 0
    assert vigil(cli_env, "verify").code == 0
    assert vigil(cli_env, "backup", tmp_path / "b.tar").code == 0
    env2 = {**cli_env, "VIGIL_HOME": str(tmp_path / "restored")}
    assert vigil(env2, "restore", tmp_path / "b.tar").code == 0
    listed = json.loads(vigil(env2, "documents", "--json").out)
    assert listed["counts"]["extracted"] == 1


def test_passphrase_file_must_be_private(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert vigil(cli_env, "init").code == 0
    secret = tmp_path / "passphrase"
    secret.write_text(cli_env["VIGIL_PASSPHRASE"] + "\n")
    env = {k: v for k, v in cli_env.items() if k != "VIGIL_PASSPHRASE"}
    env["VIGIL_PASSPHRASE_FILE"] = str(secret)
    secret.chmod(0o644)
    refused = vigil(env, "documents")
    assert refused.code == 1 and "chmod 600" in refused.err
    secret.chmod(0o600)
    assert vigil(env, "documents").code == 0

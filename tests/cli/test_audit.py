"""`vigil audit ...`, `vigil verify-export` and the actors the CLI records."""

from __future__ import annotations

import getpass
import io
import json
import tarfile
from pathlib import Path

import pytest
import sqlcipher3

from vigil import keys

from ..conftest import PASSPHRASE
from .helpers import vigil

CANARY = "Zqxwvortenbach"


@pytest.fixture
def ingested(cli_env: dict[str, str], tmp_path: Path) -> Path:
    assert vigil(cli_env, "init").code == 0
    letter = tmp_path / f"{CANARY}-appeal.txt"
    letter.write_text(f"To the Minister.\n\nWe write about {CANARY}, held in detention.\n")
    assert vigil(cli_env, "ingest", letter).code == 0
    return letter


def test_cli_changes_name_the_os_user_or_the_as_name(
    cli_env: dict[str, str], ingested: Path
) -> None:
    assert vigil(cli_env, "--as", "clerk", "delete", "1", "--yes").code == 0
    entries = json.loads(vigil(cli_env, "audit", "list", "--json", "--limit", "1000").out)
    me = getpass.getuser()
    actors = {e["action"]: e["actor"] for e in entries}
    assert actors["ingest"] == f"os:{me}"
    assert actors["delete"] == f"as:clerk (os:{me})"
    assert all(e["actor"] != "local" for e in entries)
    assert CANARY.lower() not in json.dumps(entries).lower()  # ids and counts, never content


def test_audit_verify_names_the_edited_entry_and_exits_4(
    cli_env: dict[str, str], ingested: Path
) -> None:
    ok = vigil(cli_env, "audit", "verify")
    assert ok.code == 0 and "OK:" in ok.out
    head = vigil(cli_env, "audit", "head").out.strip()
    assert vigil(cli_env, "audit", "verify", "--head", head).code == 0
    home = Path(cli_env["VIGIL_HOME"])
    raw = sqlcipher3.connect(str(home / "vigil.db"))
    raw.execute(f"PRAGMA key = \"x'{keys.unlock(home / 'vigil.key', PASSPHRASE).hex()}'\"")
    first = raw.execute("SELECT min(id) FROM changes").fetchone()[0]
    raw.execute("UPDATE changes SET actor = 'someone else' WHERE id = ?", (first,))
    raw.commit()
    raw.close()
    broken = vigil(cli_env, "audit", "verify")
    assert broken.code == 4 and f"entry {first}:" in broken.err
    assert vigil(cli_env, "verify").code == 4


def test_an_export_carries_the_chain_and_verify_export_checks_it(
    cli_env: dict[str, str], ingested: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.tar"
    made = vigil(cli_env, "export", target, "--plaintext")
    assert made.code == 0 and "Audit head" in made.out
    head = made.out.rsplit(": ", 1)[-1].split()[0]
    checked = vigil(cli_env, "verify-export", target, "--head", head)
    assert checked.code == 0, checked.err
    with tarfile.open(target) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        lines = tar.extractfile("audit.jsonl").read().splitlines()  # type: ignore[union-attr]
    assert manifest["audit_head"] == head and manifest["audit_entries"] == len(lines)
    assert [json.loads(x)["action"] for x in lines][-1] == "export"

    # an entry edited inside the export
    forged = tmp_path / "forged.tar"
    entries = [json.loads(x) for x in lines]
    entries[0]["actor"] = "someone else"
    with tarfile.open(target) as src, tarfile.open(forged, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "audit.jsonl":
                data = b"\n".join(json.dumps(e).encode() for e in entries)
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    bad = vigil(cli_env, "verify-export", forged)
    assert bad.code == 4 and f"entry {entries[0]['id']}" in bad.err

    # imported: every entry kept, with its actor, and the chain still verifies
    env2 = {**cli_env, "VIGIL_HOME": str(tmp_path / "imported")}
    assert vigil(env2, "init").code == 0
    assert vigil(env2, "import", forged).code == 1  # a broken chain is refused whole
    imported = vigil(env2, "import", target)
    assert imported.code == 0, imported.err
    kept = json.loads(vigil(env2, "audit", "list", "--json", "--limit", "1000").out)
    oldest = sorted(kept, key=lambda e: e["id"])[: len(lines)]
    exported = [json.loads(x) for x in lines]
    assert [(e["id"], e["actor"], e["hash"]) for e in oldest] == [
        (e["id"], e["actor"], e["hash"]) for e in exported
    ]  # every entry kept as it was, its actor too; the import's own entries follow
    assert vigil(env2, "audit", "verify", "--head", head).code == 0
    assert vigil(env2, "verify").code == 0


def test_user_role_and_reset_are_recorded_with_the_os_user(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "VIGIL_USER_PASSWORD": "a long enough password"}
    assert vigil(env, "init").code == 0
    assert vigil(env, "user", "add", "amina", "--role", "admin").code == 0
    assert vigil(env, "user", "add", "bo", "--role", "viewer").code == 0
    assert vigil(env, "user", "role", "bo", "--role", "editor").code == 0
    refused = vigil(env, "user", "role", "amina", "--role", "viewer")
    assert refused.code == 1 and "last active admin" in refused.err
    assert vigil(env, "user", "reset-second-factor", "bo").code == 0
    entries = json.loads(vigil(env, "audit", "list", "--json").out)
    me = f"os:{getpass.getuser()}"
    assert [(e["action"], e["actor"]) for e in reversed(entries)] == [
        ("add", me),
        ("add", me),
        ("role", me),
        ("second-factor:reset", me),
    ]


def test_audit_list_pages_back_with_before_and_filters(
    cli_env: dict[str, str], ingested: Path
) -> None:
    every = json.loads(vigil(cli_env, "audit", "list", "--json", "--limit", "1000").out)
    assert len(every) >= 3
    pages, before = [], None
    while True:
        args = ["audit", "list", "--json", "--limit", "2"]
        result = vigil(cli_env, *args, *(["--before", str(before)] if before else []))
        assert result.code == 0
        page = json.loads(result.out)
        pages.append(page)
        if "--before" not in result.err:
            break
        before = int(result.err.split("--before")[1].split()[0])
        assert before == page[-1]["id"]
    # every entry, once, newest first
    assert [e["id"] for p in pages for e in p] == [e["id"] for e in every]
    assert all(len(p) == 2 for p in pages[:-1])
    table = vigil(cli_env, "audit", "list", "--limit", "1")
    assert f"--before {every[0]['id']}" in table.err
    me = f"os:{getpass.getuser()}"
    mine = json.loads(
        vigil(cli_env, "audit", "list", "--json", "--actor", me, "--action", "ingest").out
    )
    assert mine and {(e["actor"], e["action"]) for e in mine} == {(me, "ingest")}
    older = json.loads(
        vigil(cli_env, "audit", "list", "--json", "--before", str(mine[0]["id"])).out
    )
    assert all(e["id"] < mine[0]["id"] for e in older)


def test_cli_exports_are_each_one_entry_naming_the_os_user(
    cli_env: dict[str, str], ingested: Path, tmp_path: Path
) -> None:
    assert vigil(cli_env, "case", "new", "A case").code == 0
    case_id = json.loads(vigil(cli_env, "cases", "list", "--json").out)[0]["id"]
    commands = [
        (["cases", "list", "--csv"], {"format": "csv:cases"}, None),
        (["interventions", "--csv"], {"format": "csv:interventions"}, None),
        (["parties", "list", "--csv"], {"format": "csv:parties"}, None),
        (["case", "dossier", str(case_id), str(tmp_path / "d.pdf")],
         {"format": "dossier"}, case_id),
        (["submit", "un-sp", str(case_id)], {"format": "un-sp"}, case_id),
    ]
    me = f"os:{getpass.getuser()}"
    for args, detail, record in commands:
        before = json.loads(vigil(cli_env, "audit", "list", "--json", "--limit", "1").out)[0]["id"]
        assert vigil(cli_env, *args).code == 0, args
        latest = json.loads(vigil(cli_env, "audit", "list", "--json", "--limit", "5").out)
        new = [e for e in latest if e["id"] > before]
        assert len(new) == 1, (args, new)
        assert (new[0]["actor"], new[0]["action"], new[0]["entity_id"]) == (me, "export", record)
        assert json.loads(new[0]["detail"]) == detail  # ids and a format, never content

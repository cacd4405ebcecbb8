"""The output commands through the real command line app (in process, on the test store)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from vigil import cases
from vigil.cli.main import app
from vigil.errors import OutputError, UnknownRecord
from vigil.store import Store

from .conftest import PERSIAN

Run = Callable[..., Result]


@pytest.fixture
def run(case_store: Store, cli_env: dict[str, str]) -> Run:
    runner = CliRunner()

    env = {**cli_env, "VIGIL_EXPORT_PASSPHRASE": "an export passphrase"}

    def invoke(*args: str | Path) -> Result:
        return runner.invoke(app, [str(a) for a in args], env=env)

    return invoke


def test_interventions_csv_on_the_list_command(run: Run) -> None:
    result = run("interventions", "--unanswered", "--csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith("\ufeff".encode())
    lines = result.stdout_bytes.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,date,senders,addressees")
    assert len(lines) == 4 and PERSIAN in result.stdout_bytes.decode("utf-8")
    for command in (("cases", "list", "--csv"), ("parties", "list", "--csv")):
        assert run(*command).exit_code == 0


def test_export_formats_are_sealed_unless_plaintext(run: Run, tmp_path: Path) -> None:
    result = run("export", tmp_path / "a.ftm", "--format", "ftm", "--plaintext")
    assert result.exit_code == 0, result.output
    assert "FollowTheMoney entities" in result.output and "unencrypted" in result.output
    first = json.loads((tmp_path / "a.ftm").read_text("utf-8").splitlines()[0])
    assert {"id", "schema", "properties"} <= set(first)
    sealed = run("export", tmp_path / "b.zip", "--format", "csv")
    assert sealed.exit_code == 0, sealed.output
    assert (tmp_path / "b.zip").read_bytes().startswith(b"age-encryption.org/v1")


def test_letter_draft_sent_dossier_and_stats(run: Run, case_store: Store, tmp_path: Path) -> None:
    drafted = run("letter", "draft", "1", "--to", "Minister of Justice", "--kind", "follow-up",
                  "--lang", "de", "--format", "docx", "--out", tmp_path / "n.docx")  # fmt: skip
    assert drafted.exit_code == 0, drafted.output
    assert (tmp_path / "n.docx").read_bytes().startswith(b"PK")
    draft = next(i for i in cases.list_interventions(case_store) if i.status == "draft")
    sent = run("letter", "sent", str(draft.id), "--date", "2024-07-02")
    assert sent.exit_code == 0 and "due 2024-08-01" in sent.output
    made = run("case", "dossier", "1", tmp_path / "d.pdf", "--redact", "contacts")
    assert made.exit_code == 0, made.output
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    stats = run("stats", "--json")
    assert json.loads(stats.stdout)["cases_by_status"] == {"open": 1}


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("letter", "draft", "42", "--to", "X"), UnknownRecord),
        (("letter", "draft", "1", "--to", "Nobody"), OutputError),
        (("letter", "draft", "1", "--to", "Minister of Justice", "--lang", "xx"), OutputError),
        (("letter", "draft", "1", "--to", "Minister of Justice", "--format", "docx"), OutputError),
        (("case", "dossier", "42", "OUT"), UnknownRecord),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    run: Run, case_store: Store, tmp_path: Path, args: tuple[str, ...], error: type
) -> None:
    before = (case_store.document_ids(), len(cases.list_interventions(case_store)))
    result = run(*[str(tmp_path / "out.pdf") if a == "OUT" else a for a in args])
    assert result.exit_code != 0
    assert isinstance(result.exception, error) and str(result.exception)
    assert (case_store.document_ids(), len(cases.list_interventions(case_store))) == before
    assert list(tmp_path.glob("out*")) == []

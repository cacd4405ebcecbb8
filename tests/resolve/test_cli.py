"""`vigil parties match`: one pair as text or JSON, many pairs as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from vigil.cli.parties import register


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["parties", "match", *args], input=stdin)
    return result.exit_code, result.output


def test_match_prints_decision_score_and_reasons() -> None:
    code, out = invoke("Hossein Karimi", "Husain Karimi", "--kind", "person")
    assert code == 0
    assert out.splitlines()[0] == "merge  (score 1.000)"
    assert "same after transliteration folding" in out


def test_match_json() -> None:
    code, out = invoke("Massoud Rajavi", "Maryam Rajavi", "--kind", "person", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["decision"] == "distinct"
    assert set(data) == {"a", "b", "kind", "decision", "score", "reasons"}


def test_pairs_file_gives_one_result_per_line_in_order(tmp_path: Path) -> None:
    rows = [
        {"a": "MEK", "b": "Mujahedin-e Khalq", "kind": "organization"},
        {"a": "Hossein Karimi", "b": "Hassan Karimi"},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    code, out = invoke("--pairs", str(path), "--json")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [(r["a"], r["decision"]) for r in results] == [
        ("MEK", "merge"),
        ("Hossein Karimi", "distinct"),
    ]


def test_pairs_from_stdin() -> None:
    code, out = invoke(
        "--pairs", "-", "--json", stdin='{"a": "Tirana", "b": "Tiranë", "kind": "location"}\n'
    )
    assert code == 0
    assert json.loads(out)["decision"] == "merge"


def test_malformed_pairs_line_is_a_usage_error_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"a": "x", "b": "y"}\n{"a": 1}\n', "utf-8")
    code, out = invoke("--pairs", str(path), "--json")
    assert code == 2
    assert "line 2" in out


def test_unknown_kind_in_pairs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"a": "x", "b": "y", "kind": "planet"}\n', "utf-8")
    code, out = invoke("--pairs", str(path))
    assert code == 2
    assert "unknown kind" in out

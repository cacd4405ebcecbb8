"""Resolution quality on the frozen labelled pairs, scored as `vigil parties match --pairs`.

The pairs (`pairs_labelled.jsonl`, see FROZEN.md) were labelled before the
resolver was tuned and are never edited: the SHA-256 below pins them. The
command runs once over the whole file, in one process, as the issue asks.
Floors: precision of automatic merges >= 0.98; recall of automatic merges
>= 0.6; recall of true pairs merged or sent to review >= 0.95; review
queue <= 15% of pairs. Run with `-s` to see the numbers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from vigil.cli.parties import register

PAIRS = Path(__file__).with_name("pairs_labelled.jsonl")
FROZEN_SHA256 = "74818f62fbaf282393c913e503d22ea0a8082062edb232165f66da0bae6245ab"


@dataclass(frozen=True)
class Scores:
    pairs: int
    precision: float
    recall_merged: float
    recall_merged_or_review: float
    review_share: float


def score(labels: list[dict[str, object]], results: list[dict[str, object]]) -> Scores:
    merged_true = merged_false = reviewed_true = reviewed = 0
    for label, result in zip(labels, results, strict=True):
        assert (label["a"], label["b"]) == (result["a"], result["b"])
        same = bool(label["same"])
        if result["decision"] == "merge":
            merged_true += same
            merged_false += not same
        elif result["decision"] == "review":
            reviewed += 1
            reviewed_true += same
    true_pairs = sum(bool(label["same"]) for label in labels)
    return Scores(
        pairs=len(labels),
        precision=merged_true / max(1, merged_true + merged_false),
        recall_merged=merged_true / true_pairs,
        recall_merged_or_review=(merged_true + reviewed_true) / true_pairs,
        review_share=reviewed / len(labels),
    )


def run_pairs(path: Path) -> list[dict[str, object]]:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["parties", "match", "--pairs", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scores() -> Scores:
    labels = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines() if line.strip()]
    found = score(labels, run_pairs(PAIRS))
    print(
        f"\nresolution on {found.pairs} labelled pairs: precision of merges {found.precision:.3f}, "
        f"recall of merges {found.recall_merged:.3f}, recall of merges or reviews "
        f"{found.recall_merged_or_review:.3f}, review share {found.review_share:.3f}"
    )
    return found


def test_labelled_pairs_are_frozen() -> None:
    digest = hashlib.sha256(PAIRS.read_bytes()).hexdigest()
    assert digest == FROZEN_SHA256, "pairs_labelled.jsonl is frozen: add a new file instead"


def test_labelled_pairs_are_at_least_300_with_both_labels() -> None:
    labels = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines()]
    assert len(labels) >= 300
    assert {label["same"] for label in labels} == {True, False}


def test_precision_of_automatic_merges(scores: Scores) -> None:
    assert scores.precision >= 0.98


def test_recall_of_automatic_merges(scores: Scores) -> None:
    assert scores.recall_merged >= 0.6


def test_recall_of_merges_or_reviews(scores: Scores) -> None:
    assert scores.recall_merged_or_review >= 0.95


def test_review_queue_share(scores: Scores) -> None:
    assert scores.review_share <= 0.15

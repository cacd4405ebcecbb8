"""The number that says whether reading generalises: the wild corpus scored fold by
fold, each fold by zone and kind models trained without it
(`scripts/eval_extract.py wild --folds 5`). Its floors (`wild_held_out` in
`quality_floor.json`) only go up, like the in-sample ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ...conftest import REPO, SHARED, require

FLOORS = json.loads((Path(__file__).parents[1] / "quality_floor.json").read_text("utf-8"))


def fold_means(report: str) -> dict[str, float]:
    """Each field's F1 averaged over the folds of an `--folds` report."""
    sums: dict[str, list[float]] = {}
    for fold in report.split("## fold")[1:]:
        for line in fold.splitlines():
            if m := re.match(r"overall F1 ([0-9.]+)$", line):
                sums.setdefault("overall", []).append(float(m.group(1)))
            elif m := re.match(r"(\w+)\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)$", line):
                sums.setdefault(m.group(1), []).append(float(m.group(2)))
    return {field: round(sum(v) / len(v), 3) for field, v in sums.items()}


def test_fold_means_average_each_field() -> None:
    report = (
        "## fold 0 (held out: 2)\nsenders  1.000  0.500  0.667\noverall F1 0.700\n"
        "## fold 1 (held out: 3)\nsenders  0.500  0.500  0.500\noverall F1 0.600\n"
    )
    assert fold_means(report) == {"senders": 0.584, "overall": 0.65}


@pytest.mark.slow
def test_held_out_reading_meets_its_floor() -> None:
    require((SHARED / "eval" / "wild").is_dir(), f"the shared eval set at {SHARED}")
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "eval_extract.py"), "wild", "--folds", "5"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    means = fold_means(run.stdout)
    print("wild held out: " + json.dumps(means, sort_keys=True))
    below = {
        field: (means.get(field, 0.0), floor)
        for field, floor in FLOORS["wild_held_out"].items()
        if means.get(field, 0.0) < floor
    }
    assert below == {}, f"held-out reading fell below its floor (score, floor): {below}"

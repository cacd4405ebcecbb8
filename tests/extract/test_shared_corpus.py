"""The extractor on the shared, annotated letters: no component errors, and a
quality floor that only goes up.

Inputs are read the way `vigil extract --json FILE` reads them (the ingest
parsers, then the pipeline), in one process, and scored by the project's own
scorer `../shared/eval/score.py --pred`. The floors live in
`quality_floor.json`; raise them when the extractor improves, never lower them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from vigil.ingest import formats
from vigil.ingest.extraction import extract_parsed
from vigil.settings import Settings

from ..conftest import SHARED, require

FLOORS = json.loads((Path(__file__).with_name("quality_floor.json")).read_text("utf-8"))
SETS = {"dev": ("dev", "dev"), "public": ("public/gold", "public/texts"), "wild": ("wild", "wild")}


def inputs(texts: Path) -> list[Path]:
    return sorted(p for p in texts.iterdir() if p.suffix in (".txt", ".html", ".eml", ".md"))


def predict(texts: Path, out: Path, settings: Settings) -> dict[str, list[tuple[str, str]]]:
    """Write `<id>.json` for every input; return component errors by document."""
    errors: dict[str, list[tuple[str, str]]] = {}
    for path in inputs(texts):
        parsed = formats.parse(path.read_bytes(), path.name, settings)
        result = extract_parsed(parsed, settings)
        if result.errors:
            errors[path.name] = [(e.component, e.error_type) for e in result.errors]
        (out / f"{path.stem}.json").write_text(json.dumps(result.to_contract(path.stem)))
    return errors


def score(gold: Path, texts: Path, pred: Path) -> dict[str, float]:
    scorer = str(SHARED / "eval" / "score.py")
    run = subprocess.run(
        [sys.executable, scorer, "--gold", str(gold), "--texts", str(texts), "--pred", str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = {}
    for line in run.stdout.splitlines():
        if m := re.match(r"overall F1 ([0-9.]+)$", line):
            scores["overall"] = float(m.group(1))
        elif m := re.match(r"(\w+)\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)$", line):
            scores[m.group(1)] = float(m.group(2))
    return scores


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_extraction_meets_the_quality_floor(name: str, tmp_path: Path) -> None:
    require((SHARED / "eval" / "score.py").is_file(), f"the shared eval set at {SHARED}")
    gold, texts = (SHARED / "eval" / part for part in SETS[name])
    errors = predict(texts, tmp_path, Settings())
    assert errors == {}, "a pipeline component failed on a shared document"
    scores = score(gold, texts, tmp_path)
    print(f"{name}: " + json.dumps(scores, sort_keys=True))
    below = {
        field: (scores.get(field, 0.0), floor)
        for field, floor in FLOORS[name].items()
        if scores.get(field, 0.0) < floor
    }
    assert below == {}, f"{name} fell below its floor (score, floor): {below}"

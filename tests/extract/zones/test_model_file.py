"""The shipped zone and kind models are the ones `make models` makes from the
annotated corpora: training is deterministic, so a retrain gives the same bytes.

Training runs in a fresh interpreter, as `make models` does, so nothing another
test left in this process (a vocabulary cache, a model swapped in) can change it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vigil.extract.zones import kinds, tagger

from ...conftest import SHARED, require


@pytest.mark.slow
def test_the_shipped_models_are_what_training_makes(tmp_path: Path) -> None:
    require((SHARED / "eval" / "wild").is_dir(), f"the shared eval set at {SHARED}")
    out = tmp_path / "zones.crfsuite"
    subprocess.run(
        [sys.executable, "-m", "vigil.extract.zones.train", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    stale = "is stale: run `make models`"
    assert out.read_bytes() == tagger.MODEL_PATH.read_bytes(), f"zones.crfsuite {stale}"
    kind_out = tmp_path / "kinds.crfsuite"
    assert kind_out.read_bytes() == kinds.KIND_MODEL_PATH.read_bytes(), f"kinds.crfsuite {stale}"

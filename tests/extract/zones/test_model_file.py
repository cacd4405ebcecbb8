"""The shipped zone and kind models are the ones `make models` makes from the
annotated corpora: training is deterministic, so a retrain gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.extract.zones import kinds, tagger, train

from ...conftest import SHARED, require


@pytest.mark.slow
def test_the_shipped_models_are_what_training_makes(tmp_path: Path) -> None:
    require((SHARED / "eval" / "wild").is_dir(), f"the shared eval set at {SHARED}")
    out = tmp_path / "zones.crfsuite"
    kind_out = train.train_model(train.corpus_ids(train.DEFAULT_CORPUS), out)
    stale = "is stale: run `make models`"
    assert out.read_bytes() == tagger.MODEL_PATH.read_bytes(), f"zones.crfsuite {stale}"
    assert kind_out.read_bytes() == kinds.KIND_MODEL_PATH.read_bytes(), f"kinds.crfsuite {stale}"

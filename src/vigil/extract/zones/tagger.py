"""Label each line of a text with its zone, with the shipped CRF model.

The model (`zones.crfsuite`, beside this module) is data made by
`python -m vigil.extract.zones.train`; it is opened once per process.
`use_model` points the tagger at another file (the evaluation's fold models).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vigil.extract.zones.features import ZoneLine, line_features, zone_lines
from vigil.extract.zones.labels import Zone

MODEL_PATH = Path(__file__).with_name("zones.crfsuite")

_state: dict[str, Any] = {"path": MODEL_PATH, "tagger": None}


def use_model(path: Path) -> None:
    """Tag with the model at `path` from now on (in this process)."""
    _state["path"] = path
    _state["tagger"] = None


def current_model() -> Path:
    return Path(_state["path"])


def _tagger() -> Any:
    if _state["tagger"] is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(_state["path"]))
        _state["tagger"] = tagger
    return _state["tagger"]


def tag(text: str) -> list[tuple[ZoneLine, Zone, float, float]]:
    """Each non-blank line of `text` with its zone, the model's marginal confidence in it, and
    the marginal of the title zone (how likely the line is the title, whatever its label)."""
    lines = zone_lines(text)
    if not lines:
        return []
    tagger = _tagger()
    labels = tagger.tag(line_features(lines))
    out = []
    for i, (line, label) in enumerate(zip(lines, labels, strict=True)):
        title = tagger.marginal(Zone.TITLE.value, i)
        out.append((line, Zone(label), tagger.marginal(label, i), title))
    return out

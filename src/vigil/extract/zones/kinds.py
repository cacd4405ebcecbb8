# ruff: noqa: E501
"""The document's kind, from its zones and its cue words: a maximum-entropy
classifier (CRFsuite over one-item sequences) trained beside the zone model.

Features: which zones the document has and where (a salutation near the top,
a signature, a copy list, a quoted letter below an introduction), the kind
cues of every language (`kind_cues` of the language files, but those of the
kinds the kind stage decides by rule) in the title, the head and the tail, and
the document's length and format.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from vigil.extract import prefilter
from vigil.extract.zones.features import Features, _bucket
from vigil.extract.zones.labels import Zone
from vigil.extract.zones.read import Zoned
from vigil.vocab import languages

KIND_MODEL_PATH = Path(__file__).with_name("kinds.crfsuite")
KINDS = ("letter", "open_letter", "petition", "press_release", "news_article", "report", "other")

_state: dict[str, Any] = {"path": KIND_MODEL_PATH, "tagger": None}


def use_model(path: Path) -> None:
    _state["path"] = path
    _state["tagger"] = None


RULED_KINDS = frozenset({"news_article", "report"})
"""Kinds whose cues (a newsroom's conventions, a report's heading) decide by rule in the kind
stage: they are not features, so that the model learns these kinds from what the texts
without such cues show (a model that leans on the cue calls a news story without one a
statement)."""


@cache
def _learned_cues() -> tuple[tuple[tuple[str, languages.Rule], ...], prefilter.Literals]:
    """The kind cues the model reads as features (each with its kind), with their
    literals for one scan."""
    rules = tuple(
        (kind, rule)
        for kind in languages.KIND_KEYS
        if kind not in RULED_KINDS
        for rule in languages.rules("kind_cues", kind)
    )
    return rules, prefilter.Literals([rule.pattern for _, rule in rules])


def _cue_hits(text: str, folded: str | None = None) -> set[str]:
    """The kinds one of whose cues `text` holds (`folded`: its `fold_case`)."""
    hits = set()
    rules, index = _learned_cues()
    for i in index.candidates(prefilter.fold_case(text) if folded is None else folded):
        kind, rule = rules[i]
        if kind not in hits and rule.pattern.search(text):
            hits.add(kind)
    return hits


_BYLINE = re.compile(r"^(?:by|par|por|von|di|di|از|بقلم|автор)\s+\S+", re.I | re.M)
_SAID = re.compile(r"\b(?:said|told|according to|a déclaré|a dit|selon|dijo|declaró|según|sagte|erklärte|laut|ha detto|secondo|گفت|قال|заявил)\b", re.I)


def kind_features(
    text: str, title: str, zoned: list[Zoned], fmt: str, folded: str | None = None
) -> Features:
    """The kind model's features of a text (`folded`: its `fold_case`, when known)."""
    n = max(1, len(zoned))
    f: Features = {"bias": 1.0, "format": fmt, "lines": _bucket(n, (10, 20, 40, 80, 160))}
    f["chars"] = _bucket(len(text) // 1000, (1, 2, 4, 8, 16, 32))
    counts: dict[Zone, int] = {}
    first: dict[Zone, int] = {}
    for i, z in enumerate(zoned):
        counts[z.zone] = counts.get(z.zone, 0) + 1
        first.setdefault(z.zone, i)
    for zone in Zone:
        c = counts.get(zone, 0)
        f[f"has_{zone.value}"] = _bucket(c, (0, 1, 3, 10))
        if zone in first:
            f[f"at_{zone.value}"] = _bucket(int(10 * first[zone] / n), (0, 1, 3, 5, 8))
    lines = [z.line.text for z in zoned]
    head = "\n".join(lines[:12])
    tail = "\n".join(lines[-15:])
    for where, part, known in (("title", title, None), ("head", head, None), ("tail", tail, None), ("all", text, folded)):
        for kind in sorted(_cue_hits(part, known)):  # a fixed order: the model file is the same every run
            f[f"cue_{where}_{kind}"] = 1.0
    if _BYLINE.search(head):
        f["byline"] = 1.0
    f["said"] = _bucket(len(_SAID.findall(text)), (0, 1, 3, 6))
    f["quotes"] = _bucket(text.count("“") + text.count('"') // 2 + text.count("«"), (0, 2, 6, 12))
    return f


def classify(
    text: str, title: str, zoned: list[Zoned], fmt: str, folded: str | None = None
) -> tuple[str, float] | None:
    """(kind, probability), or None when no model is installed (`folded`: the text's
    `fold_case`, when known)."""
    if _state["tagger"] is None:
        if not Path(_state["path"]).is_file():
            return None
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(_state["path"]))
        _state["tagger"] = tagger
    tagger = _state["tagger"]
    [label] = tagger.tag([kind_features(text, title, zoned, fmt, folded)])
    return label, tagger.marginal(label, 0)

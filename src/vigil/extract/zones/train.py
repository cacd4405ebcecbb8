# ruff: noqa: E501
"""Train the zone model from an annotated corpus: `make models`, or

    python -m vigil.extract.zones.train [--corpus ../shared/eval/wild] [--out PATH]

Each document is read the way extraction reads it (the ingest parsers), its
lines are labelled from its answer key (`derive.py`) and described
(`features.py`), and a linear-chain CRF (CRFsuite, L-BFGS with L1 and L2
penalties) is trained over the sequences. Training is deterministic: the same
corpus gives the same model file, which is how CI checks that the shipped
model is the one this command makes.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

from vigil.extract.zones.derive import derive
from vigil.extract.zones.features import line_features, zone_lines
from vigil.extract.zones.tagger import MODEL_PATH

EVAL = Path(__file__).resolve().parents[4].parent / "shared" / "eval"
DEFAULT_CORPUS = EVAL / "wild"
EXTRA_CORPORA: tuple[tuple[Path, Path], ...] = (
    (EVAL / "dev", EVAL / "dev"),
    (EVAL / "public" / "gold", EVAL / "public" / "texts"),
)
"""Answer keys (and their inputs) trained on besides the main corpus: the two example
letters and the public statements, so the model knows those layouts too. Folds of the
main corpus are held out from training; these never are."""
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
KIND_PARAMS = {"c1": 0.1, "c2": 0.5, "max_iterations": 200}


def document_text(path: Path) -> str:
    """The text as the zone stage sees it: parsed by ingest, markup blanked."""
    return document_parts(path)[0]


def document_parts(path: Path) -> tuple[str, str, str]:
    """(text as the zone stage sees it, the parser's title, the format)."""
    from vigil.extract import markup
    from vigil.extract.context import Context
    from vigil.extract.types import ExtractInput, Extraction
    from vigil.ingest import formats
    from vigil.settings import Settings

    settings = Settings()
    parsed = formats.parse(path.read_bytes(), path.name, settings)
    text = parsed.text[: settings.nlp_max_chars]
    ctx = Context(doc=ExtractInput(text=text), settings=settings, text=text, result=Extraction())
    ctx.split_lines()
    markup.run(ctx)
    return ctx.text, parsed.title or "", parsed.format


def corpus_ids(corpus: Path) -> list[str]:
    return sorted(p.name[: -len(".gold.json")] for p in corpus.glob("*.gold.json"))


def input_path(corpus: Path, doc_id: str, texts: Path | None = None) -> Path | None:
    found = [p for p in sorted((texts or corpus).glob(f"{doc_id}.*")) if not p.name.endswith(".json")]
    return found[0] if found else None


def _documents(corpus: Path, ids: Iterable[str]) -> list[tuple[Path, Path]]:
    """(input, answer key) of the chosen documents of the main corpus and of every extra corpus."""
    out = [(corpus / f"{i}.gold.json", input_path(corpus, i)) for i in ids]
    if corpus == DEFAULT_CORPUS:
        for gold_dir, texts in EXTRA_CORPORA:
            out += [(gold_dir / f"{i}.gold.json", input_path(gold_dir, i, texts)) for i in corpus_ids(gold_dir)]
    return [(path, gold) for gold, path in out if path is not None and gold.is_file()]


def labelled(corpus: Path, ids: Iterable[str]) -> list[tuple[list[dict[str, float | str]], list[str]]]:
    """(features, labels) of each document's non-blank lines."""
    out = []
    for path, gold_path in _documents(corpus, ids):
        gold = json.loads(gold_path.read_text("utf-8"))
        lines = zone_lines(document_text(path))
        if lines:
            out.append((line_features(lines), [z.value for z in derive(lines, gold)]))
    return out


def train_model(ids: Iterable[str], out: Path, corpus: Path = DEFAULT_CORPUS) -> Path:
    """Train the zone model into `out` and the kind model beside it; return the kind model's path."""
    import pycrfsuite

    ids = list(ids)
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in labelled(corpus, ids):
        trainer.append(features, labels)
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    kind_out = out.with_name(out.name.replace("zones", "kinds")) if "zones" in out.name else out.with_suffix(".kinds")
    train_kinds(ids, out, kind_out, corpus)
    return kind_out


def train_kinds(ids: list[str], zone_model: Path, out: Path, corpus: Path = DEFAULT_CORPUS) -> None:
    """The kind classifier, over each document's zones as the new zone model reads them."""
    import pycrfsuite

    from vigil.extract.zones import kinds, tagger
    from vigil.extract.zones.read import Zoned

    previous = tagger.current_model()
    tagger.use_model(zone_model)
    trainer = pycrfsuite.Trainer(verbose=False)
    try:
        for path, gold_path in _documents(corpus, ids):
            gold = json.loads(gold_path.read_text("utf-8"))
            text, title, fmt = document_parts(path)
            zoned = [Zoned(line, zone, conf) for line, zone, conf, _title in tagger.tag(text)]
            trainer.append([kinds.kind_features(text, title, zoned, fmt)], [gold.get("kind") or "other"])
    finally:
        tagger.use_model(previous)
    trainer.set_params(KIND_PARAMS)
    trainer.train(str(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    kinds = train_model(corpus_ids(args.corpus), args.out, args.corpus)
    print(f"zone model written to {args.out}, kind model to {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

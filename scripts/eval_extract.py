# ruff: noqa: E501
"""Score extraction on an annotated set of `../shared/eval`, whole or by held-out fold.

    python scripts/eval_extract.py wild            # in-sample, every document
    python scripts/eval_extract.py wild --folds 5  # five folds (by document), each scored alone
    python scripts/eval_extract.py wild --folds 5 --hold-back 4  # inner CV: folds 0-3 only
    python scripts/eval_extract.py public --per-doc

Predictions are made the way `vigil extract --json FILE` makes them (the ingest
parsers, then the pipeline) and scored by `../shared/eval/score.py`. The fold of a
document is fixed (`vigil.extract.zones.folds`), so the zone model trained for a
fold never saw the documents scored in it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = {"dev": ("dev", "dev"), "public": ("public/gold", "public/texts"), "wild": ("wild", "wild")}


def inputs(texts: Path, ids: Iterable[str]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for doc_id in ids:
        paths = [p for p in sorted(texts.glob(f"{doc_id}.*")) if not p.name.endswith(".json")]
        if paths:
            found[doc_id] = paths[0]
    return found


def gold_ids(gold: Path) -> list[str]:
    return sorted(p.name[: -len(".gold.json")] for p in gold.glob("*.gold.json"))


def predict(paths: dict[str, Path], out: Path, model: Path | None = None, kinds: Path | None = None) -> None:
    from vigil.extract.pipeline import extract_many
    from vigil.ingest import formats
    from vigil.ingest.extraction import extraction_input
    from vigil.settings import Settings

    settings = Settings()
    if model is not None and kinds is not None:
        from vigil.extract.zones import kinds as kind_model
        from vigil.extract.zones import tagger

        tagger.use_model(model)
        kind_model.use_model(kinds)
    ids = list(paths)
    docs = [extraction_input(formats.parse(paths[i].read_bytes(), paths[i].name, settings)) for i in ids]
    for doc_id, result in zip(ids, extract_many(docs, settings), strict=True):
        (out / f"{doc_id}.json").write_text(json.dumps(result.to_contract(doc_id)), "utf-8")


def score(gold: Path, ids: list[str], texts: Path, pred: Path, per_doc: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        for doc_id in ids:
            (Path(tmp) / f"{doc_id}.gold.json").symlink_to(gold / f"{doc_id}.gold.json")
        argv = [sys.executable, str(SHARED / "score.py"), "--gold", tmp, "--texts", str(texts)]
        argv += ["--pred", str(pred)] + (["--per-doc"] if per_doc else [])
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


def overall(report: str) -> float:
    m = re.search(r"overall F1 ([0-9.]+)", report)
    return float(m.group(1)) if m else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("--folds", type=int, default=0, help="train the zone model on the other folds, score each")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--skip-fold", type=int, action="append", default=[], help="with --folds: do not run this fold")
    ap.add_argument(
        "--hold-back", type=int, help="with --folds: leave this fold out of every training and scoring (inner CV over the rest)"
    )
    ap.add_argument("--lang", help="only documents in this language (gold)")
    ap.add_argument("--keep", type=Path, help="write predictions here")
    ap.add_argument("--only-fold", type=int, help="score only the documents of this fold (of 5)")
    ap.add_argument("--not-fold", type=int, help="score every document except this fold's (of 5)")
    args = ap.parse_args()
    gold, texts = (SHARED / part for part in SETS[args.set])
    ids = gold_ids(gold)
    if args.lang:
        ids = [i for i in ids if json.loads((gold / f"{i}.gold.json").read_text())["language"] == args.lang]
    if args.only_fold is not None or args.not_fold is not None:
        from vigil.extract.zones.folds import fold_of

        if args.only_fold is not None:
            ids = [i for i in ids if fold_of(i) == args.only_fold]
        if args.not_fold is not None:
            ids = [i for i in ids if fold_of(i) != args.not_fold]
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.keep or Path(tmp)
        pred.mkdir(parents=True, exist_ok=True)
        if not args.folds:
            predict(inputs(texts, ids), pred)
            print(score(gold, ids, texts, pred, args.per_doc))
            return 0
        from vigil.extract.zones import folds, train

        scores = []
        back = args.hold_back
        for k in range(args.folds):
            if k in args.skip_fold or k == back:
                continue
            held = [i for i in ids if folds.fold_of(i, args.folds) == k]
            model = Path(tmp) / f"zones-{k}.crfsuite"
            kinds = train.train_model([i for i in gold_ids(gold) if folds.fold_of(i, args.folds) not in (k, back)], model)
            predict(inputs(texts, held), pred, model, kinds)
            report = score(gold, held, texts, pred, args.per_doc)
            scores.append(overall(report))
            print(f"## fold {k} (held out: {len(held)})\n{report}")
        print(f"held-out mean overall F1 {sum(scores) / len(scores):.3f}  folds {scores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

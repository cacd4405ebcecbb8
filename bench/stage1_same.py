"""Does a change to stage 1 store the same documents? Two trees, one corpus, compared.

    .venv/bin/python bench/stage1_same.py --base /tmp/base-tree PATH...   # this tree vs base
    .venv/bin/python bench/stage1_same.py --bench-n 1000 --base /tmp/base-tree PATH...

`--base` is a checkout of the tree to compare with (`git worktree add` or `git archive`).
Each tree ingests the same files (the bench corpus of `bench/ingest.py` when `--bench-n`
is given, plus every file under the PATHs) into its own fresh SQLCipher store, in its
own process, with its own `src` first on the path; every stored document is then
compared field by field: SHA-256, format, size, state, title, language, kind,
published, text, full text, metadata, boilerplate spans, parent, original bytes and
sources. Prints the count of documents and rejections on each side and every
difference (ids and field names only, never content); exits 1 when they differ.
Out of CI.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase"
FIELDS = (
    "format",
    "size",
    "state",
    "title",
    "language",
    "kind",
    "published",
    "text",
    "full_text",
    "metadata",
    "boilerplate",
    "parent",
    "original",
    "sources",
)


def dump(out: Path, home: Path, paths: list[Path]) -> None:
    """Ingest `paths` with the `vigil` on sys.path; write every document as JSON."""
    from sqlalchemy import text

    from vigil.ingest.pipeline import ingest
    from vigil.settings import Settings
    from vigil.store import init_store

    settings = Settings(
        home=home,
        argon2_memory_kib=1024,
        argon2_time_cost=1,
        insecure_test_kdf=True,
        workers=1,
    )
    store = init_store(settings, PASSPHRASE).store
    with store:
        report = ingest(store, settings, paths, ocr=False)
        with store.engine.connect() as conn:
            docs = conn.execute(text("SELECT * FROM documents ORDER BY id")).mappings().all()
            sha_of = {row["id"]: row["sha256"] for row in docs}
            sources: dict[int, list[list[str]]] = {}
            for doc_id, locator, kind in conn.execute(
                text("SELECT document_id, locator, kind FROM sources ORDER BY id")
            ):
                sources.setdefault(doc_id, []).append([locator, kind])
            originals = {
                doc_id: store.dialect.open_original(doc_id, data).hex()
                for doc_id, data in conn.execute(text("SELECT document_id, data FROM originals"))
            }
    found: dict[str, dict[str, Any]] = {}
    for row in docs:
        found[row["sha256"]] = {
            **{name: row[name] for name in FIELDS if name in row},
            "metadata": json.loads(row["metadata"] or "{}"),
            "boilerplate": json.loads(row["boilerplate"] or "[]"),
            "parent": sha_of.get(row["parent_id"]),
            "original": originals.get(row["id"]),
            "sources": sources.get(row["id"], []),
        }
    rejected = sorted([r.locator, r.reason or ""] for r in report.rejected)
    out.write_text(json.dumps({"documents": found, "rejected": rejected}, default=str))


def run_tree(tree: Path, out: Path, home: Path, paths: list[Path]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--dump", str(out), "--home", str(home)]
    subprocess.run([*cmd, *map(str, paths)], check=True, env=env, cwd=tree)
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--base", type=Path, help="the tree to compare this one with")
    parser.add_argument("--bench-n", type=int, default=0, help="add N bench/ingest.py files")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.home, args.paths)
        return
    if args.base is None:
        parser.error("--base is required")
    with tempfile.TemporaryDirectory(prefix="vigil-stage1-same-") as tmp:
        paths = [p.resolve() for p in args.paths]
        if args.bench_n:
            sys.path[:0] = [str(REPO), str(REPO / "src")]
            from bench.ingest import make_corpus

            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            make_corpus(corpus, args.bench_n)
            paths.append(corpus)
        sides = {
            name: run_tree(tree.resolve(), Path(tmp) / f"{name}.json", Path(tmp) / name, paths)
            for name, tree in (("base", args.base), ("this", REPO))
        }
    base, this = sides["base"], sides["this"]
    differences = 0
    for sha in sorted(set(base["documents"]) | set(this["documents"])):
        left, right = base["documents"].get(sha), this["documents"].get(sha)
        if left is None or right is None:
            differences += 1
            print(f"{sha[:12]}: stored only in {'this tree' if left is None else 'base'}")
            continue
        changed = [name for name in FIELDS if left.get(name) != right.get(name)]
        if changed:
            differences += 1
            print(f"{sha[:12]}: differs in {', '.join(changed)}")
    if base["rejected"] != this["rejected"]:
        differences += 1
        print("the rejections differ")
    print(
        f"base: {len(base['documents'])} documents, {len(base['rejected'])} rejected;"
        f" this tree: {len(this['documents'])} documents, {len(this['rejected'])} rejected;"
        f" {differences} differences"
    )
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()

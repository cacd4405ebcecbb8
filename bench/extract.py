"""Stage-2 extraction throughput and memory against bare spaCy (out of CI).

    OMP_NUM_THREADS=1 .venv/bin/python bench/extract.py            # N=1000
    OMP_NUM_THREADS=1 .venv/bin/python bench/extract.py --n 300 --sizes 100,200,300

On the same N synthetic English texts (`bench/corpus.py`, 0.5-5 KB), in one
process with the models loaded once: letters/s of the bare spaCy pipeline
(the same English model Vigil loads, `nlp.pipe`, batch_size=64) and of Vigil's
full extraction (`vigil.extract.extract_many`), and their ratio (target
>= 0.8). Then, each in a fresh process, the peak RSS of Vigil's extraction
after 250, 500 and 1,000 documents (target: flat).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import letter
from vigil.extract import ExtractInput, extract_many
from vigil.extract.models import pipeline_for
from vigil.settings import Settings


def texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [letter(rng)[1] for _ in range(n)]  # (title, body): the English body


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(n: int) -> dict[str, float]:
    docs = texts(n)
    settings = Settings()
    nlp = pipeline_for("en")
    list(nlp.pipe(docs[:16], batch_size=64))  # warm up both
    list(extract_many([ExtractInput(text=t, language="en") for t in docs[:16]], settings))
    start = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=64):
        pass
    spacy_rate = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in extract_many((ExtractInput(text=t, language="en") for t in docs), settings):
        pass
    vigil_rate = n / (time.perf_counter() - start)
    return {"spacy_per_s": spacy_rate, "vigil_per_s": vigil_rate, "ratio": vigil_rate / spacy_rate}


def rss_at(n: int) -> float:
    settings = Settings()
    for _ in extract_many((ExtractInput(text=t, language="en") for t in texts(n)), settings):
        pass
    return peak_rss_mb()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--sizes", default="250,500,1000")
    ap.add_argument("--rss-only", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_only:
        print(json.dumps({"n": args.rss_only, "peak_rss_mb": rss_at(args.rss_only)}))
        return 0
    if os.environ.get("OMP_NUM_THREADS") != "1":
        print("warning: set OMP_NUM_THREADS=1 for a one-core figure", file=sys.stderr)
    rates = throughput(args.n)
    print(f"documents: {args.n} (English synthetic letters, 0.5-5 KB)")
    print(f"bare spaCy nlp.pipe   {rates['spacy_per_s']:8.1f} letters/s")
    print(f"Vigil extract_many    {rates['vigil_per_s']:8.1f} letters/s")
    print(f"ratio                 {rates['ratio']:8.2f}  (target >= 0.8)")
    for size in [int(s) for s in args.sizes.split(",")]:
        run = subprocess.run(
            [sys.executable, __file__, "--rss-only", str(size)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        )
        row = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"peak RSS after {size:5d} documents: {row['peak_rss_mb']:7.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

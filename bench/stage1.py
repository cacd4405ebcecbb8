"""Stage-1 ingest against its floor, and where its time goes.

    .venv/bin/python bench/stage1.py               # N=1000 synthetic letters
    .venv/bin/python bench/stage1.py --n 300 --top 12

The corpus is `bench/ingest.py`'s (70% text, 20% HTML, 10% PDF). Three runs on
fresh SQLCipher stores, in this process:

1. the floor: read + SHA-256 + insert of the raw bytes decoded as text, no
   parsing (`Store.add_document`, one transaction per document, as ingest does);
2. Vigil's stage 1 (`ingest`, one parser worker, no NLP), its ratio to the floor;
3. the parsers alone (`formats.parse` in this process, what a worker does), by
   format, with a profile: language detection, boilerplate, PDF, HTML ...

With one worker the two sides overlap, so stage 1 runs at about the slower of
the main process (hash, de-duplicate, insert) and the worker (parse). The
profile of the main process during stage 1 is printed as well. CPU is measured
with the profilers on (the lines before the last, comparable with earlier runs)
and, in a second run of each, without them (the last line). Out of CI.

Last measured (December 2026, N=1000, 10 runs alternated with the tree before, a shared
2-core machine at load 2-4, runs spread by +-20%): per core without the profilers,
median 224 docs/s before and 249 after the store's inserts moved to the driver's cursor
(`store/driver.py`; runs 175-281 and 203-300, the tree after ahead in 9 of the 10
pairs); the main process median 2.75 -> 2.41 ms a document. The round before: 196 -> 216
(load 7-9) from the boilerplate and HTML changes (text parse 0.66 -> 0.44 ms, HTML
5.1-5.3 -> 4.9-5.0 ms). Where the CPU of a document goes (3.3-4.9 ms in these runs): the
main process 1.8-2.9 ms, most of it SQLite's own work (statements about 0.8 ms: the
document row and its indexes 0.2-0.25, the audit entry's insert 0.15, the FTS5 entry
0.1, the original 0.05-0.1; the commit, where SQLCipher encrypts the pages, about 0.75;
one run each with `secure_delete` off, to measure only, took 0.35-0.65 ms less: it
zeroes freed pages, probably those FTS5's merges free); SQLAlchemy's statement path,
about 20 us a statement, is gone from the insert, begin and commit still take it (about
30 us); the round trip to the worker about 0.1 ms. The parser 1.5-1.9 ms on average:
HTML 3.7-5 ms a page (trafilatura 3-3.8 of it, its metadata about a third), PDF about 3
ms (pypdf's text extraction), text 0.4 ms (boilerplate about 0.2, language about 0.06).
Language detection and boilerplate no longer dominate anything. Check that a change
stores the same documents with `bench/stage1_same.py`.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.ingest import make_corpus  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def fresh_store(tmp: Path, name: str) -> tuple[Any, Any]:
    from vigil.settings import Settings
    from vigil.store import init_store

    settings = Settings(
        home=tmp / name,
        argon2_memory_kib=1024,
        argon2_time_cost=1,
        insecure_test_kdf=True,
        workers=1,
    )
    return settings, init_store(settings, PASSPHRASE).store


def floor(files: list[Path], tmp: Path) -> tuple[float, float]:
    """Read + SHA-256 + insert, no parsing: documents/s, and CPU ms a document."""
    from vigil.model import ParsedDocument

    _, store = fresh_store(tmp, "floor")
    with store:
        started, cpu = time.perf_counter(), time.process_time()
        for path in files:
            data = path.read_bytes()
            sha256 = hashlib.sha256(data).hexdigest()
            if store.find_by_sha256(sha256) is not None:
                continue
            text = data.decode("utf-8", errors="replace")
            store.add_document(
                ParsedDocument(format="txt", text=text, full_text=text), data, locator=str(path)
            )
        cpu_ms = 1000 * (time.process_time() - cpu) / len(files)
        return len(files) / (time.perf_counter() - started), cpu_ms


def stage1(files: list[Path], tmp: Path, top: int) -> tuple[float, float, float]:
    """Documents/s and CPU ms a document of the main process, profiled (as printed) and not."""
    from vigil.ingest.pipeline import ingest

    plain_ms = 0.0
    for name in ("stage1-unprofiled", "stage1"):
        settings, store = fresh_store(tmp, name)
        profiler = cProfile.Profile()
        with store:
            started, cpu = time.perf_counter(), time.process_time()
            if name == "stage1":
                profiler.enable()
            report = ingest(store, settings, files, ocr=False)
            profiler.disable()
            rate = len(files) / (time.perf_counter() - started)
            cpu_ms = 1000 * (time.process_time() - cpu) / len(files)
        if name == "stage1-unprofiled":
            plain_ms = cpu_ms
    print(f"\nmain process during stage 1 ({len(report.rejected)} rejected), top by own time:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    return rate, cpu_ms, plain_ms


def parsers(files: list[Path], top: int) -> tuple[dict[str, float], dict[str, float]]:
    """`formats.parse` in this process: CPU ms per document by format, profiled and not."""
    from vigil.ingest import formats
    from vigil.ingest.language import detect_language
    from vigil.settings import Settings

    settings = Settings()
    detect_language("A warm-up sentence, so the models load before the clock.", settings.languages)
    spent: dict[str, list[float]] = defaultdict(list)
    plain: dict[str, list[float]] = defaultdict(list)
    profiler = cProfile.Profile()
    for path in files:
        data = path.read_bytes()
        started = time.process_time()
        formats.parse(data, path.name, settings)
        plain[path.suffix].append(time.process_time() - started)
        started = time.process_time()
        profiler.enable()
        formats.parse(data, path.name, settings)
        profiler.disable()
        spent[path.suffix].append(time.process_time() - started)
    print("\nparsers alone (a worker's work), top by cumulative time:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    return (
        {fmt: 1000 * sum(t) / len(t) for fmt, t in spent.items()},
        {fmt: 1000 * sum(t) / len(t) for fmt, t in plain.items()},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--top", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vigil-bench-stage1-") as tmp:
        files = make_corpus(Path(tmp), args.n)
        base, base_cpu = floor(files, Path(tmp))
        vigil, main_cpu, main_plain = stage1(files, Path(tmp), args.top)
        by_format, plain_by_format = parsers(files, args.top)

    def mean(ms_by_format: dict[str, float]) -> float:
        counts = {s: len([f for f in files if f.suffix == s]) for s in ms_by_format}
        return sum(counts[s] * ms for s, ms in ms_by_format.items()) / len(files)

    print(f"\nN={args.n}; SQLCipher; one parser worker")
    print(f"floor (read + SHA-256 + insert, no parsing): {base:7.1f} docs/s")
    print(f"Vigil stage 1:                               {vigil:7.1f} docs/s")
    print(f"ratio Vigil / floor: {vigil / base:.2f}   (wall clock: the machine's load counts)")
    parse_cpu = mean(by_format)
    print(
        "parse CPU ms per document: "
        + ", ".join(f"{s} {ms:.1f}" for s, ms in sorted(by_format.items()))
        + f"; mean {parse_cpu:.1f} ms, a worker's ceiling {1000 / parse_cpu:.0f} docs/s"
    )
    print(
        f"CPU ms per document: floor {base_cpu:.2f}; Vigil main process {main_cpu:.2f}"
        f" (profiled) + parser {parse_cpu:.2f} = {main_cpu + parse_cpu:.2f}"
    )
    per_core = 1000 / (main_cpu + parse_cpu)
    print(
        f"per core (CPU): floor {1000 / base_cpu:.0f} docs/s, Vigil {per_core:.0f} docs/s;"
        f" ratio {per_core * base_cpu / 1000:.2f}   (target: >= 200 docs/s per core)"
    )
    plain_cpu = main_plain + mean(plain_by_format)
    print(
        f"unprofiled (the profiler's overhead left out): main process {main_plain:.2f}"
        f" + parser {mean(plain_by_format):.2f} = {plain_cpu:.2f} CPU ms per document;"
        f" per core {1000 / plain_cpu:.0f} docs/s, ratio {base_cpu / plain_cpu:.2f}"
    )


if __name__ == "__main__":
    main()

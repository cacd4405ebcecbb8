"""Cluster mode on this machine: documents/s with 1 and 2 Dask workers, and what it costs.

    .venv/bin/python bench/cluster.py                 # N=300, workers 1 then 2
    .venv/bin/python bench/cluster.py --n 100 --backend postgresql

For each worker count, a fresh `LocalCluster` (processes, one thread each; every
worker starts its parser and extraction sandboxes once, before the clock starts)
and a fresh store; then the same N synthetic letters (`bench/ingest.py`'s corpus:
70% text, 20% HTML, 10% PDF) go through stage 1 (`ingest(..., pool=ClusterPool)`)
and stage 2 (`extract_stored(..., extractor=ClusterPool)`). Prints documents/s of
each stage and of both, the ratio 2 workers / 1 worker, CPU seconds and peak
memory per worker (the Dask worker and its sandbox processes), the client's CPU
seconds per document (it hashes, de-duplicates and writes every document: the
ceiling of one client), and the payload bytes moved per document (file bytes
out, parsed documents back, extraction inputs out and results back, as pickled;
Dask's framing is not counted). The baseline is local mode on the same corpus
(one parser and one extraction process). Ends with the arithmetic for 10 machines and
1,000,000 documents. Out of CI.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.ingest import make_corpus  # noqa: E402

PASSPHRASE = "benchmark passphrase"


@dataclass
class Moved:
    """Payload bytes crossing the network, counted as pickles at the client."""

    out: int = 0
    back: int = 0


def worker_usage() -> dict[str, float]:
    """Runs on a worker: CPU seconds and RSS of the worker and its sandboxes."""
    import psutil

    me = psutil.Process()
    procs = [me, *me.children(recursive=True)]
    cpu = 0.0
    rss = 0
    for proc in procs:
        try:
            times = proc.cpu_times()
            cpu += times.user + times.system
            rss += proc.memory_info().rss
        except psutil.Error:
            continue
    return {"cpu_s": cpu, "rss_mb": rss / 2**20, "processes": len(procs)}


def counted(pool: Any, moved: Moved) -> None:
    """Wrap the pool's two ways out so the bench sees what each task carries."""
    run_many, extract = pool._run_many, pool.extract

    def run_many_counted(items: Iterable[Any]) -> Iterator[Any]:
        def sent() -> Iterator[Any]:
            for item in items:
                moved.out += len(item[2])
                yield item

        for label, result in run_many(sent()):
            moved.back += len(pickle.dumps(result))
            yield label, result

    def extract_counted(batches: Iterable[Any]) -> Iterator[Any]:
        def sent() -> Iterator[Any]:
            for batch in batches:
                moved.out += len(pickle.dumps(batch))
                yield batch

        for results in extract(sent()):
            moved.back += len(pickle.dumps(results))
            yield results

    pool._run_many, pool.extract = run_many_counted, extract_counted


_POSTGRES: list[Any] = []  # the one server of a --backend postgresql run
_DATABASES = iter(range(1, 100))


def database_url(backend: str) -> str | None:
    """A fresh database on a temporary PostgreSQL server (started once), or None."""
    if backend != "postgresql":
        return None
    if not _POSTGRES:
        from tests.pg_server import TempPostgres, find_bindir

        bindir = find_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL binaries missing: run scripts/install-postgres.sh")
        _POSTGRES.append(TempPostgres(bindir).start())
    return str(_POSTGRES[0].create_database(f"bench_cluster_{next(_DATABASES)}"))


def bench_settings(tmp: Path, backend: str) -> Any:
    from vigil.settings import Settings

    return Settings(
        home=tmp / "home",
        database_url=database_url(backend),
        encrypt=backend != "plain",
        argon2_memory_kib=1024,
        argon2_time_cost=1,
        insecure_test_kdf=True,
    )


def run_local(corpus: list[Path], backend: str) -> dict[str, float]:
    """The baseline: local mode with one parser and one extraction sandbox process."""
    from vigil.ingest.extraction import extract_stored
    from vigil.ingest.pipeline import Outcome, ingest
    from vigil.store import init_store

    with tempfile.TemporaryDirectory(prefix="vigil-bench-local-") as tmp:
        settings = bench_settings(Path(tmp), backend).with_(workers=1)
        store = init_store(settings, PASSPHRASE if settings.encrypt else None).store
        with store:
            t0 = time.perf_counter()
            report = ingest(store, settings, corpus, ocr=False)
            t1 = time.perf_counter()
            results = extract_stored(store, settings, "pending")
            t2 = time.perf_counter()
    stored = report.count(Outcome.STORED) + report.count(Outcome.NEEDS_OCR)
    return {
        "stage1_docs_s": stored / (t1 - t0),
        "stage2_docs_s": len(results) / (t2 - t1),
        "both_docs_s": stored / (t2 - t0),
        "seconds": t2 - t0,
    }


def run(workers: int, corpus: list[Path], backend: str, profile: bool = False) -> dict[str, float]:
    from vigil.ingest.cluster import ClusterPool, local_cluster
    from vigil.ingest.extraction import extract_stored
    from vigil.ingest.pipeline import Outcome, ingest
    from vigil.store import init_store

    with (
        tempfile.TemporaryDirectory(prefix="vigil-bench-cluster-") as tmp,
        local_cluster(workers) as client,
    ):
        settings = bench_settings(Path(tmp), backend)
        store = init_store(settings, PASSPHRASE if settings.encrypt else None).store
        moved = Moved()
        with store, ClusterPool(settings, client) as pool:  # sandboxes start here
            counted(pool, moved)
            before = client.run(worker_usage)
            profiler = cProfile.Profile() if profile else None
            cpu0, t0 = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            report = ingest(store, settings, corpus, pool=pool, ocr=False)
            t1 = time.perf_counter()
            results = extract_stored(store, settings, "pending", extractor=pool)
            t2 = time.perf_counter()
            if profiler:
                profiler.disable()
            client_cpu = time.process_time() - cpu0
            after = client.run(worker_usage)
    if profiler:
        print(f"\nclient profile, {workers} worker(s): where the client's time goes")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(14)
    stored = report.count(Outcome.STORED) + report.count(Outcome.NEEDS_OCR)
    return {
        "stored": stored,
        "rejected": report.count(Outcome.REJECTED),
        "extracted": len(results),
        "stage1_docs_s": stored / (t1 - t0),
        "stage2_docs_s": len(results) / (t2 - t1),
        "both_docs_s": stored / (t2 - t0),
        "seconds": t2 - t0,
        "worker_cpu_s": sum(after[w]["cpu_s"] - before[w]["cpu_s"] for w in after) / len(after),
        "docs_per_cpu_s": stored
        / max(sum(after[w]["cpu_s"] - before[w]["cpu_s"] for w in after), 1e-9),
        "worker_rss_mb": max(after[w]["rss_mb"] for w in after),
        "worker_processes": max(after[w]["processes"] for w in after),
        "client_cpu_ms_per_doc": 1000 * client_cpu / max(stored, 1),
        "bytes_per_doc": (moved.out + moved.back) / max(stored, 1),
        "bytes_out_per_doc": moved.out / max(stored, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument(
        "--backend", choices=["sqlcipher", "plain", "postgresql"], default="sqlcipher"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the client (2 workers)")
    args = parser.parse_args()
    print(f"cores here: {os.cpu_count()} (shared); N={args.n}; store: {args.backend}")
    try:
        with tempfile.TemporaryDirectory(prefix="vigil-bench-corpus-") as tmp:
            corpus = make_corpus(Path(tmp), args.n)
            local = run_local(corpus, args.backend)
            rows = {w: run(w, corpus, args.backend, args.profile and w == 2) for w in (1, 2)}
    finally:
        for server in _POSTGRES:
            server.stop()
    print(
        f"\nlocal mode, 1 parser + 1 extraction process (baseline): stage 1"
        f" {local['stage1_docs_s']:.1f}/s, stage 2 {local['stage2_docs_s']:.1f}/s, both"
        f" {local['both_docs_s']:.1f}/s ({local['seconds']:.1f} s; sandboxes start inside"
        " the clock here)"
    )
    print(
        f"\n{'workers':<9}{'stage1/s':>10}{'stage2/s':>10}{'both/s':>9}{'seconds':>9}"
        f"{'CPU s/worker':>14}{'docs/CPU-s':>12}{'RSS MB/worker':>15}{'client ms/doc':>15}"
        f"{'bytes/doc':>11}"
    )
    for w, r in rows.items():
        print(
            f"{w:<9}{r['stage1_docs_s']:>10.1f}{r['stage2_docs_s']:>10.1f}"
            f"{r['both_docs_s']:>9.1f}{r['seconds']:>9.1f}{r['worker_cpu_s']:>14.1f}"
            f"{r['docs_per_cpu_s']:>12.2f}"
            f"{r['worker_rss_mb']:>15.0f}{r['client_cpu_ms_per_doc']:>15.1f}"
            f"{r['bytes_per_doc']:>11.0f}"
        )
        if r["rejected"] or r["extracted"] != r["stored"]:
            print(f"  ({r['rejected']:.0f} rejected, {r['extracted']:.0f} extracted)")
    one, two = rows[1], rows[2]
    print(f"\n1 Dask worker / local mode: {one['both_docs_s'] / local['both_docs_s']:.2f}")
    ratio = two["both_docs_s"] / one["both_docs_s"]
    print(
        f"\nratio 2 workers / 1 worker: {ratio:.2f} (stage 1 "
        f"{two['stage1_docs_s'] / one['stage1_docs_s']:.2f}, stage 2 "
        f"{two['stage2_docs_s'] / one['stage2_docs_s']:.2f}); ideal 2.00 on 2 free cores"
    )
    print(
        f"docs per worker CPU-second, 2 workers / 1 worker: "
        f"{two['docs_per_cpu_s'] / one['docs_per_cpu_s']:.2f} (1.00: no cost to spreading"
        " the work; the wall-clock ratio above also measures how much CPU this shared"
        " machine gave the workers)"
    )
    per_core = two["docs_per_cpu_s"]
    client_ms = min(one["client_cpu_ms_per_doc"], two["client_cpu_ms_per_doc"])  # unprofiled
    client_ceiling = 1000 / client_ms
    cores = 10 * 8
    rate = min(cores * per_core, client_ceiling)
    print(
        "\n10 machines x 8 cores, 1,000,000 documents (arithmetic from the rows above):"
        f"\n  a worker core does {per_core:.1f} docs per CPU-second (parse + extract), so 80"
        " cores"
        f" would do {cores * per_core:.0f} docs/s;"
        f"\n  one client spends {client_ms:.1f} ms CPU per document"
        f" (hash, de-duplicate, write; Dask's client thread included), a ceiling of"
        f" {client_ceiling:.0f} docs/s;"
        f"\n  so about {rate:.0f} docs/s: 1,000,000 documents in"
        f" {1_000_000 / rate / 3600:.1f} h, moving"
        f" {two['bytes_per_doc'] * 1e6 / 2**30:.1f} GiB of payload"
        f" ({two['bytes_per_doc'] / 1024:.1f} KiB per document;"
        f" {two['bytes_per_doc'] * rate * 8 / 1e6:.0f} Mbit/s at that rate)."
    )


if __name__ == "__main__":
    main()

"""Stage-1 ingest throughput and memory, on SQLCipher, plain SQLite and PostgreSQL.

    .venv/bin/python bench/ingest.py                # N=2000, then RSS at 1k..8k
    .venv/bin/python bench/ingest.py --n 500 --sizes 500,1000 --no-postgres

Generates N synthetic letters (0.5-5 KB; 70% text, 20% HTML, 10% PDF written
by hand as minimal PDF bytes), then ingests them with
`vigil.ingest.pipeline.ingest` (the real parser pool, one worker by default,
no NLP) into a fresh store per backend, each run in its own process so peak
RSS is that run's. Prints documents/s and peak RSS (Vigil's process; parser
workers apart), the encryption overhead (1 - SQLCipher rate / plain rate;
target <= 15%), and peak RSS for each N in --sizes with the slope (target:
flat). Out of CI.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.corpus import letter  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def minimal_pdf(title: str, body: str) -> bytes:
    """A one-page PDF with a text layer (Helvetica, WinAnsi), offsets computed by hand."""
    lines = [title, *body.splitlines()][:60]

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"]
    for line in lines:
        for start in range(0, max(len(line), 1), 95):
            ops.append(f"({esc(line[start:start + 95])}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        b"<< /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def html_page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article>"
            f"<footer>© Families' association · Contact · Privacy</footer></body></html>").encode()


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        title, body = letter(rng)
        roll = rng.random()
        if roll < 0.1:
            path, data = folder / f"{i:06d}.pdf", minimal_pdf(title, body)
        elif roll < 0.3:
            path, data = folder / f"{i:06d}.html", html_page(title, body)
        else:
            path, data = folder / f"{i:06d}.txt", (title + "\n\n" + body).encode()
        path.write_bytes(data)
        paths.append(path)
    return paths


def run_one(backend: str, corpus: Path, n: int, url: str | None, workers: int) -> dict[str, float]:
    """One measured ingest, in this (fresh) process."""
    from vigil.ingest.pipeline import Outcome, ingest
    from vigil.settings import Settings
    from vigil.store import init_store

    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as tmp:
        settings = Settings(
            home=Path(tmp) / "home",
            database_url=url if backend == "postgresql" else None,
            encrypt=backend != "plain",
            argon2_memory_kib=1024,
            insecure_test_kdf=True,
            argon2_time_cost=1,
            workers=workers,
        )
        store = init_store(settings, PASSPHRASE if settings.encrypt else None).store
        files = sorted(corpus.iterdir())[:n]
        started = time.perf_counter()
        report = ingest(store, settings, files)
        seconds = time.perf_counter() - started
        store.close()
    stored = report.count(Outcome.STORED) + report.count(Outcome.NEEDS_OCR)
    return {
        "stored": stored,
        "rejected": report.count(Outcome.REJECTED),
        "seconds": seconds,
        "docs_per_s": stored / seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(backend: str, corpus: Path, n: int, url: str | None, workers: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--one", backend, "--corpus", str(corpus), "--n", str(n),
           "--workers", str(workers)] + (["--url", url] if url else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, Path(args.corpus), args.n, args.url, args.workers)))
        return

    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="vigil-bench-corpus-") as tmp:
        corpus = Path(tmp)
        started = time.perf_counter()
        make_corpus(corpus, max([args.n, *sizes]))
        print(f"corpus: {max([args.n, *sizes])} files in {time.perf_counter() - started:.1f}s")
        server = None
        url = None
        if not args.no_postgres:
            from tests.pg_server import TempPostgres, find_bindir

            bindir = find_bindir()
            if bindir is None:
                print("PostgreSQL binaries missing: run scripts/install-postgres.sh")
            else:
                server = TempPostgres(bindir).start()
        try:
            results: dict[str, dict[str, float]] = {}
            backends = ["sqlcipher", "plain"] + (["postgresql"] if server else [])
            print(f"\nstage-1 ingest of N={args.n}, {args.workers} parser worker(s)")
            print(f"{'backend':<12}{'docs/s':>10}{'seconds':>10}{'peak RSS MB':>13}"
                  f"{'rejected':>10}")
            for backend in backends:
                if backend == "postgresql":
                    assert server is not None
                    url = server.create_database(f"bench_ingest_{args.n}")
                r = measure(backend, corpus, args.n, url, args.workers)
                results[backend] = r
                print(f"{backend:<12}{r['docs_per_s']:>10.0f}{r['seconds']:>10.1f}"
                      f"{r['peak_rss_mb']:>13.0f}{r['rejected']:>10.0f}")
            overhead = 1 - results["sqlcipher"]["docs_per_s"] / results["plain"]["docs_per_s"]
            print(f"\nencryption overhead (1 - SQLCipher/plain throughput): {overhead:.1%}"
                  "  (target <= 15%)")
            if "postgresql" in results:
                ratio = results["postgresql"]["docs_per_s"] / results["sqlcipher"]["docs_per_s"]
                print(f"PostgreSQL / SQLCipher throughput: {ratio:.2f}")
            print(f"stage-1 rate on SQLCipher: {results['sqlcipher']['docs_per_s']:.0f} docs/s"
                  "  (target >= 200 on one core)")

            print("\npeak RSS by N (SQLCipher)")
            rss = []
            for n in sizes:
                r = measure("sqlcipher", corpus, n, None, args.workers)
                rss.append(r["peak_rss_mb"])
                print(f"N={n:>6}  peak RSS {r['peak_rss_mb']:7.1f} MB  "
                      f"{r['docs_per_s']:5.0f} docs/s")
            if len(sizes) > 1:
                slope = (rss[-1] - rss[0]) / ((sizes[-1] - sizes[0]) / 1000)
                print(f"slope: {slope:.2f} MB per 1000 documents "
                      f"({rss[-1] / rss[0]:.2f}x RSS for {sizes[-1] / sizes[0]:.0f}x documents)")
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()

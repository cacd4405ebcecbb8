"""Search latency over a large synthetic corpus, on SQLCipher and PostgreSQL.

    .venv/bin/python bench/search.py                 # 100,000 documents
    .venv/bin/python bench/search.py --n 20000 --no-postgres

Builds N synthetic letters per backend with `Store.add_documents` (batches of
1,000 in one transaction each), then times 100 varied `Store.search` calls
(one word, rare and common; phrases; names with diacritics typed with and
without them; prefixes; OR; filters by language, kind, dates and source)
after one warm-up pass. Prints p50 / p95 / max in ms and the PostgreSQL /
SQLCipher ratio. Target: p95 <= 50 ms on SQLCipher. Out of CI.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.corpus import EVENTS, FIRST, KINDS, LANGUAGES, LAST, PLACES, letter  # noqa: E402

from vigil.model import ParsedDocument, SearchQuery  # noqa: E402
from vigil.settings import Settings  # noqa: E402
from vigil.store import NewDocument, Store, init_store  # noqa: E402

PASSPHRASE = "benchmark passphrase"
BATCH = 1000


def build(store: Store, n: int, seed: int = 11) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    for start in range(0, n, BATCH):
        items = []
        for i in range(start, min(n, start + BATCH)):
            title, body = letter(rng, 500, 3000)
            year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
            published = f"{year}-{month:02d}-{day:02d}"
            parsed = ParsedDocument(
                format="txt", text=body, full_text=body, title=title,
                language=rng.choice(LANGUAGES), published=published,
                metadata={"kind": rng.choice(KINDS)},
            )
            folder = rng.choice(["ngo", "family", "lawyer", "press"])
            items.append(NewDocument(parsed, f"{i}\n{body}".encode(), f"/archive/{folder}/{i}.txt"))
        store.add_documents(items, actor="bench")
    return time.perf_counter() - started


def queries(seed: int = 5) -> list[SearchQuery]:
    rng = random.Random(seed)
    plain = {"Müller": "Muller", "Hélène": "Helene", "Şahin": "Sahin", "Öztürk": "Ozturk",
             "Zürich": "Zurich", "Kovačević": "Kovacevic", "Bogotá": "Bogota", "Łukasz": "Lukasz"}
    qs: list[SearchQuery] = []
    words = ["detention", "lawyer", "torture", "family", "extradition", "warrant", "convention",
             "doctors", "Ashraf", "Tirana", "hunger", "covenant"]
    for _ in range(20):
        qs.append(SearchQuery(rng.choice(words)))
    for _ in range(15):
        qs.append(SearchQuery(f'"{rng.choice(EVENTS)}"'))
    for _ in range(15):
        accented, folded = rng.choice(list(plain.items()))
        qs.append(SearchQuery(rng.choice([accented, folded])))
    for _ in range(10):
        qs.append(SearchQuery(f'"{rng.choice(FIRST)} {rng.choice(LAST)}"'))
    for _ in range(10):
        qs.append(SearchQuery(rng.choice(["extradit*", "detain*", "Moha*", "tort*", "Kar*"])))
    for _ in range(10):
        qs.append(SearchQuery(f"{rng.choice(PLACES)} OR {rng.choice(PLACES)}"))
    for _ in range(20):
        text = rng.choice([rng.choice(words), f'"{rng.choice(EVENTS)}"', rng.choice(LAST)])
        choice = rng.randrange(4)
        if choice == 0:
            qs.append(SearchQuery(text, language=rng.choice(["fr", "de", "sq"])))
        elif choice == 1:
            qs.append(SearchQuery(text, kind=rng.choice(["petition", "report"])))
        elif choice == 2:
            qs.append(SearchQuery(text, since="2020-01-01", until="2021-12-31"))
        else:
            qs.append(SearchQuery(text, source=rng.choice(["/family/", "/lawyer/"])))
    return qs


def time_queries(store: Store, qs: list[SearchQuery]) -> list[float]:
    for q in qs:  # warm-up: caches, first-use planning
        store.search(q)
    times = []
    for q in qs:
        started = time.perf_counter()
        store.search(q)
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float], build_s: float) -> float:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[round(0.95 * (len(ordered) - 1))]
    print(f"{name:<12}{p50:>9.1f}{p95:>9.1f}{max(ordered):>9.1f}{build_s:>12.0f}")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    qs = queries()
    assert len(qs) == 100
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="vigil-bench-search-") as tmp:
        rows = []
        settings = Settings(home=Path(tmp) / "sqlcipher", argon2_memory_kib=1024,
                            argon2_time_cost=1, insecure_test_kdf=True)
        with init_store(settings, PASSPHRASE).store as store:
            build_s = build(store, args.n)
            rows.append(("sqlcipher", time_queries(store, qs), build_s))
        server = None
        if not args.no_postgres:
            from tests.pg_server import TempPostgres, find_bindir

            bindir = find_bindir()
            if bindir is None:
                print("PostgreSQL binaries missing: run scripts/install-postgres.sh")
            else:
                server = TempPostgres(bindir).start()
        try:
            if server is not None:
                url = server.create_database("bench_search")
                pg = settings.with_(home=Path(tmp) / "pg", database_url=url)
                with init_store(pg, PASSPHRASE).store as store:
                    build_s = build(store, args.n)
                    with store.engine.connect() as conn:
                        conn.exec_driver_sql("ANALYZE documents")
                        conn.exec_driver_sql("ANALYZE sources")
                    rows.append(("postgresql", time_queries(store, qs), build_s))
        finally:
            if server is not None:
                server.stop()
    print(f"\n100 queries over N={args.n} documents (limit 20, snippets on)")
    print(f"{'backend':<12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'build s':>12}")
    for name, times, build_s in rows:
        results[name] = report(name, times, build_s)
    print(f"SQLCipher p95 {results['sqlcipher']:.1f} ms (target <= 50 ms)")
    if "postgresql" in results:
        print(f"PostgreSQL / SQLCipher p95: {results['postgresql'] / results['sqlcipher']:.2f}")


if __name__ == "__main__":
    main()

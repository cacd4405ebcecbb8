"""Search latency over a realistic synthetic archive, on SQLCipher and PostgreSQL.

    .venv/bin/python bench/search.py                      # 100,000 documents
    .venv/bin/python bench/search.py --docs 2000 --no-postgres   # CI-sized
    .venv/bin/python bench/search.py --no-sqlite --slowest 10    # one backend, worst queries

Builds N documents per backend (`bench/zipf.py`: a Zipf vocabulary of 40,000
generated words, 5,000 generated people with two to four spellings each,
log-normal lengths) with `Store.add_documents`, then the case file a search
page counts by: a party per person (its spellings as names, a mention per
document naming it), a case for each of the 300 most named, countries.
Times 100 varied queries after one warm-up pass (common, mid and rare words,
topics, names (expanded to their spellings), phrases, prefixes, OR, filters
by language, kind, year, country, case and party), three ways:

- page: `cases.search`, what the search page runs (parties and cases a name
  finds, the expanded query, 20 hits with snippets, total and facet counts);
- hits: `Store.search` alone (20 ranked hits with snippets, ranked within the
  count cap's newest matches as the page is);
- raw: the bare FTS5 / tsvector query for the 20 best ids (the floor), planned
  as Vigil's own searches are (on PostgreSQL from the GIN index, without JIT).

Prints p50 / p95 / max in ms and the page / raw ratios, and on PostgreSQL the
server's CPU ms per query (`page cpu`, ...: the pooled connections' backends,
read from /proc, which others' work on a shared machine barely moves). Targets:
page p95 <= 50 ms on SQLCipher, <= 100 ms on PostgreSQL, <= 300 ms on PostgreSQL
at 1,000,000 documents. Out of CI.

A million documents on PostgreSQL (`--docs 1000000 --no-sqlite --fast-corpus
--pg-home /tmp/pg1m`, built once, then reused) took 17 minutes on this 2-core
machine at load 2-4 (`build_copy` prints its phases): COPY in two streams 605 s
(2.5 KB of text a document, 26 GB on disk; each stream's server process spent
about 1.2 ms a document, half of it making the generated `tsvector`, 0.58 ms a
document alone at 5,000 documents, the folding by `unaccent` 0.03 of it; the
client's drawing and sealing took 238 s of CPU in all), the
documents' indexes 307 s (the GIN index most of it), the case file (2.45 million
mentions) 109 s. Before (one COPY stream, the b-trees kept during the load, the
default WAL settings), 230,000 documents took 650 s at load 10 and the build was
stopped. The share of each change was measured only at 20,000 documents.

Measured on that store (main d7df4c0, four runs, load average 1.5-2.5 before each,
2-4 during): page p50 165-297 ms, p95 596-996 ms (target 300: not met), the server's
CPU 130-175 / 440-710 ms; hits p50 113-171, p95 328-458 ms; raw p95 2.8-3.6 s. The
slowest: phrases of two common words, a common word with a language or country
filter, a well-known name. EXPLAIN shows where: a match is checked on the row's
`tsvector` (read from TOAST and decompressed) for every row a b-tree gives (a
language's 84,000 documents for `lawyer`, language=es: 1.2 s in 3 processes), and
the count walks documents in id order checking each (13,600 rows, 273,000 buffers
for `release`, country=TR: 0.85 s).

After the search changes of commit 6a244b9 (windows of the newest documents in the
GIN index, the full-text condition first, operators priced as what they cost,
ranking the ids the counts found: see README "Search speed"), one run on the same
store at load 0.8: page p50 / p95 / max 88 / 254 / 373 ms, the server's CPU 90 /
240 ms (target 300: met); hits p95 226 ms; raw p95 1.9 s. At 100,000 documents: page
44 / 68 / 101 ms (target 100: met).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.zipf import (  # noqa: E402
    COUNTRIES,
    KINDS,
    LANGUAGES,
    TOPICS,
    Archive,
    FastRandom,
    document,
)
from sqlalchemy import Connection, Table, insert, text  # noqa: E402

from vigil import cases  # noqa: E402
from vigil.model import ParsedDocument, SearchQuery  # noqa: E402
from vigil.settings import Settings  # noqa: E402
from vigil.store import NewDocument, Store, init_store, open_store  # noqa: E402
from vigil.store import case_tables as ct  # noqa: E402
from vigil.store.dialect import fts_query  # noqa: E402
from vigil.store.facets import COUNT_CAP  # noqa: E402
from vigil.store.tables import document_countries  # noqa: E402

PASSPHRASE = "benchmark passphrase"
BATCH = 1000
CASES = 300
DATABASE = "bench_search"


def build(
    store: Store, archive: Archive, n: int, seed: int = 11, fast: bool = False,
    streams: int = 2,
) -> float:
    """N documents, then parties, mentions, cases and countries over them (PostgreSQL:
    `build_copy`); `fast`: drawn with `FastRandom` (other documents, the same law)."""
    if store.dialect.name == "postgresql":
        return build_copy(store, archive, n, seed, fast, streams)
    rng = FastRandom(seed) if fast else random.Random(seed)
    started = time.perf_counter()
    named: list[tuple[int, int, str]] = []  # (document, person, spelling)
    countries: list[dict[str, object]] = []
    for start in range(0, n, BATCH):
        items, docs = [], []
        for i in range(start, min(n, start + BATCH)):
            doc = document(archive, rng)
            parsed = ParsedDocument(
                format="txt", text=doc.body, full_text=doc.body, title=doc.title,
                language=doc.language, published=doc.published, metadata={"kind": doc.kind},
            )
            items.append(NewDocument(parsed, f"{i}\n{doc.body}".encode(), f"/archive/{i}.txt"))
            docs.append(doc)
        ids = store.add_documents(items, actor="bench")
        for doc_id, doc in zip(ids, docs, strict=True):
            named += [(doc_id, p, s) for p, s in zip(doc.people, doc.spellings, strict=True)]
            countries += [{"document_id": doc_id, "country": c} for c in doc.countries]
    _case_file(store, archive, named, countries)
    return time.perf_counter() - started


COPY_DOCUMENTS = (
    "id", "sha256", "format", "size", "state", "title", "language", "kind", "published",
    "text", "full_text", "metadata", "boilerplate", "created_at", "updated_at",
)


def build_copy(
    store: Store, archive: Archive, n: int, seed: int = 11, fast: bool = False,
    streams: int = 2,
) -> float:
    """The same documents and case file as `Store.add_documents` would store, loaded with
    COPY (PostgreSQL): rows, originals (sealed as Vigil seals them) and sources, then the
    case file. What it leaves out is the audit chain's ingest entries, which search never
    reads.

    The server's work dominates (each row's generated `tsvector` about half of it), so
    `streams` connections load chunks of `10 * BATCH` documents side by side, each
    chunk drawn from its own generator seeded by (seed, chunk): the same documents
    whatever the number of streams (other documents than one generator's, the same law).
    The documents' indexes other than constraints' are dropped during the load and built
    again after it, the GIN index in one connection while the b-trees build in another,
    each with `maintenance_work_mem` 2 GB. Prints each phase's time."""
    started = time.perf_counter()
    chunks = list(range(0, n, CHUNK))
    with _raw(store) as cur:
        cur.execute(  # indexes on documents that back no constraint: built after the load
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid"
            " WHERE x.indrelid = 'documents'::regclass"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)"
        )
        dropped: list[tuple[str, str]] = list(cur.fetchall())
        for name, _definition in dropped:
            cur.execute(f"DROP INDEX {name}")
    loaded: list[tuple[list[tuple[int, int, str]], list[dict[str, object]], float]] = [
        ([], [], 0.0) for _ in chunks
    ]

    def load(stream: int) -> None:
        with _raw(store) as cur:
            for k in range(stream, len(chunks), streams):
                loaded[k] = _copy_chunk(cur, store, archive, chunks[k], min(n, chunks[k] + CHUNK),
                                        _chunk_rng(seed, k, fast))
                cur.connection.commit()
                done = sum(1 for named, _, _ in loaded if named)
                print(f"  {min(n, done * CHUNK)} documents"
                      f" {time.perf_counter() - started:.0f} s", file=sys.stderr)

    _side_by_side([lambda s=s: load(s) for s in range(streams)])
    client = sum(cpu for _, _, cpu in loaded)
    _phase(started, f"COPY of {n} documents ({streams} streams; client CPU {client:.0f} s"
                    " drawing, sealing, formatting)")
    gin = [d for d in dropped if "USING gin" in d[1]]
    btrees = [d for d in dropped if d not in gin]
    _side_by_side([lambda group=group: _build_indexes(store, group) for group in (gin, btrees)
                   if group])
    _phase(started, f"indexes ({', '.join(name for name, _ in dropped)})")
    with store.engine.begin() as conn:
        store.dialect.after_explicit_ids(conn, "documents")
    named = [row for rows, _, _ in loaded for row in rows]
    countries = [row for _, rows, _ in loaded for row in rows]
    _case_file(store, archive, named, countries)
    _phase(started, f"case file ({len(named)} mentions)")
    return time.perf_counter() - started


CHUNK = 10 * BATCH


def _chunk_rng(seed: int, chunk: int, fast: bool) -> random.Random:
    chunk_seed = seed * 1_000_003 + chunk
    return FastRandom(chunk_seed) if fast else random.Random(chunk_seed)


def _copy_chunk(
    cur: Any, store: Store, archive: Archive, first: int, last: int, rng: random.Random
) -> tuple[list[tuple[int, int, str]], list[dict[str, object]], float]:
    """Documents first..last-1 (ids from first + 1) COPYed through `cur`; returns their
    (document, person, spelling) names, countries, and the client CPU seconds spent."""
    cpu = time.thread_time()
    named: list[tuple[int, int, str]] = []
    countries: list[dict[str, object]] = []
    now = datetime.now(UTC)
    sealed, sources = [], []
    with cur.copy(f"COPY documents ({', '.join(COPY_DOCUMENTS)}) FROM STDIN") as copy:
        for i in range(first, last):
            doc_id, doc = i + 1, document(archive, rng)
            original = f"{i}\n{doc.body}".encode()
            copy.write_row((
                doc_id, hashlib.sha256(original).hexdigest(), "txt", len(original),
                "stored", doc.title, doc.language, doc.kind, doc.published,
                doc.body, doc.body, json.dumps({"kind": doc.kind}), "[]", now, now,
            ))
            sealed.append((doc_id, store.dialect.seal_original(doc_id, original)))
            sources.append((doc_id, f"/archive/{i}.txt", "file", now))
            named += [(doc_id, p, s) for p, s in zip(doc.people, doc.spellings, strict=True)]
            countries += [{"document_id": doc_id, "country": c} for c in doc.countries]
    with cur.copy("COPY originals (document_id, data) FROM STDIN") as copy:
        for row in sealed:
            copy.write_row(row)
    with cur.copy("COPY sources (document_id, locator, kind, recorded_at) FROM STDIN") as copy:
        for row in sources:
            copy.write_row(row)
    return named, countries, time.thread_time() - cpu


def _build_indexes(store: Store, definitions: list[tuple[str, str]]) -> None:
    with _raw(store) as cur:
        cur.execute("SET maintenance_work_mem = '2GB'")
        for _name, definition in definitions:
            cur.execute(definition)
        cur.connection.commit()


@contextmanager
def _raw(store: Store) -> Iterator[Any]:
    """A cursor of a driver connection of its own (COPY), closed after."""
    raw_conn = store.engine.raw_connection()
    try:
        yield raw_conn.cursor()
        raw_conn.commit()
    finally:
        raw_conn.close()


def _side_by_side(work: list[Callable[[], None]]) -> None:
    """Each callable in a thread of its own (each holds its own connection); the first
    error is raised."""
    with ThreadPoolExecutor(max_workers=max(1, len(work))) as pool:
        for future in [pool.submit(job) for job in work]:
            future.result()


def _phase(started: float, what: str) -> None:
    print(f"  {time.perf_counter() - started:7.0f} s  {what} done", file=sys.stderr)


def _case_file(
    store: Store,
    archive: Archive,
    named: list[tuple[int, int, str]],
    countries: list[dict[str, object]],
) -> None:
    now = datetime.now(UTC)
    used = sorted({p for _, p, _ in named})
    party_of = {p: k + 1 for k, p in enumerate(used)}
    with store.engine.begin() as conn:
        conn.execute(insert(ct.parties), [
            {"id": party_of[p], "kind": "person", "name": archive.people[p].spellings[0],
             "review_state": "suggested", "created_at": now} for p in used
        ])
        conn.execute(insert(ct.party_names), [
            {"party_id": party_of[p], "name": s, "script": "latin"}
            for p in used for s in archive.people[p].spellings
        ])
        _insert_many(conn, ct.mentions, [
            {"document_id": d, "key": f"persons[{k}]", "role": "mentioned", "name": s,
             "kind": "person", "party_id": party_of[p], "component": "bench"}
            for k, (d, p, s) in enumerate(named)
        ])
        top = [p for p in range(len(archive.people)) if p in party_of][:CASES]
        conn.execute(insert(ct.cases), [
            {"id": k + 1, "name": f"Case of {archive.people[p].spellings[0]}",
             "created_at": now, "updated_at": now} for k, p in enumerate(top)
        ])
        conn.execute(insert(ct.case_members), [
            {"case_id": k + 1, "party_id": party_of[p]} for k, p in enumerate(top)
        ])
        case_of = {p: k + 1 for k, p in enumerate(top)}
        pairs = sorted({(case_of[p], d) for d, p, _ in named if p in case_of})
        _insert_many(conn, ct.case_documents, [
            {"case_id": c, "document_id": d} for c, d in pairs
        ])
        _insert_many(conn, document_countries, countries)
        store.dialect.after_explicit_ids(conn, "parties")
        store.dialect.after_explicit_ids(conn, "cases")


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """The rows inserted in the connection's transaction; on PostgreSQL with COPY (a
    million documents' mentions in seconds, not minutes)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    defaults = {  # what `insert` would have filled in (the table's scalar defaults)
        c.name: c.default.arg for c in table.columns  # type: ignore[attr-defined]
        if c.name not in rows[0] and c.default is not None and c.default.is_scalar
    }
    columns = [*rows[0], *defaults]
    cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([*row.values(), *defaults.values()])


BULK_LOAD = {"max_wal_size": "32GB", "checkpoint_timeout": "1h"}
"""Server settings while the bench loads (`fsync` is off already): no checkpoint every
1 GB of WAL (the default) during a 26 GB load; its share alone was not measured. Reset
after the load."""


@contextmanager
def bulk_load(server: Any) -> Iterator[None]:
    with server.admin() as admin:
        for name, value in BULK_LOAD.items():
            admin.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        admin.execute("SELECT pg_reload_conf()")
    try:
        yield
    finally:
        with server.admin() as admin:
            for name in BULK_LOAD:
                admin.execute(f"ALTER SYSTEM RESET {name}")
            admin.execute("SELECT pg_reload_conf()")


def queries(archive: Archive, seed: int = 5) -> list[SearchQuery]:
    rng = random.Random(seed)
    words = archive.words
    qs: list[SearchQuery] = []
    qs += [SearchQuery(rng.choice(TOPICS)) for _ in range(15)]
    qs += [SearchQuery(words[rng.randrange(0, 200)]) for _ in range(10)]  # in most documents
    qs += [SearchQuery(words[rng.randrange(1000, 5000)]) for _ in range(10)]
    qs += [SearchQuery(words[rng.randrange(10_000, 40_000)]) for _ in range(10)]
    for _ in range(10):  # a name as typed: one spelling of a well-known or any person
        person = archive.people[rng.choice([rng.randrange(50), rng.randrange(5_000)])]
        qs.append(SearchQuery(rng.choice(person.spellings)))
    for _ in range(10):
        a, b = words[rng.randrange(0, 3000)], words[rng.randrange(0, 3000)]
        qs.append(SearchQuery(f'"{a} {b}"'))
    qs += [SearchQuery(words[rng.randrange(500, 5000)][:3] + "*") for _ in range(10)]
    for _ in range(10):
        a, b = words[rng.randrange(500, 8000)], words[rng.randrange(500, 8000)]
        qs.append(SearchQuery(f"{a} OR {b}"))
    for k in range(15):
        word = rng.choice([rng.choice(TOPICS), words[rng.randrange(0, 3000)]])
        qs.append([
            SearchQuery(word, language=rng.choice(LANGUAGES)),
            SearchQuery(word, kind=rng.choice(KINDS)),
            SearchQuery(word, year=str(rng.randint(2005, 2025))),
            SearchQuery(word, country=rng.choice(COUNTRIES)),
            SearchQuery(word, case_id=rng.randint(1, 50)),
            SearchQuery(word, party_id=rng.randint(1, 100)),
        ][k % 6])
    return qs


def raw(store: Store) -> Callable[[SearchQuery], object]:
    """The bare full-text query for the 20 best ids: no filters, joins or snippets."""
    if store.dialect.name == "sqlite":
        sql = (
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :m ORDER BY rank LIMIT 20"
        )

        def run_sqlite(q: SearchQuery) -> object:
            with store.engine.connect() as conn:
                return conn.execute(text(sql), {"m": fts_query(q.text)}).all()

        return run_sqlite
    from vigil.store.postgres import _tsquery

    def run_postgres(q: SearchQuery) -> object:
        params: dict[str, object] = {}
        tsq = _tsquery(q.text, params)
        stmt = (
            f"SELECT id FROM documents WHERE search @@ {tsq} "
            f"ORDER BY ts_rank(search, {tsq}) DESC LIMIT 20"
        )
        with store.engine.connect() as conn:
            store.dialect.tune_search(conn)  # the plan Vigil's own searches get
            return conn.execute(text(stmt), params).all()

    return run_postgres


CLOCK: Callable[[], float] = time.perf_counter
"""What `timed` reads: wall clock, or this process's CPU time (`--cpu`, SQLCipher only:
the database works in this process) when others share the machine."""


def timed(
    run: Callable[[SearchQuery], object],
    qs: list[SearchQuery],
    server: Callable[[], Callable[[], float] | None] = lambda: None,
) -> tuple[list[float], list[float]]:
    """Milliseconds per query by `CLOCK`, and by the server's CPU (`backend_cpu`, read
    after the warm-up: the pool's connections are open by then; empty on SQLite)."""
    for q in qs:  # warm-up: caches, first-use planning
        run(q)
    cpu = server()
    times, cpu_times = [], []
    for q in qs:
        started, cpu_started = CLOCK(), cpu() if cpu else 0.0
        run(q)
        times.append((CLOCK() - started) * 1000)
        if cpu:
            cpu_times.append((cpu() - cpu_started) * 1000)
    return times, cpu_times


def backend_cpu(store: Store) -> Callable[[], float] | None:
    """CPU seconds used so far by the server processes behind the store's open pooled
    connections, plus the parallel workers their statements started (once ended, they
    count in the postmaster's children's time): a PostgreSQL server on this machine,
    read from /proc/<pid>/stat in ticks of 10 ms, which others' work on a shared machine
    barely moves. None on SQLite."""
    if store.dialect.name != "postgresql":
        return None
    with store.engine.connect() as conn:
        pids = conn.exec_driver_sql(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend'"
        ).scalars().all()
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid: int) -> list[str]:  # the fields after the command's name, from state on
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    postmaster = int(stat(pids[0])[1])

    def used() -> float:
        fields = stat(postmaster)
        ticks = int(fields[13]) + int(fields[14])  # children's utime, stime
        for pid in pids:
            try:
                fields = stat(pid)
            except FileNotFoundError:  # a connection the pool closed
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / tick

    return used


def stats(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[round(0.95 * (len(ordered) - 1))], ordered[-1]


def measure(store: Store, qs: list[SearchQuery], cap: int) -> dict[str, list[float]]:
    """Wall-clock (or `--cpu`) ms per query of page, hits and raw, and on PostgreSQL the
    server's CPU ms of each ("page cpu", ...)."""
    found: dict[str, list[float]] = {}
    runs = {
        "page": lambda q: cases.search(store, q, count_cap=cap),
        "hits": lambda q: store.search(q, rank_cap=cap),
        "raw": raw(store),
    }
    for what, run in runs.items():
        times, cpu_times = timed(run, qs, lambda: backend_cpu(store))
        found[what] = times
        if cpu_times:
            found[f"{what} cpu"] = cpu_times
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", "--n", dest="docs", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest page queries")
    parser.add_argument(
        "--home", type=Path,
        help="SQLCipher store folder: built there once (N documents), reused when it exists",
    )
    parser.add_argument(
        "--pg-home", type=Path,
        help="PostgreSQL cluster and key folder: built there once (N documents), reused when"
        " it exists (the server is started for the run and stopped after it)",
    )
    parser.add_argument(
        "--count-cap", type=int, default=COUNT_CAP,
        help="matches the page counts at most (a huge number: exact counts, as before the cap)",
    )
    parser.add_argument(
        "--fast-corpus", action="store_true",
        help="draw documents' words with NumPy (twice as fast to build; other documents)",
    )
    parser.add_argument(
        "--streams", type=int, default=2,
        help="PostgreSQL: COPY connections loading documents side by side",
    )
    parser.add_argument(
        "--cpu", action="store_true",
        help="time CPU of this process, not wall clock (SQLCipher; the machine is shared)",
    )
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    archive = Archive()
    qs = queries(archive)
    assert len(qs) == 100
    rows: list[tuple[str, dict[str, list[float]], float]] = []
    with tempfile.TemporaryDirectory(prefix="vigil-bench-search-") as tmp:
        settings = Settings(home=Path(tmp) / "sqlcipher", argon2_memory_kib=1024,
                            argon2_time_cost=1, insecure_test_kdf=True)
        if not args.no_sqlite:
            if args.home is not None:
                settings = settings.with_(home=args.home)
            if args.home is not None and args.home.exists():
                store, build_s = open_store(settings, PASSPHRASE), 0.0
            else:
                store = init_store(settings, PASSPHRASE).store
                with store:
                    build_s = build(store, archive, args.docs, fast=args.fast_corpus)
                store = open_store(settings, PASSPHRASE)
            with store:
                rows.append(("sqlcipher", measure(store, qs, args.count_cap), build_s))
        server = None
        if not args.no_postgres:
            from tests.pg_server import TempPostgres, find_bindir

            bindir = find_bindir()
            if bindir is None:
                print("PostgreSQL binaries missing: run scripts/install-postgres.sh")
            else:
                cluster = None if args.pg_home is None else args.pg_home / "cluster"
                server = TempPostgres(bindir, cluster).start()
        try:
            if server is not None:
                pg_home = Path(tmp) / "pg" if args.pg_home is None else args.pg_home / "store"
                if server.has_database(DATABASE):
                    pg = settings.with_(home=pg_home, database_url=server.url(DATABASE))
                    store, build_s = open_store(pg, PASSPHRASE), 0.0
                else:
                    url = server.create_database(DATABASE)
                    pg = settings.with_(home=pg_home, database_url=url)
                    with init_store(pg, PASSPHRASE).store as store, bulk_load(server):
                        build_s = build(store, archive, args.docs, fast=args.fast_corpus,
                                        streams=args.streams)
                    store = open_store(pg, PASSPHRASE)
                with store:
                    with store.engine.connect() as conn:
                        conn.exec_driver_sql("ANALYZE")
                        conn.commit()
                    rows.append(("postgresql", measure(store, qs, args.count_cap), build_s))
        finally:
            if server is not None:
                server.stop()
    clock = "CPU" if args.cpu else "wall-clock"
    print(f"\n100 queries over N={args.docs} documents (20 hits a page, snippets on; {clock} ms;"
          " cpu: the PostgreSQL server's CPU ms, in 10 ms ticks)")
    print(f"{'backend':<12}{'measure':<10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'build s':>10}")
    targets = {"sqlcipher": 50, "postgresql": 100 if args.docs < 1_000_000 else 300}
    for name, times, build_s in rows:
        measures = [m for kind in ("page", "hits", "raw") for m in (kind, f"{kind} cpu")]
        for what in [m for m in measures if m in times]:
            p50, p95, top = stats(times[what])
            print(f"{name:<12}{what:<10}{p50:>9.1f}{p95:>9.1f}{top:>9.1f}{build_s:>10.0f}")
        page, floor = stats(times["page"]), stats(times["raw"])
        print(
            f"{name}: page / raw  p50 {page[0] / floor[0]:.1f}x  p95 {page[1] / floor[1]:.1f}x;"
            f" page p95 {page[1]:.1f} ms (target <= {targets[name]} ms)"
        )
        if args.slowest:
            cpu = times.get("page cpu", [0.0] * len(qs))
            worst = sorted(zip(times["page"], cpu, qs, strict=True), key=lambda t: -t[0])
            for ms, cpu_ms, q in worst[: args.slowest]:
                print(f"   {ms:8.1f} ms  (server CPU {cpu_ms:6.0f} ms)  {q}")


if __name__ == "__main__":
    main()

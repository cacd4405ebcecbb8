"""A seeded synthetic archive for pinning search results (store and benchmark changes).

Invented words drawn with a Zipf law (so a few are in most documents and most in
a handful), invented people with two or three spellings each, parties for them
with a mention per document naming them, cases over the most named, countries,
languages, kinds and dates. `snapshot` records what search returns for `QUERIES`
(the page: hits in order with their snippets, total and facet counts, parties,
cases, added spellings; and a second page of plain hits), as plain data that a
JSON file can pin. Regenerate the pinned file after a deliberate change to results:

    PYTHONPATH=src .venv/bin/python -m tests.search_corpus
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from vigil import cases
from vigil.model import ParsedDocument, SearchQuery
from vigil.store import NewDocument, Store
from vigil.store import case_tables as ct
from vigil.store.tables import document_countries

DOCUMENTS = 240
PEOPLE = 30
CASES = 6
PINNED = Path(__file__).parent / "store" / "search_pinned.json"
SYLLABLES = [c + v for c in "bdgklmnprstvz" for v in "aeiou"]
COUNTRIES = ["IR", "AL", "TR", "FR", "DE", "CO"]
LANGUAGES = ["en", "en", "en", "fr", "de", "fa"]
KINDS = ["letter", "letter", "report", "petition", "open_letter"]
TOPICS = ["detention", "lawyer", "torture", "family", "prison", "trial"]


def _vocabulary(rng: random.Random) -> list[str]:
    words: list[str] = []
    while len(words) < 400:
        w = "".join(rng.choice(SYLLABLES) for _ in range(1 + len(words) // 60))
        if w not in words:
            words.append(w)
    for rank, topic in zip((3, 8, 20, 45, 90, 150), TOPICS, strict=True):
        words.insert(rank, topic)
    return words


def _people(rng: random.Random) -> list[tuple[str, ...]]:
    people = []
    for _ in range(PEOPLE):
        given = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
        family = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
        variant = family.replace("k", "q").replace("a", "á", 1)
        spellings = [f"{given} {family}", f"{given} {variant}", f"{given[0]}. {family}"]
        people.append(tuple(dict.fromkeys(spellings))[: 2 + rng.randrange(2)])
    return people


def build_corpus(store: Store, seed: int = 3) -> list[int]:
    """The archive in `store`; returns the document ids in insertion order."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    weights = [1 / (r + 1) ** 1.07 for r in range(len(words))]
    people = _people(rng)
    items = []
    named: list[tuple[int, int, str]] = []  # (document index, person, spelling)
    countries: list[tuple[int, str]] = []
    for i in range(DOCUMENTS):
        body = rng.choices(words, weights, k=20 + int(rng.expovariate(1 / 80)))
        for person in rng.sample(range(PEOPLE), rng.randrange(3)):
            spelling = rng.choice(people[person])
            body.insert(rng.randrange(len(body) + 1), spelling)
            named.append((i, person, spelling))
        countries += [(i, c) for c in rng.sample(COUNTRIES, rng.randrange(3))]
        text = " ".join(body)
        published = None if i % 9 == 0 else f"{2015 + i % 8}-0{1 + i % 9}-1{i % 10}"
        parsed = ParsedDocument(
            format="txt",
            text=text,
            full_text=text,
            title=" ".join(rng.sample(words[:60], 3)),
            language=rng.choice(LANGUAGES),
            published=published,
            metadata={"kind": rng.choice(KINDS)},
        )
        items.append(NewDocument(parsed, f"{i}\n{text}".encode(), f"/corpus/{i}.txt"))
    ids = store.add_documents(items, actor="test")
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        party_ids = [
            int(conn.execute(insert(ct.parties).values(
                kind="person", name=spellings[0], created_at=now,
            )).inserted_primary_key[0])  # type: ignore[index]
            for spellings in people
        ]  # fmt: skip
        conn.execute(insert(ct.party_names), [
            {"party_id": party_ids[p], "name": s, "script": "latin"}
            for p, spellings in enumerate(people) for s in spellings
        ])  # fmt: skip
        conn.execute(insert(ct.mentions), [
            {"document_id": ids[d], "key": f"persons[{k}]", "role": "mentioned", "name": s,
             "kind": "person", "party_id": party_ids[p], "component": "test"}
            for k, (d, p, s) in enumerate(named)
        ])  # fmt: skip
        for k in range(CASES):
            case_id = int(conn.execute(insert(ct.cases).values(
                name=f"Case of {people[k][0]}", created_at=now, updated_at=now,
            )).inserted_primary_key[0])  # type: ignore[index]  # fmt: skip
            conn.execute(insert(ct.case_members).values(case_id=case_id, party_id=party_ids[k]))
            docs = sorted({ids[d] for d, p, _ in named if p == k})
            if docs:
                conn.execute(insert(ct.case_documents), [
                    {"case_id": case_id, "document_id": d} for d in docs
                ])  # fmt: skip
        conn.execute(insert(document_countries), [
            {"document_id": ids[d], "country": c} for d, c in countries
        ])  # fmt: skip
    return ids


def queries() -> list[SearchQuery]:
    """Common, mid and rare words, names, phrases, prefixes, OR, and every filter."""
    rng = random.Random(3)  # as `build_corpus` draws them
    words = _vocabulary(rng)
    names = _people(rng)
    qs = [SearchQuery(w) for w in (*TOPICS, words[0], words[1], words[30], words[200])]
    qs += [SearchQuery(names[k][-1]) for k in (0, 1, 7)]
    qs += [SearchQuery(names[2][0].split()[1]), SearchQuery(f'"{words[2]} {words[5]}"')]
    qs += [SearchQuery(words[70][:3] + "*"), SearchQuery(f"{words[100]} OR {words[120]}")]
    qs += [SearchQuery(f"{words[4]} {words[12]}"), SearchQuery("nothingmatchesthis")]
    qs += [
        SearchQuery("family", language="fr"),
        SearchQuery("detention", kind="report"),
        SearchQuery("lawyer", year="2018"),
        SearchQuery("lawyer", since="2017-01-01", until="2019-12-31"),
        SearchQuery("detention", country="FR"),
        SearchQuery(words[0], case_id=1),
        SearchQuery(words[0], party_id=2),
        SearchQuery(words[1], limit=5, offset=5),
    ]
    return qs


def snapshot(store: Store) -> list[dict[str, Any]]:
    """What search returns for each of `queries()`, as plain data."""
    found = []
    for q in queries():
        page = cases.search(store, q)
        second = store.search(SearchQuery(q.text, limit=10, offset=20))
        found.append({
            "query": {k: v for k, v in asdict(q).items() if v and k != "hidden"},
            "hits": [[h.document_id, h.snippet] for h in page.hits],
            "total": page.counts.total,
            "facets": {
                str(f): [[c.value, c.count, c.label] for c in counts]
                for f, counts in page.counts.facets.items()
            },
            "parties": [p.id for p in page.parties],
            "cases": [c.id for c in page.cases],
            "also_searched": page.also_searched,
            "second_page": [h.document_id for h in second],
        })  # fmt: skip
    return found


def _regenerate() -> None:  # pragma: no cover - run by hand after a deliberate change
    import tempfile

    from tests.pg_server import TempPostgres, find_bindir
    from vigil.settings import Settings
    from vigil.store import init_store

    pinned: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            home=Path(tmp) / "sqlite",
            argon2_memory_kib=1024,
            argon2_time_cost=1,
            insecure_test_kdf=True,
        )
        with init_store(settings, "pinned corpus").store as store:
            build_corpus(store)
            pinned["sqlite"] = snapshot(store)
        bindir = find_bindir()
        assert bindir is not None, "PostgreSQL binaries missing: run scripts/install-postgres.sh"
        server = TempPostgres(bindir).start()
        try:
            url = server.create_database("pinned")
            pg = settings.with_(home=Path(tmp) / "pg", database_url=url)
            with init_store(pg, "pinned corpus").store as store:
                build_corpus(store)
                pinned["postgresql"] = snapshot(store)
        finally:
            server.stop()
    PINNED.write_text(pinned_json(pinned), encoding="utf-8")


def pinned_json(pinned: dict[str, Any]) -> str:
    """One query's results a line, so a change shows as the lines of the queries it moved."""
    backends = [
        f"{json.dumps(name)}: [\n"
        + ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
        + "\n]"
        for name, entries in pinned.items()
    ]
    return "{\n" + ",\n".join(backends) + "\n}\n"


if __name__ == "__main__":
    _regenerate()

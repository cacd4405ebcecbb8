"""Looking a typed name up among parties' names and spellings; SQLite and PostgreSQL.

SQLite narrows the lookup with a trigram index of the names (migrations 21 and 23),
kept by triggers: what it finds is what reading every name finds, after names are
added, changed and removed, and for needles a trigram cannot serve.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, insert, inspect, update

from vigil.store import Store
from vigil.store import case_tables as ct
from vigil.store import parties as party_store
from vigil.store.dialect import MENTION_INDEX
from vigil.store.migrations import MIGRATIONS

NAMES = {
    1: ("Aldo Verano", ["Aldo Verano", "A. Verano", "Aldo Werano"]),
    2: ("Bruna Ostrova", ["Bruna Ostrova", "Brúna Óstrova"]),
    3: ("Cato 100%_sure", ['Cato "the elder" 100%_sure']),
    4: ("ÉLODIE Marsan", ["Élodie Marsan"]),
}

KELMEND = {"party_id": 2, "name": "Bruna Kelmend", "script": "latin"}


@pytest.fixture
def named(store: Store) -> Store:
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(insert(ct.parties), [
            {"id": pid, "kind": "person", "name": name, "review_state": "suggested",
             "created_at": now} for pid, (name, _) in NAMES.items()
        ])
        conn.execute(insert(ct.party_names), [
            {"party_id": pid, "name": s, "script": "latin"}
            for pid, (_, spellings) in NAMES.items() for s in spellings
        ])
    return store


def found(store: Store, typed: str) -> tuple[set[int], set[str]]:
    lookup = party_store.name_lookup(store, typed)
    return set(lookup.containing), {s.name for s in lookup.sharing}


@pytest.mark.parametrize(
    ("typed", "containing"),
    [
        ("verano", {1}),
        ("VERANO", {1}),
        ("ver", {1}),
        ("ve", {1}),  # shorter than a trigram: every name is read
        ("Aldo Werano", {1}),
        ("brúna", {2}),  # as written, accent and all
        ('"the elder"', {3}),
        ("100%_sure", {3}),
        ("0%_", {3}),
        ("100%x", set()),
        ("LODIE", {4}),
        ("marsan", {4}),
        ("nobody here", set()),
    ],
)
def test_a_name_finds_the_parties_whose_names_contain_it(
    named: Store, typed: str, containing: set[int]
) -> None:
    assert found(named, typed)[0] == containing


def test_the_words_of_a_name_find_the_spellings_sharing_them(named: Store) -> None:
    assert found(named, "Aldo Nobody")[1] == {"Aldo Verano", "Aldo Werano"}
    assert found(named, "Ostrova Nobody")[1] == {"Bruna Ostrova"}


def test_the_lookup_follows_names_added_changed_and_removed(named: Store) -> None:
    with named.engine.begin() as conn:
        conn.execute(insert(ct.party_names), KELMEND)
        conn.execute(update(ct.parties).where(ct.parties.c.id == 4).values(name="Lodie Farran"))
        conn.execute(delete(ct.party_names).where(ct.party_names.c.name == "A. Verano"))
        conn.execute(delete(ct.party_names).where(ct.party_names.c.party_id == 4))
    assert found(named, "kelmend")[0] == {2}
    assert found(named, "farran")[0] == {4}
    assert found(named, "marsan")[0] == set()
    assert found(named, "a. verano")[0] == set()
    assert found(named, "aldo verano")[0] == {1}
    with named.engine.begin() as conn:
        conn.execute(update(ct.party_names).where(ct.party_names.c.name == "Bruna Kelmend")
                     .values(name="Bruna Tesla"))
        conn.execute(delete(ct.parties).where(ct.parties.c.id == 3))
    assert found(named, "kelmend")[0] == set()
    assert found(named, "tesla")[0] == {2}
    assert found(named, "100%_sure")[0] == set()


def test_migration_23_indexes_the_names_a_store_already_holds(named: Store) -> None:
    """A SQLite store made before SQLite had a name index gets one over the names it holds;
    on either backend running it again changes nothing."""
    [twenty_three] = [m for m in MIGRATIONS if m.version == 23]
    with named.engine.begin() as conn:
        if named.dialect.name == "sqlite":
            for table in ("parties", "party_names"):
                for suffix in ("insert", "delete", "update"):
                    conn.exec_driver_sql(f"DROP TRIGGER {table}_trigrams_{suffix}")
                conn.exec_driver_sql(f"DROP TABLE {table}_trigrams")
        twenty_three.apply(conn, named.dialect)
        twenty_three.apply(conn, named.dialect)
    assert found(named, "verano")[0] == {1}
    assert found(named, "lodie")[0] == {4}
    with named.engine.begin() as conn:
        conn.execute(insert(ct.party_names), KELMEND)
    assert found(named, "kelmend")[0] == {2}


def test_a_partys_counts_and_spellings_read_the_mention_index(named: Store) -> None:
    """Migration 24: mentions by party (SQLite: with their words, so a party's document
    count and its spellings are read from the index alone, not every mention's row)."""
    with named.engine.connect() as conn:
        indexes = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("mentions")}
        if named.dialect.name == "postgresql":
            assert indexes[MENTION_INDEX] == ["party_id", "document_id"]
            return
        assert indexes[MENTION_INDEX] == ["party_id", "name", "document_id"]
        for sql in (
            "SELECT party_id, count(*), count(DISTINCT document_id) FROM mentions"
            " WHERE party_id IN (1, 2) GROUP BY party_id",
            "SELECT DISTINCT party_id, name FROM mentions WHERE party_id IN (1, 2)"
            " ORDER BY party_id, name",
        ):
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert f"COVERING INDEX {MENTION_INDEX}" in plan

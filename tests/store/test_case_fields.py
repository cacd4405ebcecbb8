"""Case fields (migration 12) on both backends: set, read back, logged, counted, upgraded."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, inspect, select

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.errors import InvalidCaseField, UnknownRecord
from vigil.model import CASE_FIELD_NAMES, CaseFilter
from vigil.settings import Settings
from vigil.store import Store, tables
from vigil.store.migrations import MIGRATIONS


def _log(store: Store, case_id: int) -> list[tuple[str, dict[str, object]]]:
    c = tables.changes.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(c.action, c.detail).where(c.entity == "case", c.entity_id == case_id)
        ).all()
    return [(r.action, json.loads(r.detail)) for r in rows]


def test_fields_are_set_read_back_and_logged_by_name(store: Store, settings: Settings) -> None:
    user = add_user(store, settings, "worker", Role.EDITOR, "a password long enough")
    case_id = cases.new_case(store, "Family of Ana Example")
    changed = cases.set_fields(
        store,
        case_id,
        {
            "country": "turkey",
            "situation": "detained",
            "detention_place": "Central Prison (invented)",
            "charges": "membership of an invented group",
            "lawyer": "Mx Counsel",
            "tags": "journalist, urgent, journalist",
            "notes": "Visited on Monday.",
            "assignee": user.id,
        },
        actor="user:7",
    )
    assert changed == list(CASE_FIELD_NAMES)  # every field given changed
    (summary,) = cases.list_cases(store)
    f = summary.fields
    assert (f.country, f.situation, f.tags, f.assignee) == (
        "TR",
        "detained",
        ("journalist", "urgent"),
        user.id,
    )
    assert cases.show_case(store, case_id).case.fields == f
    action, detail = _log(store, case_id)[-1]
    assert action == "set_fields"
    assert detail["fields"] == changed
    assert "Visited" not in json.dumps(detail) and "Central" not in json.dumps(detail)


def test_setting_the_same_values_changes_and_logs_nothing(store: Store) -> None:
    case_id = cases.new_case(store, "A case")
    cases.set_fields(store, case_id, {"situation": "missing"})
    before = _log(store, case_id)
    assert cases.set_fields(store, case_id, {"situation": "missing"}) == []
    assert _log(store, case_id) == before
    assert cases.set_fields(store, case_id, {"situation": ""}) == ["situation"]
    assert cases.list_cases(store)[0].fields.situation is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"situation": "imprisoned"}, "unknown situation"),
        ({"country": "Atlantis"}, "unknown country"),
        ({"tags": ",".join(f"t{i}" for i in range(21))}, "at most 20 tags"),
        ({"lawyer": "x" * 501}, "too long"),
        ({"assignee": 999}, "no user with id 999"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(
    store: Store, raw: dict[str, object], message: str
) -> None:
    case_id = cases.new_case(store, "A case")
    before = _log(store, case_id)
    with pytest.raises(InvalidCaseField, match=message):
        cases.set_fields(store, case_id, raw)  # type: ignore[arg-type]
    assert cases.list_cases(store)[0].fields == cases.list_cases(store)[0].fields.__class__()
    assert _log(store, case_id) == before


def test_unknown_case_is_refused(store: Store) -> None:
    with pytest.raises(UnknownRecord):
        cases.set_fields(store, 404, {"situation": "detained"})


def test_open_cases_grouped_by_situation(store: Store) -> None:
    ids = [cases.new_case(store, f"Case {n}") for n in range(6)]
    situations = ["detained", "detained", "missing", "released", ""]
    for case_id, situation in zip(ids, situations, strict=False):
        cases.set_fields(store, case_id, {"situation": situation})
    cases.close_case(store, ids[3])  # closed: not counted
    assert cases.cases_by_situation(store) == {"detained": 2, "missing": 1, None: 2}


def test_cases_filter_and_sort_by_fields(store: Store) -> None:
    a = cases.new_case(store, "Beta")
    b = cases.new_case(store, "alpha")
    c = cases.new_case(store, "Gamma")
    cases.set_fields(store, a, {"country": "FR", "situation": "detained", "tags": "urgent"})
    cases.set_fields(store, b, {"country": "TR", "situation": "detained"})
    cases.set_fields(store, c, {"country": "TR", "situation": "missing", "tags": "Urgent, x"})
    every = cases.list_cases(store)

    def ids(**kw: object) -> list[int]:
        return [s.id for s in cases.filter_cases(every, CaseFilter(**kw))]  # type: ignore[arg-type]

    assert ids(situation="detained") == [a, b]
    assert ids(country="TR") == [b, c]
    assert ids(tag="urgent") == [a, c]
    assert ids(sort="name") == [b, a, c]
    assert ids(sort="country", descending=True) == [b, c, a]
    assert ids(sort="situation") == [a, b, c]


def test_migration_12_adds_the_columns_to_an_older_store(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_database") if backend == "postgresql" else "sqlite://"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.exec_driver_sql("CREATE TABLE cases (id INTEGER PRIMARY KEY, name TEXT)")
        conn.exec_driver_sql("INSERT INTO cases (id, name) VALUES (1, 'old')")
        [twelve] = [m for m in MIGRATIONS if m.version == 12]
        twelve.apply(conn, None)  # type: ignore[arg-type]  # the dialect is not used
        found = inspect(conn)
        columns = {c["name"] for c in found.get_columns("cases")}
        assert {"country", "situation", "tags", "notes", "assignee"} <= columns
        [fk] = found.get_foreign_keys("cases")
        assert (fk["referred_table"], fk["constrained_columns"]) == ("users", ["assignee"])
        assert conn.exec_driver_sql("SELECT tags FROM cases").scalar() == "[]"
        assert any(i["column_names"] == ["situation"] for i in found.get_indexes("cases"))
    engine.dispose()


@pytest.mark.sqlite_only
def test_every_situation_has_english_and_french_labels() -> None:
    from vigil import vocab

    assert set(vocab.ids("case_situations")) >= {
        "detained",
        "released",
        "missing",
        "deceased",
        "at_risk_of_deportation",
        "in_hiding",
        "unknown",
    }
    for situation in vocab.ids("case_situations"):
        english = vocab.label("case_situations", situation, "en")
        french = vocab.label("case_situations", situation, "fr")
        assert english and french and english != french, situation

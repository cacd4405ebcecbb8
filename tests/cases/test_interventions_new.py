"""`vigil intervention new` and the follow-up period setting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import func, select
from typer.testing import CliRunner

from vigil import cases
from vigil.cli.cases import register
from vigil.errors import ConfigError, InvalidIntervention, UnknownRecord
from vigil.model import ParsedDocument
from vigil.settings import Settings, load_settings
from vigil.store import Store
from vigil.store import case_tables as t
from vigil.store.suggestions import save_extraction
from vigil.store.tables import changes

from .conftest import LETTER, letter_record


def _counts(store: Store) -> dict[str, int]:
    tables = (*t.TABLES, t.intervention_sources, t.intervention_hand_parties, changes)
    with store.engine.connect() as conn:
        return {
            table.name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
            for table in tables
        }


# -- the follow-up period --------------------------------------------------------------


def test_follow_up_days_from_the_environment_and_the_file(tmp_path: Path) -> None:
    assert load_settings({"VIGIL_HOME": str(tmp_path)}).follow_up_days == 30
    assert (
        load_settings({"VIGIL_HOME": str(tmp_path), "VIGIL_FOLLOW_UP_DAYS": "14"}).follow_up_days
        == 14
    )
    (tmp_path / "settings.toml").write_text("follow_up_days = 21\n", "utf-8")
    assert load_settings({"VIGIL_HOME": str(tmp_path)}).follow_up_days == 21


@pytest.mark.parametrize("raw", ["0", "-3", "soon", "2.5"])
def test_follow_up_days_must_be_a_whole_number_of_days(tmp_path: Path, raw: str) -> None:
    with pytest.raises(ConfigError, match="VIGIL_FOLLOW_UP_DAYS"):
        load_settings({"VIGIL_HOME": str(tmp_path), "VIGIL_FOLLOW_UP_DAYS": raw})


@pytest.mark.parametrize(("days", "due"), [(7, "2024-05-19"), (45, "2024-06-26")])
def test_letter_due_date_follows_the_setting(
    store: Store, settings: Settings, days: int, due: str
) -> None:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, letter_record())
    chosen = settings.with_(follow_up_days=days)
    cases.build_from_extractions(store, follow_up_days=chosen.follow_up_days)
    [letter] = [i for i in cases.list_interventions(store) if i.key == "letter"]
    assert letter.date == "2024-05-12" and letter.due_date == due


# -- intervention new (service) ------------------------------------------------------------


def test_new_intervention_resolves_known_parties_and_makes_new_ones(letter_store: Store) -> None:
    parties_before = _counts(letter_store)["parties"]
    new_id = cases.new_intervention(
        letter_store,
        when="2024-07-01",
        to=["Ms. Ana Lindqvist", "Office of the Ombudsman"],
        from_=["Clara Jensen"],
        cc=["Embassy of Norway"],
        on_behalf=["Omar Benali"],
        channel="email",
        demands=["release", "medical_care"],
        follow_up_days=10,
    )
    item = cases.get_intervention(letter_store, new_id)
    assert item.date == "2024-07-01" and item.due_date == "2024-07-11"
    assert item.status == "sent" and item.review_state == "confirmed"
    assert item.demands == ["medical_care", "release"]
    assert item.names("sender") == ["Clara Jensen"]
    assert item.names("addressee") == ["Ana Lindqvist", "Office of the Ombudsman"]
    assert item.names("copy") == ["Embassy of Norway"]
    letter = next(i for i in cases.list_interventions(letter_store) if i.key == "letter")
    known = {p.name: p.party_id for p in letter.parties}
    assert {p.party_id for p in item.parties if p.name == "Ana Lindqvist"} == {
        known["Ana Lindqvist"]
    }
    assert {p.party_id for p in item.parties if p.name == "Omar Benali"} == {known["Omar Benali"]}
    new_parties = {p.party_id for p in item.parties} - set(known.values())
    assert len(new_parties) == 2  # the ombudsman's office and the embassy
    assert _counts(letter_store)["parties"] == parties_before + 2
    with letter_store.engine.connect() as conn:
        h = t.intervention_status_history.c
        history = conn.execute(select(h.status, h.source).where(h.intervention_id == new_id)).all()
        logged = [
            json.loads(d)
            for d in conn.scalars(
                select(changes.c.detail).where(
                    changes.c.entity == "intervention", changes.c.entity_id == new_id
                )
            )
        ]
    assert [tuple(r) for r in history] == [("sent", "hand")]
    assert logged and logged[0]["parties"] == 5 and logged[0]["demands"] == 2
    assert "Ana" not in json.dumps(logged)  # ids and counts, never names


def test_new_intervention_attached_to_a_case_shows_on_its_timeline(letter_store: Store) -> None:
    [case] = cases.list_cases(letter_store)
    new_id = cases.new_intervention(
        letter_store, when="2024-08-01", to=["Minister of Justice"], case_id=case.id, document_id=1
    )
    item = cases.get_intervention(letter_store, new_id)
    assert item.names("on_behalf") == ["Omar Benali"]
    assert item.source_documents == [1]
    view = cases.show_case(letter_store, case.id)
    assert new_id in {i.id for i in view.timeline if i.what == "intervention"}
    # The document's own extraction does not make a second intervention of it.
    assert cases.build_from_extractions(letter_store).interventions == 0


def test_unanswered_hand_letter_counts_once(letter_store: Store) -> None:
    new_id = cases.new_intervention(letter_store, when="2024-07-01", to=["Ana Lindqvist"])
    unanswered = [i.id for i in cases.list_interventions(letter_store, unanswered=True)]
    assert unanswered.count(new_id) == 1
    rates = cases.response_rates(cases.list_interventions(letter_store))
    assert rates["Ana Lindqvist"] == (2, 0)


@pytest.mark.parametrize(
    ("changes_", "error"),
    [
        ({"when": "01/07/2024"}, InvalidIntervention),
        ({"when": "2024-02-30"}, InvalidIntervention),
        ({"when": "2024-07"}, InvalidIntervention),
        ({"to": []}, InvalidIntervention),
        ({"to": ["  "]}, InvalidIntervention),
        ({"channel": "pigeon"}, InvalidIntervention),
        ({"demands": ["release", "apologise"]}, InvalidIntervention),
        ({"case_id": 99}, UnknownRecord),
        ({"document_id": 99}, UnknownRecord),
    ],
    ids=["date-format", "date-impossible", "date-month-only", "no-addressee", "blank-addressee",
         "channel", "demand", "unknown-case", "unknown-document"],
)  # fmt: skip
def test_bad_input_changes_nothing(
    letter_store: Store, changes_: dict[str, Any], error: type[Exception]
) -> None:
    before = _counts(letter_store)
    args: dict[str, Any] = {"when": "2024-07-01", "to": ["Someone New"], "from_": ["Another"]}
    with pytest.raises(error) as raised:
        cases.new_intervention(letter_store, **{**args, **changes_})
    assert str(raised.value)
    assert "Someone New" not in str(raised.value)
    assert _counts(letter_store) == before


# -- intervention new (command line) -------------------------------------------------------


@pytest.fixture
def run(letter_store: Store, cli_env: dict[str, str]) -> Any:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), env=cli_env)


@pytest.mark.sqlite_only
def test_cli_intervention_new_json_and_follow_up_setting(run: Any, cli_env: dict[str, str]) -> None:
    cli_env["VIGIL_FOLLOW_UP_DAYS"] = "5"
    result = run(
        "intervention", "new", "--date", "2024-07-01", "--to", "Ana Lindqvist",
        "--to", "Office of the Ombudsman", "--cc", "Embassy of Norway", "--from", "Clara Jensen",
        "--on-behalf", "Omar Benali", "--channel", "fax", "--demand", "release",
        "--case", "1", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    item = json.loads(result.output)
    assert item["due_date"] == "2024-07-06" and item["status"] == "sent"
    assert item["demands"] == ["release"]
    listed = run("interventions", "--unanswered")
    assert f"#{item['id']} 2024-07-01 Clara Jensen → Ana Lindqvist" in listed.output


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ("--date", "2024-13-01", "--to", "X"),
        ("--date", "2024-07-01", "--to", "X", "--channel", "telepathy"),
        ("--date", "2024-07-01", "--to", "X", "--demand", "nothing"),
        ("--date", "2024-07-01", "--to", "X", "--case", "42"),
    ],
)
def test_cli_bad_input_exits_non_zero_and_changes_nothing(
    run: Any, letter_store: Store, args: tuple[str, ...]
) -> None:
    before = _counts(letter_store)
    result = run("intervention", "new", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, InvalidIntervention | UnknownRecord)
    assert str(result.exception)
    assert _counts(letter_store) == before


@pytest.mark.sqlite_only
def test_cli_without_addressee_is_a_usage_error(run: Any) -> None:
    result = run("intervention", "new", "--date", "2024-07-01", "--from", "X")
    assert result.exit_code == 2 and "--to" in result.output

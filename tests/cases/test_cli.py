"""`vigil cases | case | interventions | intervention` through a Typer app of their own."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from vigil import cases
from vigil.cli.cases import register
from vigil.errors import InvalidMerge, InvalidResponse, InvalidStatus, UnknownRecord
from vigil.store import Store

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def run(letter_store: Store, cli_env: dict[str, str]) -> object:
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(app, list(args), env=cli_env)

    return invoke


def test_show_prints_timeline_parties_and_sources(run: object) -> None:
    result = run("case", "show", "1")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    assert "Case 1: Omar Benali" in result.output
    assert "2024-04-02 (day)  event" in result.output
    assert "alleged by Clara Jensen (document #1)" in result.output
    assert "\u201carrested by the police in Malmo\u201d" in result.output
    assert "Ana Lindqvist" in result.output


def test_interventions_unanswered_json(run: object) -> None:
    result = run("interventions", "--unanswered", "--json")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    assert [i["status"] for i in json.loads(result.output)] == ["sent", "no_response"]


def test_suggest_new_add_merge_close_status_respond(run: object) -> None:
    for args, expected in [
        (("cases", "suggest"), "0 cases suggested"),
        (("case", "new", "By hand"), "Case 2 opened"),
        (("case", "add", "2", "--document", "1"), "Added to case 2"),
        (("case", "merge", "1", "2"), "Case 2 merged into case 1"),
        (("case", "close", "1"), "Case 1 closed"),
        (("intervention", "status", "2", "closed"), "Intervention 2: closed"),
        (("intervention", "respond", "1", "--date", "2024-06-01", "--type", "answer"),
         "Response 1 recorded"),
        (("interventions",), "Ana Lindqvist: 1 letter, 1 response"),
    ]:  # fmt: skip
        result = run(*args)  # type: ignore[operator]
        assert result.exit_code == 0, result.output
        assert expected in result.output


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("case", "show", "42"), UnknownRecord),
        (("case", "merge", "1", "1"), InvalidMerge),
        (("intervention", "status", "1", "lost"), InvalidStatus),
        (("intervention", "respond", "1", "--date", "2024-01-01", "--type", "answer"),
         InvalidResponse),
    ],
)  # fmt: skip
def test_bad_input_exits_non_zero_with_a_clear_error(
    run: object, args: tuple[str, ...], error: type
) -> None:
    result = run(*args)  # type: ignore[operator]
    assert result.exit_code != 0
    assert isinstance(result.exception, error)
    assert str(result.exception)


def test_case_set_records_fields_and_cases_list_filters_by_them(
    run: object, letter_store: Store
) -> None:
    result = run(  # type: ignore[operator]
        "case", "set", "1", "--situation", "detained", "--country", "Sweden",
        "--tags", "urgent, family", "--lawyer", "Mx Counsel",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Case 1: country, situation, lawyer, tags changed" in result.output
    fields = cases.list_cases(letter_store)[0].fields
    assert (fields.country, fields.situation) == ("SE", "detained")
    assert fields.tags == ("urgent", "family")
    again = run("case", "set", "1", "--situation", "detained")  # type: ignore[operator]
    assert "Case 1: no change" in again.output
    listed = run("cases", "list", "--situation", "detained", "--json")  # type: ignore[operator]
    assert [c["id"] for c in json.loads(listed.output)] == [1]
    none = run("cases", "list", "--tag", "other", "--json")  # type: ignore[operator]
    assert json.loads(none.output) == []
    bad = run("case", "set", "1", "--situation", "jailed")  # type: ignore[operator]
    assert bad.exit_code != 0 and "unknown situation" in str(bad.exception)


def test_intervention_demands_and_event_edit(run: object, letter_store: Store) -> None:
    letter = next(i.id for i in cases.list_interventions(letter_store) if i.key == "letter")
    result = run("intervention", "demands", str(letter), "investigate")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    assert "1 demand added, 1 removed" in result.output
    assert cases.get_intervention(letter_store, letter).demands == ["investigate"]
    event = next(
        t.id for t in cases.show_case(letter_store, 1).timeline if t.what == "event"
    )
    args = ("event", "edit", str(event), "--type", "detention", "--date", "2024-04")
    result = run(*args)  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    assert f"Event {event}: type, date, date_precision, place, review_state changed" in (
        result.output
    )
    bad = run("event", "edit", str(event), "--type", "picnic")  # type: ignore[operator]
    assert bad.exit_code != 0
    party = cases.list_cases(letter_store)[0].members[0].party_id
    args = ("event", "add", "--type", "arrest", "--subject", str(party), "--date", "2024-06")
    added = run(*args)  # type: ignore[operator]
    assert added.exit_code == 0, added.output
    assert "entered by hand, no document" in added.output
    shown = run("case", "show", "1")  # type: ignore[operator]
    assert "(no source document)" in shown.output and "entered by hand by" in shown.output

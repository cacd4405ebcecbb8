"""Parties: merge suggestions from resolution, accept and reject, merge and split by hand.

Two hand-made letters (no NLP): the second spells two of the first's parties
differently enough that resolution is unsure (review), never sure (merge).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import typer
from sqlalchemy import create_engine, inspect, select
from typer.testing import CliRunner

from vigil import cases
from vigil.cli.parties import register
from vigil.errors import InvalidMerge, InvalidSplit, ReviewError, UnknownRecord
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.resolve import Decision, Mention, match
from vigil.store import Store
from vigil.store import case_tables as t
from vigil.store.rows import CASE_FILE_TABLES, dump_rows
from vigil.store.suggestions import save_extraction
from vigil.store.tables import changes

from .conftest import LETTER, letter_record
from .test_seed_letters import seeded

__all__ = ["seeded"]  # the fixture of the example letters, imported to be found by pytest

SECOND = """3 June 2024

Anna Lindquist
Minister of the Interior

Dear Minister,

Nordic Watch asks again about the detention of Mr. Omar Benali.

Erik Solberg
Nordic Watch
"""


def _span(text: str) -> list[Span]:
    start = SECOND.index(text)
    return [Span(start, start + len(text))]


def second_record() -> ExtractionRecord:
    def s(field: str, value: object, text: str) -> SuggestionRecord:
        return SuggestionRecord(field, value, _span(text), "test", "rule", 0.8)

    return ExtractionRecord(
        pipeline_version="test",
        contract={"kind": "letter", "date": "2024-06-03"},
        suggestions=[
            s("date", "2024-06-03", "3 June 2024"),
            s("senders", {"name": "Erik Solberg", "kind": "person",
                          "organization": "Nordic Watch"}, "Erik Solberg"),
            s("addressees", {"name": "Anna Lindquist", "kind": "person"}, "Anna Lindquist"),
            s("persons_at_risk", "Omar Benali", "Mr. Omar Benali"),
        ],
        errors=[],
        truncated=False,
    )  # fmt: skip


def add_second_letter(store: Store) -> Store:
    """Add the second letter (two uncertain spellings) and build the case file again."""
    parsed = ParsedDocument(format="txt", text=SECOND, full_text=SECOND)
    doc_id = store.add_document(parsed, SECOND.encode(), locator="second.txt")
    save_extraction(store, doc_id, second_record())
    cases.build_from_extractions(store)
    return store


def add_two_letters(store: Store) -> Store:
    """Both hand-made letters, built into the case file (for tests outside this folder)."""
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, letter_record())
    cases.build_from_extractions(store)
    cases.suggest_cases(store)
    return add_second_letter(store)


@pytest.fixture
def two_letters(letter_store: Store) -> Store:
    """The first letter plus a second with two uncertain spellings; built again."""
    return add_second_letter(letter_store)


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every case-file table and of the change log."""
    return {table.name: list(dump_rows(store, table)) for table in (*CASE_FILE_TABLES, changes)}


def party_named(store: Store, name: str) -> int:
    [found] = [p.id for p in cases.list_parties(store) if p.name == name]
    return found


def pair_names(store: Store) -> set[frozenset[str]]:
    return {frozenset((s.name_a, s.name_b)) for s in cases.review_queue(store)}


def mention_counts(store: Store) -> dict[int, int]:
    return {p.id: p.mentions for p in cases.list_parties(store)}


def logged(store: Store) -> list[tuple[str, str, dict[str, Any]]]:
    with store.engine.connect() as conn:
        return [
            (r.action, r.entity, json.loads(r.detail))
            for r in conn.execute(select(changes).order_by(changes.c.id))
        ]


ANA = frozenset(("Ana Lindqvist", "Anna Lindquist"))
WATCH = frozenset(("Nordic Detention Watch", "Nordic Watch"))


def test_uncertain_pairs_land_in_the_queue_with_score_and_reasons(two_letters: Store) -> None:
    queue = cases.review_queue(two_letters)
    assert {ANA, WATCH} <= pair_names(two_letters)
    for s in queue:
        assert s.review_state == "suggested" and s.party_a < s.party_b and s.reasons
        assert not (s.kind_a and s.kind_b and s.kind_a != s.kind_b)
        decision = match(Mention(s.name_a, s.kind_a), Mention(s.name_b, s.kind_b))
        assert decision.decision is not Decision.DISTINCT
    ana = next(s for s in queue if frozenset((s.name_a, s.name_b)) == ANA)
    assert 0.7 <= ana.score < 1.0
    assert any("lindqvist" in r for r in ana.reasons)


def test_uncertain_pairs_of_the_example_letters_wait_for_review(seeded: Store) -> None:
    queue = cases.review_queue(seeded)
    assert queue, "the two example letters give some uncertain pairs"
    for s in queue:
        assert not (s.kind_a and s.kind_b and s.kind_a != s.kind_b) and s.reasons
        decision = match(Mention(s.name_a, s.kind_a), Mention(s.name_b, s.kind_b))
        assert decision.decision is not Decision.DISTINCT and s.score >= 0.7
    names = {n for s in queue for n in (s.name_a, s.name_b)}
    assert not names & {"Maryam Rajavi", "Massoud Rajavi"}  # never suggested with the MEK
    top, *rest = queue
    kept = cases.accept_merge(seeded, top.id)
    for s in rest:
        cases.reject_merge(seeded, s.id)
    report = cases.build_from_extractions(seeded)
    assert (report.mentions, report.parties) == (0, 0)
    assert cases.review_queue(seeded) == []
    assert cases.show_party(seeded, top.party_b).party.merged_into == kept


def test_building_again_suggests_nothing_new(two_letters: Store) -> None:
    before = snapshot(two_letters)
    cases.build_from_extractions(two_letters)
    assert cases.suggest_merges(two_letters) == []
    assert snapshot(two_letters) == before


def test_accept_merges_the_later_party_into_the_earlier(two_letters: Store) -> None:
    counts = mention_counts(two_letters)
    ana, anna = (
        party_named(two_letters, "Ana Lindqvist"),
        party_named(two_letters, "Anna Lindquist"),
    )
    [sid] = [s.id for s in cases.review_queue(two_letters) if {s.party_a, s.party_b} == {ana, anna}]
    assert cases.accept_merge(two_letters, sid, actor="tester") == ana
    view = cases.show_party(two_letters, ana)
    assert view.party.mentions == counts[ana] + counts[anna]
    assert [(n.name, n.script) for n in view.names] == [
        ("Ana Lindqvist", "latin"),
        ("Anna Lindquist", "latin"),
    ]
    assert {d.document_id for d in view.documents} == {1, 2}
    assert {m.merged_from for m in view.mentions if m.name == "Anna Lindquist"} == {anna}
    gone = cases.show_party(two_letters, anna)
    assert gone.party.merged_into == ana and gone.mentions == []
    assert anna not in mention_counts(two_letters)
    assert ANA not in pair_names(two_letters)
    entries = logged(two_letters)
    assert ("accept", "party_merge_suggestion") in {(a, e) for a, e, _ in entries}
    merge = next(d for a, e, d in entries if (a, e) == ("merge", "party"))
    assert merge["merged"] == anna and merge["mention_ids"]


def test_a_rejected_pair_never_comes_back(two_letters: Store) -> None:
    [sid] = [s.id for s in cases.review_queue(two_letters) if {s.name_a, s.name_b} == WATCH]
    cases.reject_merge(two_letters, sid, actor="tester")
    assert WATCH not in pair_names(two_letters)
    assert cases.suggest_merges(two_letters) == []
    cases.build_from_extractions(two_letters)
    assert WATCH not in pair_names(two_letters)
    with pytest.raises(ReviewError, match="already rejected"):
        cases.accept_merge(two_letters, sid)


def test_merge_then_split_restores_mention_counts(two_letters: Store) -> None:
    before = mention_counts(two_letters)
    watch, nordic = (
        party_named(two_letters, "Nordic Detention Watch"),
        party_named(two_letters, "Nordic Watch"),
    )
    moved = [m.id for m in cases.show_party(two_letters, nordic).mentions]
    assert cases.merge_parties(two_letters, watch, nordic, actor="tester") == len(moved)
    assert mention_counts(two_letters)[watch] == before[watch] + before[nordic]
    merged = cases.show_party(two_letters, watch)
    assert sorted(m.id for m in merged.mentions if m.merged_from == nordic) == sorted(moved)
    assert WATCH not in pair_names(two_letters)  # the waiting suggestion was accepted

    new_id = cases.split_party(two_letters, watch, moved, actor="tester")
    after = mention_counts(two_letters)
    assert after[watch] == before[watch] and after[new_id] == before[nordic]
    split = cases.show_party(two_letters, new_id)
    assert split.party.kind == "organization" and split.party.name == "Nordic Watch"
    assert [n.name for n in split.names] == ["Nordic Watch"]
    assert [n.name for n in cases.show_party(two_letters, watch).names] == [
        "Nordic Detention Watch"
    ]
    assert cases.suggest_merges(two_letters) == []  # a split pair is not suggested again
    split_log = next(d for a, e, d in logged(two_letters) if a == "split")
    assert split_log == {
        "new_party": new_id,
        "mention_ids": sorted(moved),
        "fields": ["party_id", "merged_from"],
    }


def test_the_change_log_holds_ids_never_names(two_letters: Store) -> None:
    ana = party_named(two_letters, "Ana Lindqvist")
    for s in cases.review_queue(two_letters):
        if ana in (s.party_a, s.party_b):
            cases.accept_merge(two_letters, s.id)
        else:
            cases.reject_merge(two_letters, s.id)
    mention = cases.show_party(two_letters, ana).mentions[-1].id
    cases.split_party(two_letters, ana, [mention])
    with two_letters.engine.connect() as conn:
        text = " ".join(conn.scalars(select(changes.c.detail)))
        names = set(conn.scalars(select(t.mentions.c.name)))
    assert {"accept", "reject", "merge", "split"} <= {a for a, _, _ in logged(two_letters)}
    for name in names:
        for word in name.split():
            if len(word) > 3:
                assert word.lower() not in text.lower(), word


def test_list_filters_by_kind_and_any_spelling(two_letters: Store) -> None:
    people = cases.list_parties(two_letters, kind="person")
    assert people and all(p.kind == "person" for p in people)
    ana, anna = (
        party_named(two_letters, "Ana Lindqvist"),
        party_named(two_letters, "Anna Lindquist"),
    )
    cases.merge_parties(two_letters, ana, anna)
    assert [p.id for p in cases.list_parties(two_letters, query="lindquist")] == [ana]
    assert cases.list_parties(two_letters, query="no such spelling") == []


def test_show_gives_roles_across_documents_cases_and_suggestions(two_letters: Store) -> None:
    omar = party_named(two_letters, "Omar Benali")
    view = cases.show_party(two_letters, omar)
    assert [(d.document_id, "person_at_risk" in d.roles) for d in view.documents] == [
        (1, True),
        (2, True),
    ]
    assert [(c.name, c.role) for c in view.cases] == [("Omar Benali", "at_risk")]
    watch = party_named(two_letters, "Nordic Detention Watch")
    [s] = cases.show_party(two_letters, watch).suggestions
    assert {s.name_a, s.name_b} == WATCH


def test_merging_keeps_the_case_and_suggests_no_second_one(two_letters: Store) -> None:
    omar = party_named(two_letters, "Omar Benali")
    other = cases.split_party(
        two_letters, omar, [cases.show_party(two_letters, omar).mentions[-1].id]
    )
    cases.merge_parties(two_letters, other, omar)
    assert [c.name for c in cases.show_party(two_letters, other).cases] == ["Omar Benali"]
    assert cases.suggest_cases(two_letters) == []


BAD: list[tuple[str, Callable[[Store, dict[str, Any]], object], type[Exception], str]] = [
    ("show-unknown", lambda s, p: cases.show_party(s, 999), UnknownRecord, "no party with id 999"),
    ("merge-unknown", lambda s, p: cases.merge_parties(s, p["ana"], 999), UnknownRecord,
     "no party with id 999"),
    ("merge-into-itself", lambda s, p: cases.merge_parties(s, p["ana"], p["ana"]), InvalidMerge,
     "into itself"),
    ("merge-other-kind", lambda s, p: cases.merge_parties(s, p["ana"], p["watch"]), InvalidMerge,
     "different kinds"),
    ("merge-merged", lambda s, p: cases.merge_parties(s, p["ana"], p["anna"]), InvalidMerge,
     "was merged into party"),
    ("merge-into-merged", lambda s, p: cases.merge_parties(s, p["anna"], p["omar"]), InvalidMerge,
     "was merged into party"),
    ("split-unknown", lambda s, p: cases.split_party(s, 999, [1]), UnknownRecord,
     "no party with id 999"),
    ("split-foreign-mention", lambda s, p: cases.split_party(s, p["ana"], [p["omar_mention"]]),
     InvalidSplit, "not mentions of party"),
    ("split-unknown-mention", lambda s, p: cases.split_party(s, p["ana"], [99999]),
     InvalidSplit, "not mentions of party"),
    ("split-every-mention", lambda s, p: cases.split_party(s, p["omar"], p["omar_mentions"]),
     InvalidSplit, "at least one mention"),
    ("split-nothing", lambda s, p: cases.split_party(s, p["omar"], []), InvalidSplit,
     "at least one mention"),
    ("split-merged", lambda s, p: cases.split_party(s, p["anna"], [1]), InvalidMerge,
     "was merged into party"),
    ("accept-unknown", lambda s, p: cases.accept_merge(s, 999), UnknownRecord,
     "no merge suggestion with id 999"),
    ("accept-decided", lambda s, p: cases.accept_merge(s, p["decided"]), ReviewError,
     "already accepted"),
    ("reject-decided", lambda s, p: cases.reject_merge(s, p["decided"]), ReviewError,
     "already accepted"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_changes_nothing(
    two_letters: Store,
    call: Callable[[Store, dict[str, Any]], object],
    error: type[Exception],
    message: str,
) -> None:
    ids = {
        "ana": party_named(two_letters, "Ana Lindqvist"),
        "anna": party_named(two_letters, "Anna Lindquist"),
        "watch": party_named(two_letters, "Nordic Detention Watch"),
        "omar": party_named(two_letters, "Omar Benali"),
    }
    [decided] = [s.id for s in cases.review_queue(two_letters) if {s.name_a, s.name_b} == ANA]
    cases.accept_merge(two_letters, decided)
    omar_mentions = [m.id for m in cases.show_party(two_letters, ids["omar"]).mentions]
    ids |= {"decided": decided, "omar_mention": omar_mentions[0]}
    params: dict[str, Any] = {**ids, "omar_mentions": omar_mentions}
    before = snapshot(two_letters)
    with pytest.raises(error, match=message) as raised:
        call(two_letters, params)
    assert snapshot(two_letters) == before
    assert "Lindqvist" not in str(raised.value) and "Benali" not in str(raised.value)


def test_migration_7_adds_its_columns_to_a_store_made_before_it(
    backend: str, request: pytest.FixtureRequest
) -> None:
    from vigil.store.migrations import MIGRATIONS

    url = request.getfixturevalue("pg_database") if backend == "postgresql" else "sqlite://"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE parties (id INTEGER PRIMARY KEY, name TEXT)")
        conn.exec_driver_sql(
            "CREATE TABLE mentions (id INTEGER PRIMARY KEY, party_id INTEGER REFERENCES parties)"
        )
        [seven] = [m for m in MIGRATIONS if m.version == 7]
        assert seven.name == "party merge suggestions"
        seven.apply(conn, None)  # type: ignore[arg-type]  # the dialect is not used
        found = inspect(conn)
        assert "merged_into" in {c["name"] for c in found.get_columns("parties")}
        assert "merged_from" in {c["name"] for c in found.get_columns("mentions")}
        assert found.has_table("party_merge_suggestions")
        [fk] = [fk for fk in found.get_foreign_keys("parties")]
        assert (fk["referred_table"], fk["constrained_columns"]) == ("parties", ["merged_into"])
    engine.dispose()


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def run(two_letters: Store, cli_env: dict[str, str]) -> Callable[..., Any]:
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> Any:
        return runner.invoke(app, ["parties", *args], env=cli_env, input=stdin)

    return invoke


@pytest.mark.sqlite_only
def test_cli_list_show_merge_split(run: Callable[..., Any], two_letters: Store) -> None:
    result = run("list", "--kind", "organization", "--json")
    assert result.exit_code == 0, result.output
    orgs = {p["name"]: p["id"] for p in json.loads(result.output)}
    watch, nordic = orgs["Nordic Detention Watch"], orgs["Nordic Watch"]
    result = run("merge", str(watch), str(nordic))
    assert result.exit_code == 0, result.output
    assert f"Party {nordic} merged into party {watch}" in result.output
    shown = json.loads(run("show", str(watch), "--json").output)
    moved = [m["id"] for m in shown["mentions"] if m["merged_from"] == nordic]
    assert moved
    result = run("show", str(watch))
    assert (
        "Nordic Watch (latin)" in result.output and f"merged from party {nordic}" in result.output
    )
    result = run("split", str(watch), *[f"--mention={m}" for m in moved])
    assert result.exit_code == 0, result.output
    assert f"made from {len(moved)} mentions of party {watch}" in result.output
    assert mention_counts(two_letters)[watch] == len(shown["mentions"]) - len(moved)


@pytest.mark.sqlite_only
def test_cli_review_from_the_keyboard(run: Callable[..., Any], two_letters: Store) -> None:
    listed = json.loads(run("review", "--list", "--json").output)
    assert {frozenset((s["name_a"], s["name_b"])) for s in listed} >= {ANA, WATCH}
    keys = "".join("a" if frozenset((s["name_a"], s["name_b"])) == ANA else "r" for s in listed)
    result = run("review", stdin=keys)
    assert result.exit_code == 0, result.output
    assert "score" in result.output and "[a]ccept (merge)" in result.output
    assert f"{len(listed)} decided; 0 waiting" in result.output
    assert cases.review_queue(two_letters) == []
    assert "Anna Lindquist" not in {p.name for p in cases.list_parties(two_letters)}


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("show", "999"), UnknownRecord),
        (("merge", "1", "1"), InvalidMerge),
        (("split", "1", "--mention", "99999"), InvalidSplit),
    ],
)
def test_cli_bad_input_exits_non_zero_and_changes_nothing(
    run: Callable[..., Any], two_letters: Store, args: tuple[str, ...], error: type
) -> None:
    before = snapshot(two_letters)
    result = run(*args)
    assert result.exit_code != 0
    assert isinstance(result.exception, error) and str(result.exception)
    assert snapshot(two_letters) == before


def _letter_about(store: Store, name: str) -> int:
    text = f"12 May 2024\nWe ask for the release of {name}, who was arrested.\n"
    parsed = ParsedDocument(format="txt", text=text, full_text=text)
    doc_id = store.add_document(parsed, text.encode(), locator=f"{name}.txt")
    start = text.index(name)
    record = ExtractionRecord(
        pipeline_version="test",
        contract={"kind": "letter"},
        suggestions=[
            SuggestionRecord("persons_at_risk", name, [Span(start, start + len(name))],
                             "test", "rule", 0.8)
        ],
        errors=[],
        truncated=False,
    )  # fmt: skip
    save_extraction(store, doc_id, record)
    return doc_id


def test_transliterated_spellings_across_letters_wait_in_the_merge_queue(store: Store) -> None:
    for name in ("Yuri Dobrovolsky", "Yuri Dabrovolsky", "Pavel Dabrovolsky"):
        _letter_about(store, name)
    cases.build_from_extractions(store)
    people = {p.name for p in cases.list_parties(store)}
    assert {"Yuri Dobrovolsky", "Yuri Dabrovolsky", "Pavel Dabrovolsky"} <= people  # none merged
    pairs = pair_names(store)
    assert frozenset(("Yuri Dobrovolsky", "Yuri Dabrovolsky")) in pairs
    assert not any("Pavel Dabrovolsky" in pair for pair in pairs)  # another given name

"""Offices and their holders: named from a titled party, linked after resolution, counted
for both in the response rate per authority, shown with the party. Invented names."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from vigil import cases
from vigil.cases.offices import authorities, office_name
from vigil.cli.parties import register as register_parties
from vigil.model import ExtractionRecord, OfficeLink, ParsedDocument, Span, SuggestionRecord
from vigil.outputs.stats import statistics
from vigil.store import Store
from vigil.store.suggestions import save_extraction

MINISTER = {
    "name": "Ana Lindqvist",
    "kind": "person",
    "title": "Minister of the Interior",
    "organization": None,
    "country": "Norland",
}
OFFICE = "Minister of the Interior of Norland"


@pytest.mark.parametrize(
    ("title", "organization", "country", "expected"),
    [
        ("Minister of the Interior", None, "Norland", OFFICE),
        ("Minister of the Interior of Norland", None, "Norland", OFFICE),
        ("Minister of the Interior", None, "AL", "Minister of the Interior of Albania"),
        ("President of the Albanian Republic", None, "AL", "President of the Albanian Republic"),
        ("Minister of Justice", "Government", "Norland", "Minister of Justice of Norland"),
        ("Secretary", "Department of Harbours", None, "Secretary, Department of Harbours"),
        ("Minister of Justice", None, None, "Minister of Justice"),
        ("President", None, None, None),  # too vague to join letters across documents
        ("Coordinator", "Harbour Watch", None, None),  # no official's title
        (None, "Department of Harbours", "Norland", None),
    ],
)
def test_office_name_from_a_title(
    title: str | None, organization: str | None, country: str | None, expected: str | None
) -> None:
    assert office_name(title, organization, country) == expected


def test_a_letter_to_a_holder_counts_for_the_office_and_back() -> None:
    link = OfficeLink(7, OFFICE, 3, "Ana Lindqvist", "2024-05-12", 1)
    assert authorities([(3, "Ana Lindqvist")], [link]) == ["Ana Lindqvist", OFFICE]
    assert authorities([(7, OFFICE)], [link]) == [OFFICE, "Ana Lindqvist"]
    assert authorities([(9, "Someone Else")], [link]) == ["Someone Else"]


def _letter(store: Store, n: int, addressee: dict[str, object], date: str | None) -> int:
    text = f"Letter {n} to the minister about Omar Benali.\n\nClara Jensen"
    doc = store.add_document(
        ParsedDocument(format="txt", text=text, full_text=text), text.encode(), locator=f"{n}.txt"
    )

    def s(field: str, value: object) -> SuggestionRecord:
        return SuggestionRecord(field, value, [Span(0, 6)], "test", "rule", 0.8)

    contract = {"kind": "letter", **({"date": date} if date else {})}
    found = [
        s("addressees", addressee),
        s("senders", {"name": "Clara Jensen", "kind": "person"}),
        s("persons_at_risk", "Omar Benali"),
    ]
    save_extraction(store, doc, ExtractionRecord("test", contract, found, [], False))
    return doc


def _party(store: Store, name: str) -> int:
    [found] = [p.id for p in cases.list_parties(store) if p.name == name]
    return found


def test_a_titled_addressee_is_linked_to_the_office_dated_by_the_letter(store: Store) -> None:
    doc = _letter(store, 1, MINISTER, "2024-05-12")
    cases.update_case_file(store, [doc])
    minister, office = _party(store, "Ana Lindqvist"), _party(store, OFFICE)
    [link] = cases.office_links(store)
    assert (link.office_id, link.holder_id, link.since, link.document_id) == (
        office,
        minister,
        "2024-05-12",
        doc,
    )
    assert cases.show_party(store, minister).offices == [link]
    assert cases.show_party(store, office).offices == [link]
    # a second build of the same document links nothing more
    cases.update_case_file(store, [doc])
    assert len(cases.office_links(store)) == 1


def test_the_response_rate_per_authority_counts_office_and_holder(store: Store) -> None:
    first = _letter(store, 1, MINISTER, "2024-05-12")
    to_office = {"name": OFFICE, "kind": "office"}
    second = _letter(store, 2, to_office, "2024-06-01")
    cases.update_case_file(store, [first])
    cases.update_case_file(store, [second])
    items = cases.list_interventions(store)
    [answered] = [i for i in items if i.document_id == second]
    cases.respond(store, answered.id, when="2024-06-20", type_=next(iter(cases.RESPONSE_TYPES)))
    rates = cases.response_rates(cases.list_interventions(store), cases.office_links(store))
    assert rates[OFFICE] == (2, 1)
    assert rates["Ana Lindqvist"] == (2, 1)
    by_name = {a.name: (a.letters, a.answered) for a in statistics(store).authorities}
    assert by_name[OFFICE] == (2, 1) and by_name["Ana Lindqvist"] == (2, 1)


def test_an_undated_letter_links_without_a_date_and_a_bare_title_links_nothing(
    store: Store,
) -> None:
    bare = {"name": "Kai Norrby", "kind": "person", "title": "President"}
    doc = _letter(store, 1, MINISTER, None)
    other = _letter(store, 2, bare, "2024-01-01")
    cases.update_case_file(store, [doc, other])
    [link] = cases.office_links(store)
    assert link.since is None and link.holder == "Ana Lindqvist"


@pytest.mark.sqlite_only
def test_parties_show_prints_holds_and_held_by(store: Store, cli_env: dict[str, str]) -> None:
    cases.update_case_file(store, [_letter(store, 1, MINISTER, "2024-05-12")])
    minister, office = _party(store, "Ana Lindqvist"), _party(store, OFFICE)
    store.close()
    app = typer.Typer()
    register_parties(app)
    runner = CliRunner()
    holder = runner.invoke(app, ["parties", "show", str(minister)], env=cli_env)
    assert holder.exit_code == 0, holder.output
    assert f"holds: #{office} {OFFICE}" in holder.output
    held = runner.invoke(app, ["parties", "show", str(office)], env=cli_env)
    assert f"held by: #{minister} Ana Lindqvist" in held.output

"""Per-case access in the store, on both backends: a restricted case is absent from every
read of a store view bound to a user who is not granted it, by id, list, count and search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text

from vigil import cases
from vigil.accounts import Role, add_user
from vigil.cases.agenda import agenda
from vigil.cases.review import decisions, queue_stats
from vigil.cases.tracker import tracker_rows
from vigil.errors import DocumentNotFound, ScopeNotApplied, UnknownRecord
from vigil.model import Facet, SearchQuery
from vigil.outputs.ftm import entities
from vigil.outputs.spreadsheet import cases_csv, interventions_csv, parties_csv
from vigil.outputs.stats import statistics
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.access import (
    case_access,
    grant_case,
    restrict_case,
    revoke_case,
    scope_for,
    unrestrict_case,
)
from vigil.store.facets import search_counts
from vigil.store.lookup import find_documents
from vigil.store.tables import changes

from ..restricted import CANARIES, World, build_world

TODAY = date(2024, 7, 1)
READS: dict[str, Callable[[Store], object]] = {
    "documents": lambda s: [(d.id, d.title) for d in s.documents()],
    "document texts": lambda s: [s.get(d.id).text for d in s.documents()],
    "search": lambda s: s.search(SearchQuery("police")),
    "search by name": lambda s: cases.search(s, SearchQuery("Quillfeather")),
    "facets": lambda s: search_counts(s, SearchQuery("police")),
    "cases": lambda s: cases.list_cases(s),
    "interventions": lambda s: cases.list_interventions(s),
    "parties": lambda s: cases.list_parties(s),
    "tracker": lambda s: tracker_rows(s, TODAY),
    "dashboard": lambda s: agenda(s, TODAY),
    "statistics": lambda s: statistics(s),
    "review queue": lambda s: decisions(s),
    "cases.csv": cases_csv,
    "interventions.csv": interventions_csv,
    "parties.csv": parties_csv,
    "followthemoney": lambda s: list(entities(s)),
    "document picker": lambda s: find_documents(s, "Letter", 10),
}

NUMBERS = {"dashboard", "statistics"}
"""Reads that show numbers only (checked by count in `test_counts_...`)."""


@pytest.fixture
def world(store: Store) -> World:
    return build_world(store)


@pytest.fixture
def users(store: Store, settings: Settings) -> dict[str, int]:
    return {
        str(role): add_user(store, settings, str(role), role, f"{role} password long enough").id
        for role in Role
    }


def _leaks(found: object) -> list[str]:
    shown = repr(found)
    return [c for c in CANARIES if c in shown]


def _view(store: Store, user_id: int, role: str = "viewer") -> Store:
    return store.scoped(scope_for(store, user_id, admin=role == "admin"))


def test_every_read_leaves_a_restricted_case_out(
    store: Store, world: World, users: dict[str, int]
) -> None:
    for role in ("viewer", "editor"):
        view = _view(store, users[role], role)
        for name, read in READS.items():
            assert _leaks(read(view)) == [], (role, name)


def test_the_reads_show_it_to_admins_and_without_a_user(
    store: Store, world: World, users: dict[str, int]
) -> None:
    """The canaries are there to find (the test above could not pass by reading nothing)."""
    unscoped = store.scoped(scope_for(store, None))
    for view in (store, _view(store, users["admin"], "admin"), unscoped):
        missing = [n for n, read in READS.items() if n not in NUMBERS and not _leaks(read(view))]
        assert missing == [], missing


def test_hidden_records_are_not_found_by_id(
    store: Store, world: World, users: dict[str, int]
) -> None:
    view = _view(store, users["viewer"])
    with pytest.raises(DocumentNotFound):
        view.get(world.secret_document)
    with pytest.raises(DocumentNotFound):
        view.original(world.secret_document)
    with pytest.raises(UnknownRecord):
        cases.show_case(view, world.secret_case)
    for intervention in world.secret_interventions:
        with pytest.raises(UnknownRecord):
            cases.get_intervention(view, intervention)
    for party in world.secret_parties:
        with pytest.raises(UnknownRecord):
            cases.show_party(view, party)
    assert view.get(world.open_document).id == world.open_document
    assert cases.show_case(view, world.open_case).case.id == world.open_case
    assert cases.show_party(view, world.shared_party).party.id == world.shared_party


def test_counts_and_facets_do_not_count_hidden_records(
    store: Store, world: World, users: dict[str, int]
) -> None:
    view = _view(store, users["viewer"])
    assert (store.document_total(), view.document_total()) == (2, 1)
    assert sum(store.counts().values()) - sum(view.counts().values()) == 1
    police = SearchQuery("police")
    full, seen = search_counts(store, police), search_counts(view, police)
    assert (full.total, seen.total) == (2, 1)
    assert str(world.secret_case) in {c.value for c in full.facets[Facet.CASE]}
    assert str(world.secret_case) not in {c.value for c in seen.facets[Facet.CASE]}
    assert {str(p) for p in world.secret_parties} & {c.value for c in full.facets[Facet.PARTY]}
    assert not {str(p) for p in world.secret_parties} & {c.value for c in seen.facets[Facet.PARTY]}
    assert len(view.search(SearchQuery("police"))) == 1
    assert len(cases.list_cases(view)) == len(cases.list_cases(store)) - 1
    full_stats, seen_stats = statistics(store), statistics(view)
    assert sum(full_stats.events_by_type.values()) == 2
    assert sum(seen_stats.events_by_type.values()) == 1
    assert sum(seen_stats.cases_by_status.values()) == sum(full_stats.cases_by_status.values()) - 1
    full_agenda, seen_agenda = agenda(store, TODAY), agenda(view, TODAY)
    assert (full_agenda.open_cases, seen_agenda.open_cases) == (2, 1)
    assert (full_agenda.letters, seen_agenda.letters) == (2, 1)
    assert len(seen_agenda.overdue) == len(full_agenda.overdue) - 1
    assert queue_stats(view) != queue_stats(store)


def test_grant_shows_the_case_and_revoke_hides_it_again(
    store: Store, world: World, users: dict[str, int]
) -> None:
    viewer = users["viewer"]
    assert grant_case(store, world.secret_case, viewer, actor="user:1")
    shown = _view(store, viewer)
    assert shown is store  # nothing hidden: the store itself
    assert cases.show_case(shown, world.secret_case).case.id == world.secret_case
    assert _view(store, users["editor"]).document_total() == 1  # granted to one user only
    assert revoke_case(store, world.secret_case, viewer, actor="user:1")
    with pytest.raises(UnknownRecord):
        cases.show_case(_view(store, viewer), world.secret_case)
    assert unrestrict_case(store, world.secret_case, actor="user:1")
    assert _view(store, viewer).document_total() == 2
    assert not unrestrict_case(store, world.secret_case)


def test_each_access_change_is_one_audit_entry_with_the_actor_and_ids_only(
    store: Store, world: World, users: dict[str, int]
) -> None:
    with store.engine.connect() as conn:
        before = conn.execute(changes.select().order_by(changes.c.id)).all()
    viewer = users["viewer"]
    assert grant_case(store, world.secret_case, viewer, actor="user:7")
    assert not grant_case(store, world.secret_case, viewer, actor="user:7")  # nothing changes
    assert revoke_case(store, world.secret_case, viewer, actor="user:7")
    assert unrestrict_case(store, world.secret_case, actor="user:7")
    assert restrict_case(store, world.secret_case, actor="user:7")
    with store.engine.connect() as conn:
        after = conn.execute(changes.select().order_by(changes.c.id)).all()[len(before) :]
    assert [(e.actor, e.action, e.entity, e.entity_id) for e in after] == [
        ("user:7", action, "case", world.secret_case)
        for action in ("grant", "revoke", "unrestrict", "restrict")
    ]
    assert _leaks([e.detail for e in after]) == []
    access = case_access(store, world.secret_case)
    assert access.restricted and access.grants == []


def test_a_raw_read_that_ignores_the_scope_is_refused(
    store: Store, world: World, users: dict[str, int]
) -> None:
    view = _view(store, users["viewer"])
    with view.engine.connect() as conn, pytest.raises(ScopeNotApplied):
        conn.execute(text("SELECT count(*) FROM documents"))
    with store.engine.connect() as conn:  # the whole store reads as before
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 2


def test_personal_mode_and_admins_see_everything(
    store: Store, world: World, users: dict[str, int]
) -> None:
    assert not scope_for(store, None).hides_anything
    assert not scope_for(store, users["admin"], admin=True).hides_anything
    hidden = scope_for(store, users["viewer"])
    assert hidden.cases == {world.secret_case}
    assert world.secret_document in hidden.documents
    assert set(world.secret_parties) <= hidden.parties
    assert world.shared_party not in hidden.parties

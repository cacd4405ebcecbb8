"""The tracker: every intervention as one row (about whom, which case, which country),
filtered, sorted and cut into pages. The rules (overdue, needs a date) are those of
`interventions`; the links come from `store.links`. No SQL here.

A row's countries are the countries named in its addressees' names and in the places of
the events it is about (`vocab.places`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vigil.cases.interventions import (
    is_overdue,
    is_unanswered,
    list_interventions,
    needs_a_date,
    office_links,
    response_rates,
)
from vigil.model import InterventionSummary, PartyRole
from vigil.store import Store
from vigil.store.links import (
    CaseRef,
    InterventionContext,
    PartyEvent,
    intervention_contexts,
    interventions_by_id,
    party_letters,
)
from vigil.vocab.places import country_named

SORTS = ("date", "from", "to", "about", "case", "status", "due", "responses", "authority")
"""The columns a tracker can be sorted by (`authority` is `to`, its older name)."""
PER_PAGE = 50


@dataclass(frozen=True)
class TrackerFilter:
    """What a tracker shows; an empty field filters nothing."""

    status: str = ""
    authority: str = ""
    """Part of an addressee's name, in any case (the response-rate links)."""
    addressee: int | None = None
    """The id of a party the letter is addressed to (the page's filter: an id, so no name
    typed into the page lands in an address)."""
    country: str = ""
    """A country's English name, as `vocab.places` gives it."""
    case: int | None = None
    person: int | None = None
    """The id of a party the letter speaks for (on behalf of, or subject of its events)."""
    overdue: bool = False
    unanswered: bool = False
    needs_date: bool = False


@dataclass(frozen=True)
class TrackerRow:
    item: InterventionSummary
    about: list[PartyRole]
    cases: list[CaseRef]
    countries: list[str]
    overdue: bool
    needs_date: bool

    @property
    def answered(self) -> bool:
        return bool(self.item.responses)


@dataclass(frozen=True)
class TrackerPage:
    rows: list[TrackerRow]
    total: int
    """Rows matching the filters, on every page."""
    everything: int
    """Interventions in the store."""
    page: int
    pages: int
    countries: list[str] = field(default_factory=list)
    """Every country some row names, for the filter's choices."""
    cases: list[CaseRef] = field(default_factory=list)
    people: list[PartyRole] = field(default_factory=list)
    addressees: list[PartyRole] = field(default_factory=list)
    """Every party some letter is addressed to, for the filter's choices."""
    rates: list[tuple[str, int, int]] = field(default_factory=list)
    """Per addressee of the matching rows: (name, letters, those with a response)."""


def tracker_rows(store: Store, today: date) -> list[TrackerRow]:
    """Every intervention as a tracker row, in id order."""
    contexts = intervention_contexts(store)
    return [_row(item, contexts.get(item.id), today) for item in list_interventions(store)]


def _row(item: InterventionSummary, context: InterventionContext | None, today: date) -> TrackerRow:
    context = context or InterventionContext()
    named = [country_named(n) for n in [*item.names("addressee"), *context.places]]
    return TrackerRow(
        item=item,
        about=context.about,
        cases=context.cases,
        countries=list(dict.fromkeys(c for c in named if c)),
        overdue=is_overdue(item, today),
        needs_date=needs_a_date(item),
    )


def matches(row: TrackerRow, wanted: TrackerFilter) -> bool:
    item = row.item
    authority = wanted.authority.strip().casefold()
    checks = (
        not wanted.status or item.status == wanted.status,
        not authority or any(authority in n.casefold() for n in item.names("addressee")),
        wanted.addressee is None
        or any(p.party_id == wanted.addressee and p.role == "addressee" for p in item.parties),
        not wanted.country or wanted.country in row.countries,
        wanted.case is None or any(c.id == wanted.case for c in row.cases),
        wanted.person is None or any(p.party_id == wanted.person for p in row.about),
        not wanted.overdue or row.overdue,
        not wanted.unanswered or is_unanswered(item),
        not wanted.needs_date or row.needs_date,
    )
    return all(checks)


_LAST = "\U0010ffff"  # a missing value sorts after every real one, in either direction


def _names(row: TrackerRow, role: str) -> str:
    return ", ".join(row.item.names(role)).casefold()


_KEYS: dict[str, Callable[[TrackerRow], Any]] = {
    "date": lambda r: "" if r.needs_date else r.item.date or "",
    "from": lambda r: _names(r, "sender"),
    "to": lambda r: _names(r, "addressee"),
    "authority": lambda r: _names(r, "addressee"),
    "about": lambda r: ", ".join(p.name for p in r.about).casefold(),
    "case": lambda r: r.cases[0].name.casefold() if r.cases else "",
    "status": lambda r: r.item.status,
    "due": lambda r: r.item.due_date or "",
    "responses": lambda r: f"{len(r.item.responses):09d}",
}


def sort_rows(rows: list[TrackerRow], sort: str, descending: bool = False) -> list[TrackerRow]:
    """Rows by one column (missing values last either way), then by id."""
    key = _KEYS[sort]
    present = [r for r in rows if key(r)]
    missing = [r for r in rows if not key(r)]
    present.sort(key=lambda r: (key(r), r.item.id), reverse=descending)
    return present + sorted(missing, key=lambda r: r.item.id)


def tracker(
    store: Store,
    wanted: TrackerFilter,
    *,
    sort: str = "due",
    descending: bool = False,
    page: int = 1,
    per_page: int = PER_PAGE,
    today: date | None = None,
) -> TrackerPage:
    """One page of the tracker; `page` beyond the last gives the last."""
    rows = tracker_rows(store, today or date.today())
    chosen = sort_rows([r for r in rows if matches(r, wanted)], sort, descending)
    pages = max(1, -(-len(chosen) // per_page))
    page = min(max(1, page), pages)
    people = {p.party_id: p for r in rows for p in r.about}
    addressees = {p.party_id: p for r in rows for p in r.item.parties if p.role == "addressee"}
    case_refs = {c.id: c for r in rows for c in r.cases}
    return TrackerPage(
        rows=chosen[(page - 1) * per_page : page * per_page],
        total=len(chosen),
        everything=len(rows),
        page=page,
        pages=pages,
        countries=sorted({c for r in rows for c in r.countries}),
        cases=sorted(case_refs.values(), key=lambda c: c.name.casefold()),
        people=sorted(people.values(), key=lambda p: p.name.casefold()),
        addressees=sorted(addressees.values(), key=lambda p: p.name.casefold()),
        rates=sorted(
            ((name, sent, answered) for name, (sent, answered) in response_rates(
                [r.item for r in chosen], office_links(store)
            ).items()),
            key=lambda r: r[0].casefold(),
        ),
    )


def tracker_row(store: Store, item: InterventionSummary, today: date) -> TrackerRow:
    """One intervention's row: whom it is about, its cases and countries."""
    return _row(item, intervention_contexts(store, [item.id]).get(item.id), today)


LETTER_ROLES = ("sender", "addressee", "copy", "on_behalf", "subject")
"""How a party stands to a letter: wrote, received, copied, spoken for, subject of its events."""


@dataclass(frozen=True)
class PartyCasework:
    """A party's letters by how it stands to them, and the events it is subject or actor of."""

    letters: dict[str, list[TrackerRow]]
    """Each letter once, under the first of `LETTER_ROLES` the party takes in it."""
    events: list[PartyEvent]


def party_casework(store: Store, party_id: int, today: date) -> PartyCasework:
    found = party_letters(store, party_id)
    ids = sorted({i for group in found.by_role.values() for i in group})
    contexts = intervention_contexts(store, ids)
    rows = {i.id: _row(i, contexts.get(i.id), today) for i in interventions_by_id(store, ids)}
    letters: dict[str, list[TrackerRow]] = {}
    shown: set[int] = set()
    for role in LETTER_ROLES:  # each letter once, under the first way the party stands to it
        group = [rows[i] for i in found.by_role.get(role, []) if i in rows and i not in shown]
        if group:
            letters[role] = sort_rows(group, "date")
            shown.update(r.item.id for r in group)
    return PartyCasework(letters, found.events)

"""Statistics over the case file: what the stats page, `vigil stats` and the dossier show.

Events by type, country (the country named in the event's place, else `unknown`) and
year; interventions by month; per authority the letters, those answered, the response
rate and the median days to the first response; cases by status. Read from the same
case-file views as the pages (events are those of cases; drafts are not letters sent).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median

from vigil.cases.interventions import office_links
from vigil.cases.offices import authorities as counted_for
from vigil.model import TimelineItem
from vigil.outputs.views import read_case_file
from vigil.store import Store
from vigil.vocab.places import country_named


@dataclass(frozen=True)
class AuthorityStats:
    name: str
    letters: int
    answered: int
    rate: float
    median_days: float | None


@dataclass(frozen=True)
class Statistics:
    events_by_type: dict[str, int]
    events_by_country: dict[str, int]
    events_by_year: dict[str, int]
    interventions_by_month: dict[str, int]
    responses_by_month: dict[str, int]
    authorities: list[AuthorityStats]
    cases_by_status: dict[str, int]


def country_of(place: str | None) -> str:
    return country_named(place) or "unknown"


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))


def statistics(store: Store) -> Statistics:
    data = read_case_file(store)
    events: dict[int, TimelineItem] = {}
    for view in data.views.values():
        for entry in view.timeline:
            if entry.what == "event":
                events.setdefault(entry.id, entry)
    letters = [i for i in data.interventions if i.status != "draft"]
    links = office_links(store)  # a letter to an office's holder counts for the office
    by_month: Counter[str] = Counter(i.date[:7] for i in letters if i.date)
    responses: Counter[str] = Counter(r.date[:7] for i in letters for r in i.responses)
    per_authority: dict[str, list[tuple[int, int | None]]] = {}
    for item in letters:
        days: int | None = None
        if item.responses and item.date and len(item.date) == 10:
            first = min(r.date for r in item.responses)
            days = (date.fromisoformat(first) - date.fromisoformat(item.date)).days
        addressees = [(p.party_id, p.name) for p in item.parties if p.role == "addressee"]
        for name in counted_for(addressees, links):
            per_authority.setdefault(name, []).append((1 if item.responses else 0, days))
    authorities = [
        AuthorityStats(
            name,
            len(rows),
            sum(a for a, _ in rows),
            sum(a for a, _ in rows) / len(rows),
            median([d for _, d in rows if d is not None])
            if any(d is not None for _, d in rows)
            else None,
        )
        for name, rows in sorted(per_authority.items())
    ]
    return Statistics(
        events_by_type=_sorted(Counter(e.label for e in events.values())),
        events_by_country=_sorted(Counter(country_of(e.place) for e in events.values())),
        events_by_year=_sorted(Counter((e.date or "undated")[:4] for e in events.values())),
        interventions_by_month=_sorted(by_month),
        responses_by_month=_sorted(responses),
        authorities=authorities,
        cases_by_status=_sorted(Counter(c.status for c in data.cases)),
    )

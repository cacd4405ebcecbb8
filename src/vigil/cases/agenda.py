"""The casework agenda the dashboard shows: what is overdue, what falls due this week,
open cases, what waits for review, recent responses, how each authority answers, and
the documents waiting for OCR or extraction. No SQL here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vigil.cases.casefile import list_cases
from vigil.cases.fields import cases_by_situation
from vigil.cases.interventions import is_unanswered, office_links, response_rates
from vigil.cases.tracker import TrackerRow, sort_rows, tracker_rows
from vigil.model import DocumentState, ResponseRecord
from vigil.store import Store
from vigil.store.links import waiting_review_by_field

WEEK = 7
RECENT = 8
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class AuthorityRate:
    name: str
    letters: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.letters) if self.letters else 0


@dataclass(frozen=True)
class Agenda:
    overdue: list[TrackerRow]
    due_this_week: list[TrackerRow]
    open_cases: int
    open_cases_by: dict[str, int]
    """Open cases per situation ('not recorded' for those with none)."""
    waiting_review: dict[str, int]
    recent_responses: list[tuple[ResponseRecord, TrackerRow]]
    rates: list[AuthorityRate]
    waiting_ocr: int
    waiting_extraction: int
    letters: int


def due_within(row: TrackerRow, today: date, days: int) -> bool:
    """Unanswered, not yet overdue, and due between today and `days` days from now."""
    due = row.item.due_date
    last = (today + timedelta(days=days)).isoformat()
    return is_unanswered(row.item) and due is not None and today.isoformat() <= due <= last


def situation_counts(counted: dict[str | None, int]) -> dict[str, int]:
    """Open cases per situation, largest first; cases with none recorded counted apart."""
    values = {(k or NOT_RECORDED): v for k, v in counted.items()}
    return dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))


def agenda(store: Store, today: date) -> Agenda:
    rows = tracker_rows(store, today)
    by_id = {r.item.id: r for r in rows}
    answers = sorted(
        (a for r in rows for a in r.item.responses), key=lambda a: (a.date, a.id), reverse=True
    )
    found = list_cases(store)
    counts = store.counts()
    counted = response_rates([r.item for r in rows], office_links(store))
    rates = [AuthorityRate(name, sent, answered) for name, (sent, answered) in counted.items()]
    return Agenda(
        overdue=sort_rows([r for r in rows if r.overdue], "due"),
        due_this_week=sort_rows([r for r in rows if due_within(r, today, WEEK)], "due"),
        open_cases=sum(1 for c in found if c.status == "open" and c.review_state != "rejected"),
        open_cases_by=situation_counts(cases_by_situation(store)),
        waiting_review=dict(sorted(waiting_review_by_field(store).items())),
        recent_responses=[(a, by_id[a.intervention_id]) for a in answers[:RECENT]],
        rates=sorted(rates, key=lambda r: (-r.letters, r.name.casefold())),
        waiting_ocr=counts.get(str(DocumentState.NEEDS_OCR), 0),
        waiting_extraction=counts.get(str(DocumentState.STORED), 0),
        letters=len(rows),
    )

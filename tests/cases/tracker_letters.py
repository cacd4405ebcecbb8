"""Synthetic letters for the tracker and dashboard tests, dated around `today`, with
known answers: which are overdue, due this week, answered, in which country and case.

Every name is invented. Recorded by hand (`cases.new_intervention`), so no extraction runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vigil import cases
from vigil.store import Store

KENYA_JUSTICE = "Ministry of Justice of Kenya"
PERU_INTERIOR = "Ministry of Interior of Peru"
PERU_OMBUDSMAN = "Ombudsman of Peru"
KENYA_PRESIDENT = "Office of the President of Kenya"
SIGNATORIES = 75
"""Senders of the open letter: a list long enough to fold."""


@dataclass(frozen=True)
class Letters:
    overdue_justice: int
    """To the Kenyan ministry for Lena Varga, due ten days ago, unanswered."""
    answered: int
    """To the Peruvian ministry for Tomas Quell, due fifteen days ago, answered."""
    due_soon: int
    """To the Kenyan ministry for Lena Varga, due in five days."""
    later: int
    """To the Peruvian ombudsman for Tomas Quell, due in 27 days."""
    open_letter: int
    """75 signatories to the Kenyan president for Ana Ruiz, due twenty days ago."""
    case: int
    """Lena Varga's case."""
    lena: int
    tomas: int

    @property
    def overdue(self) -> set[int]:
        return {self.overdue_justice, self.open_letter}

    @property
    def everything(self) -> set[int]:
        return {self.overdue_justice, self.answered, self.due_soon, self.later, self.open_letter}


def _letter(
    store: Store, today: date, days_ago: int, to: str, about: str, senders: list[str] | None = None
) -> int:
    when = (today - timedelta(days=days_ago)).isoformat()
    return cases.new_intervention(
        store,
        when=when,
        to=[to],
        from_=senders or ["Harbour Rights Watch"],
        on_behalf=[about],
        follow_up_days=30,
    )


def record_letters(store: Store, today: date) -> Letters:
    overdue = _letter(store, today, 40, KENYA_JUSTICE, "Lena Varga")
    answered = _letter(store, today, 45, PERU_INTERIOR, "Tomas Quell")
    cases.respond(
        store, answered, when=(today - timedelta(days=2)).isoformat(), type_="answer"
    )
    due_soon = _letter(store, today, 25, KENYA_JUSTICE, "Lena Varga")
    later = _letter(store, today, 3, PERU_OMBUDSMAN, "Tomas Quell")
    signatories = [f"Signatory Group {n:02d}" for n in range(1, SIGNATORIES + 1)]
    open_letter = _letter(store, today, 50, KENYA_PRESIDENT, "Ana Ruiz", signatories)
    people = {p.name: p.id for p in cases.list_parties(store)}
    case_id = cases.new_case(store, "Lena Varga")
    cases.add_to_case(store, case_id, party_id=people["Lena Varga"])
    return Letters(
        overdue, answered, due_soon, later, open_letter, case_id,
        people["Lena Varga"], people["Tomas Quell"],
    )  # fmt: skip

"""Interventions: listing (unanswered, overdue), status history and responses.

Status is a history, never an overwritten field; statuses are the ids of
`vocab/intervention_statuses.json`. A response is a record of its own and
brings the status its type implies.
"""

from __future__ import annotations

from datetime import date

from vigil import vocab
from vigil.errors import InvalidResponse, InvalidStatus
from vigil.model import InterventionSummary
from vigil.store import Store
from vigil.store import cases as case_store

RESPONSE_TYPES: dict[str, str | None] = {
    "acknowledgement": "acknowledged",
    "answer": "answered",
    "refusal": "refused",
    "other": None,
}
"""Response types and the status each brings (None: the status stays)."""
SETTLED = frozenset({"answered", "refused", "closed", "draft"})
"""Statuses that need no follow-up."""


def is_unanswered(item: InterventionSummary) -> bool:
    """No response recorded and not settled (those reported as no_response included)."""
    return not item.responses and item.status not in SETTLED


def is_overdue(item: InterventionSummary, today: date) -> bool:
    return is_unanswered(item) and item.due_date is not None and item.due_date < today.isoformat()


def list_interventions(
    store: Store, *, unanswered: bool = False, overdue: bool = False, today: date | None = None
) -> list[InterventionSummary]:
    day = today or date.today()
    items = case_store.list_interventions(store)
    if unanswered:
        items = [i for i in items if is_unanswered(i)]
    if overdue:
        items = [i for i in items if is_overdue(i, day)]
    return items


def response_rates(items: list[InterventionSummary]) -> dict[str, tuple[int, int]]:
    """Per addressee name: (interventions, those with a response)."""
    rates: dict[str, tuple[int, int]] = {}
    for item in items:
        for name in dict.fromkeys(item.names("addressee")):
            sent, answered = rates.get(name, (0, 0))
            rates[name] = (sent + 1, answered + (1 if item.responses else 0))
    return rates


def set_status(store: Store, intervention_id: int, status: str, actor: str = "local") -> None:
    statuses = vocab.ids("intervention_statuses")
    if status not in statuses:
        raise InvalidStatus(f"unknown status {status!r}; use one of: {', '.join(sorted(statuses))}")
    case_store.add_status(store, intervention_id, status, actor=actor)


def respond(
    store: Store,
    intervention_id: int,
    *,
    when: str,
    type_: str,
    summary: str | None = None,
    document_id: int | None = None,
    from_party: int | None = None,
    actor: str = "local",
) -> int:
    """Record a response; refused if its date is not YYYY-MM-DD or before the letter."""
    if type_ not in RESPONSE_TYPES:
        raise InvalidStatus(
            f"unknown response type {type_!r}; use one of: {', '.join(RESPONSE_TYPES)}"
        )
    try:
        day = date.fromisoformat(when)
    except ValueError:
        raise InvalidResponse(f"give the response date as YYYY-MM-DD, not {when!r}") from None
    return case_store.add_response(
        store,
        intervention_id,
        when=day,
        type_=type_,
        status=RESPONSE_TYPES[type_],
        summary=summary,
        document_id=document_id,
        from_party=from_party,
        actor=actor,
    )


def get_intervention(store: Store, intervention_id: int) -> InterventionSummary:
    return case_store.get_intervention(store, intervention_id)

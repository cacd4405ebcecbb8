"""Cases, interventions and responses, built from stored extractions. No SQL here.

facts (one extraction → mentions, events, interventions; pure)
→ build (write them idempotently; resolve parties across documents)
→ casefile (suggest, make, grow, merge, close, show cases)
→ interventions (unanswered, overdue, status history, responses)
"""

from __future__ import annotations

from vigil.cases.build import build_from_extractions, resolve_parties
from vigil.cases.casefile import (
    add_to_case,
    close_case,
    list_cases,
    merge_cases,
    new_case,
    show_case,
    suggest_cases,
)
from vigil.cases.interventions import (
    RESPONSE_TYPES,
    get_intervention,
    is_overdue,
    is_unanswered,
    list_interventions,
    respond,
    response_rates,
    set_status,
)

__all__ = [
    "RESPONSE_TYPES",
    "add_to_case",
    "build_from_extractions",
    "close_case",
    "get_intervention",
    "is_overdue",
    "is_unanswered",
    "list_cases",
    "list_interventions",
    "merge_cases",
    "new_case",
    "resolve_parties",
    "respond",
    "response_rates",
    "set_status",
    "show_case",
    "suggest_cases",
]

"""Cases, interventions and responses, built from stored extractions. No SQL here.

facts (one extraction → mentions, events, interventions; pure)
→ build (write them idempotently; resolve parties across documents)
→ casefile (suggest, make, grow, merge, close, show cases)
→ interventions (unanswered, overdue, status history, responses)
→ fields (country, situation, tags ... of a case, checked; lists filtered and sorted)
→ network (who is connected to whom in a case; pure)
→ parties (list, show; merge suggestions for review; merge and split by hand)
"""

from __future__ import annotations

from vigil.cases.build import build_from_extractions, resolve_parties
from vigil.cases.casefile import (
    add_to_case,
    close_case,
    dismiss_case,
    list_cases,
    merge_cases,
    new_case,
    show_case,
    suggest_cases,
    update_case_file,
)
from vigil.cases.events import add_event, edit_event, remove_event
from vigil.cases.fields import cases_by_situation, filter_cases, set_fields
from vigil.cases.interventions import (
    RESPONSE_TYPES,
    accept_reply,
    check_response,
    get_intervention,
    intervention_detail,
    is_overdue,
    is_unanswered,
    link_party,
    list_interventions,
    needs_a_date,
    new_intervention,
    office_links,
    reject_reply,
    reply_of,
    reply_suggestions,
    respond,
    response_rates,
    send_draft,
    set_date,
    set_demands,
    set_status,
    unlink_party,
)
from vigil.cases.network import case_network
from vigil.cases.parties import (
    accept_merge,
    count_parties,
    dismiss_party,
    get_merge_suggestion,
    list_parties,
    merge_parties,
    party_spellings,
    reject_merge,
    rename_party,
    review_queue,
    set_party_kind,
    show_party,
    split_party,
    suggest_merges,
)
from vigil.cases.search import search

__all__ = [
    "RESPONSE_TYPES",
    "accept_merge",
    "accept_reply",
    "add_event",
    "add_to_case",
    "build_from_extractions",
    "case_network",
    "cases_by_situation",
    "check_response",
    "close_case",
    "count_parties",
    "dismiss_case",
    "dismiss_party",
    "edit_event",
    "filter_cases",
    "get_intervention",
    "get_merge_suggestion",
    "intervention_detail",
    "is_overdue",
    "is_unanswered",
    "link_party",
    "list_cases",
    "list_interventions",
    "list_parties",
    "merge_cases",
    "merge_parties",
    "needs_a_date",
    "new_case",
    "new_intervention",
    "office_links",
    "party_spellings",
    "reject_merge",
    "reject_reply",
    "remove_event",
    "rename_party",
    "reply_of",
    "reply_suggestions",
    "resolve_parties",
    "respond",
    "response_rates",
    "review_queue",
    "search",
    "send_draft",
    "set_date",
    "set_demands",
    "set_fields",
    "set_party_kind",
    "set_status",
    "show_case",
    "show_party",
    "split_party",
    "suggest_cases",
    "suggest_merges",
    "unlink_party",
    "update_case_file",
]

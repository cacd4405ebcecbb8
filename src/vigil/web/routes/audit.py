"""The audit trail (admins): the chain's state and its entries, newest first (ids, no content),
filtered by actor, action and record kind, in pages of `PAGE` going back with `before`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from vigil.auditing import EntryFilter, audit_entries, check_audit
from vigil.web.guards import Admin, ScopedStore
from vigil.web.rendering import render

router = APIRouter()
PAGE = 100


@router.get("/audit")
def audit_page(
    request: Request,
    store: ScopedStore,
    _session: Admin,
    actor: Annotated[str, Query(max_length=200)] = "",
    action: Annotated[str, Query(max_length=64)] = "",
    entity: Annotated[str, Query(max_length=64)] = "",
    before: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    wanted = EntryFilter(
        actor or None, action or None, entity or None, None, before=before, limit=PAGE
    )
    entries = audit_entries(store, wanted)
    context = {
        "check": check_audit(store),
        "entries": entries,
        "filters": {"actor": actor, "action": action, "entity": entity},
        "older": entries[-1].id if len(entries) == PAGE else None,
        "before": before,
    }
    return render(request, "audit.html", context)

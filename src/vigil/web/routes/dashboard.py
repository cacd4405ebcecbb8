"""The dashboard: the casework agenda (overdue, due this week, open cases, review waiting,
recent responses, response rates) and the documents waiting for OCR or extraction."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from vigil.cases.agenda import agenda
from vigil.store.links import document_titles
from vigil.web.guards import ScopedStore, Viewer
from vigil.web.rendering import render
from vigil.web.routes.review import FIELDS as REVIEW_FIELDS

router = APIRouter()
RECENT = 10
SHOWN = 10
"""Rows of each agenda list shown before a link to the whole list in the tracker."""


@router.get("/")
def dashboard(request: Request, store: ScopedStore, _session: Viewer) -> Response:
    today = date.today()
    counts = store.counts()
    total = sum(n for state, n in counts.items() if state != "rejected")
    recent = list(reversed(store.documents(limit=RECENT, offset=max(0, total - RECENT))))
    return render(
        request,
        "dashboard.html",
        {
            "agenda": agenda(store, today),
            "today": today.isoformat(),
            "shown": SHOWN,
            "review_fields": frozenset(REVIEW_FIELDS),
            "counts": counts,
            "total": total,
            "recent": recent,
            "titles": document_titles(store, [r.id for r in recent]),
            "rejections": store.rejections(limit=5),
        },
    )

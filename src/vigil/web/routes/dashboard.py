"""The dashboard: counts by state, recent documents, recent rejections."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from vigil.model import DocumentState
from vigil.web.guards import Viewer, workspace
from vigil.web.rendering import render

router = APIRouter()
RECENT = 10


@router.get("/")
def dashboard(request: Request, _session: Viewer) -> Response:
    store = workspace(request).require_store()
    counts = store.counts()
    total = sum(n for state, n in counts.items() if state != "rejected")
    recent = list(reversed(store.documents(limit=RECENT, offset=max(0, total - RECENT))))
    return render(
        request,
        "dashboard.html",
        {
            "counts": counts,
            "total": total,
            "waiting_extraction": counts.get(str(DocumentState.STORED), 0),
            "waiting_ocr": counts.get(str(DocumentState.NEEDS_OCR), 0),
            "recent": recent,
            "rejections": store.rejections(limit=5),
        },
    )

"""Downloads: CSV of the list pages and a case's dossier (PDF), for viewers and editors.

Each handler calls the same output functions as the CLI; nothing is stored on disk.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import Response

from vigil import cases
from vigil.outputs import dossier, spreadsheet
from vigil.web.guards import Viewer, workspace

router = APIRouter()
CaseId = Annotated[int, Path(ge=1, le=2**53)]


def _download(data: bytes, media_type: str, filename: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _csv(text: str, name: str) -> Response:
    return _download(text.encode("utf-8"), "text/csv; charset=utf-8", f"{name}.csv")


@router.get("/cases.csv")
def cases_csv(request: Request, _session: Viewer) -> Response:
    return _csv(spreadsheet.cases_csv(workspace(request).require_store()), "cases")


@router.get("/interventions.csv")
def interventions_csv(
    request: Request, _session: Viewer, unanswered: bool = False, overdue: bool = False
) -> Response:
    store = workspace(request).require_store()
    items = cases.list_interventions(store, unanswered=unanswered, overdue=overdue)
    return _csv(spreadsheet.interventions_csv(store, items), "interventions")


@router.get("/parties.csv")
def parties_csv(request: Request, _session: Viewer) -> Response:
    return _csv(spreadsheet.parties_csv(workspace(request).require_store()), "parties")


@router.get("/cases/{case_id}/dossier.pdf")
def case_dossier(request: Request, session: Viewer, case_id: CaseId) -> Response:
    store = workspace(request).require_store()
    made_by = session.user.name if session.user else "the store's owner"
    today = date.today()
    html = dossier.dossier_html(store, case_id, made_by=made_by, today=today)
    return _download(
        dossier.render_pdf(html, today), "application/pdf", f"case-{case_id}-dossier.pdf"
    )

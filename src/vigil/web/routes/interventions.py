"""The intervention tracker: by authority, status and due date; status marks and responses."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases, vocab
from vigil.errors import InvalidStatus
from vigil.ingest.pipeline import Outcome, Upload
from vigil.model import InterventionSummary
from vigil.web.forms import BadForm
from vigil.web.guards import CheckedForm, CheckedUpload, Editor, Viewer, workspace
from vigil.web.rendering import render
from vigil.web.routes.cases import actor_names, form_id
from vigil.web.terms import N_
from vigil.web.workspace import Workspace

router = APIRouter()
log = logging.getLogger(__name__)
InterventionId = Annotated[int, Path(ge=1, le=2**53)]
Sort = Literal["due", "authority", "status", "date"]
SUMMARY_LIMIT = 4000


def _statuses() -> list[tuple[str, str]]:
    """(id, English label) of every intervention status, in the vocabulary's order."""
    return [
        (s, vocab.label("intervention_statuses", s)) for s in vocab.load("intervention_statuses")
    ]


def _authority(item: InterventionSummary) -> str:
    return ", ".join(item.names("addressee"))


def _sorted(items: list[InterventionSummary], sort: Sort) -> list[InterventionSummary]:
    last = "\U0010ffff"  # missing values sort after every real one
    keys = {
        "due": lambda i: (i.due_date or last, i.id),
        "authority": lambda i: (_authority(i).casefold() or last, i.due_date or last, i.id),
        "status": lambda i: (i.status, i.due_date or last, i.id),
        "date": lambda i: (i.date or last, i.id),
    }
    return sorted(items, key=keys[sort])


@router.get("/interventions")
def intervention_list(
    request: Request,
    _session: Viewer,
    unanswered: bool = False,
    overdue: bool = False,
    status: Annotated[str, Query(max_length=32)] = "",
    authority: Annotated[str, Query(max_length=200)] = "",
    sort: Sort = "due",
) -> Response:
    if status and status not in vocab.ids("intervention_statuses"):
        raise InvalidStatus("choose a status from the list, or none")
    store = workspace(request).require_store()
    today = date.today()
    items = cases.list_interventions(store, unanswered=unanswered, overdue=overdue, today=today)
    if status:
        items = [i for i in items if i.status == status]
    wanted = authority.strip().casefold()
    if wanted:
        items = [i for i in items if any(wanted in n.casefold() for n in i.names("addressee"))]
    rates = sorted(cases.response_rates(items).items(), key=lambda r: r[0].casefold())
    return render(
        request,
        "interventions.html",
        {
            "items": _sorted(items, sort),
            "rates": rates,
            "statuses": _statuses(),
            "overdue_ids": {i.id for i in items if cases.is_overdue(i, today)},
            "filters": {
                "unanswered": unanswered,
                "overdue": overdue,
                "status": status,
                "authority": authority.strip(),
                "sort": sort,
            },
        },
    )


@router.get("/interventions/{intervention_id}")
def intervention_page(
    request: Request, _session: Viewer, intervention_id: InterventionId
) -> Response:
    store = workspace(request).require_store()
    detail = cases.intervention_detail(store, intervention_id)
    item = detail.intervention
    names = {p.party_id: p.name for p in item.parties}
    roles = ("sender", "addressee", "copy", "on_behalf")
    return render(
        request,
        "intervention.html",
        {
            "detail": detail,
            "item": item,
            "names": names,
            "by_role": {r: [p for p in item.parties if p.role == r] for r in roles},
            "statuses": _statuses(),
            "response_types": list(cases.RESPONSE_TYPES),
            "overdue": cases.is_overdue(item, date.today()),
            "today": date.today().isoformat(),
            "actors": actor_names(store),
        },
    )


@router.post("/interventions/{intervention_id}/status")
def intervention_status(
    request: Request, session: Editor, form: CheckedForm, intervention_id: InterventionId
) -> Response:
    cases.set_status(
        workspace(request).require_store(),
        intervention_id,
        form.get("status"),
        actor=session.actor,
    )
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


@router.post("/interventions/{intervention_id}/date")
def intervention_date(
    request: Request, session: Editor, form: CheckedForm, intervention_id: InterventionId
) -> Response:
    """Correct the date (`vigil intervention date`); the due date follows."""
    ws = workspace(request)
    cases.set_date(
        ws.require_store(),
        intervention_id,
        form.get("date").strip(),
        follow_up_days=ws.settings.follow_up_days,
        actor=session.actor,
    )
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


@router.post("/interventions/{intervention_id}/respond")
def intervention_respond(
    request: Request, session: Editor, form: CheckedUpload, intervention_id: InterventionId
) -> Response:
    """Record a response; its document is an id, or a file stored as /upload stores it.

    Everything is checked before the file is stored, so a refused response
    leaves nothing behind.
    """
    ws = workspace(request)
    store = ws.require_store()
    when, type_ = form.get("date").strip(), form.get("type")
    summary = form.get("summary").strip()[:SUMMARY_LIMIT] or None
    from_party = form_id(form, "from", N_("party"))
    document = form_id(form, "document", N_("document"))
    files = [Upload(f.filename, f.data) for f in form.files if f.filename or f.data]
    if document is not None and files:
        raise BadForm(N_("give a document id or a file, not both"))
    if len(files) > 1:
        raise BadForm(N_("attach one file to a response"))
    cases.check_response(store, intervention_id, when=when, type_=type_)
    if files:
        document = _store_file(ws, files[0], session.actor)
    response_id = cases.respond(
        store,
        intervention_id,
        when=when,
        type_=type_,
        summary=summary,
        document_id=document,
        from_party=from_party,
        actor=session.actor,
    )
    log.info("response %d recorded for intervention %d", response_id, intervention_id)
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


def _store_file(ws: Workspace, upload: Upload, actor: str) -> int:
    """The id of the stored (or already stored) document of an uploaded response."""
    report = ws.ingest([upload], actor=actor, build=False)
    result = report.ingest.results[0] if report.ingest.results else None
    if result is None or result.outcome is Outcome.REJECTED or result.document_id is None:
        reason = result.reason if result is not None and result.reason else N_("it cannot be read")
        raise BadForm(
            N_("the file was not stored: %(reason)s; nothing was recorded"), reason=reason
        )
    return result.document_id

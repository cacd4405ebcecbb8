"""The intervention tracker: by authority, status and due date; status marks and responses."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases, vocab
from vigil.cases.interventions import PARTY_ROLES
from vigil.cases.tracker import PER_PAGE, TrackerFilter, tracker, tracker_row
from vigil.errors import InvalidStatus
from vigil.ingest.pipeline import Outcome, Upload
from vigil.store.links import document_titles
from vigil.web.forms import BadForm, Form
from vigil.web.guards import CheckedForm, CheckedUpload, Editor, ScopedStore, Viewer, workspace
from vigil.web.rendering import render
from vigil.web.routes.cases import actor_names, form_id, letter_choices
from vigil.web.terms import N_
from vigil.web.translations import request_language
from vigil.web.workspace import Workspace

router = APIRouter()
log = logging.getLogger(__name__)
InterventionId = Annotated[int, Path(ge=1, le=2**53)]
ReplyId = Annotated[int, Path(ge=1, le=2**53)]
Sort = Literal["date", "from", "to", "about", "case", "status", "due", "responses", "authority"]
FOLD = 3
"""Names shown before a long party list folds into "and N others"."""
SUMMARY_LIMIT = 4000
NAME_LIMIT = 500
NAMES_LIMIT = 50
"""Characters in one name, and names in one field of a new letter (one a line)."""


def _statuses(language: str = "en") -> list[tuple[str, str]]:
    """(id, label in `language`) of every intervention status, in the vocabulary's order."""
    return [
        (s, vocab.label("intervention_statuses", s, language))
        for s in vocab.load("intervention_statuses")
    ]


@router.get("/interventions")
def intervention_list(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    unanswered: bool = False,
    overdue: bool = False,
    needs_date: bool = False,
    status: Annotated[str, Query(max_length=32)] = "",
    authority: Annotated[str, Query(max_length=200)] = "",
    addressee: Annotated[str, Query(max_length=20)] = "",
    country: Annotated[str, Query(max_length=100)] = "",
    case: Annotated[str, Query(max_length=20)] = "",
    person: Annotated[str, Query(max_length=20)] = "",
    sort: Sort = "due",
    desc: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = PER_PAGE,
) -> Response:
    if status and status not in vocab.ids("intervention_statuses"):
        raise InvalidStatus("choose a status from the list, or none")
    wanted = TrackerFilter(
        status=status,
        authority=authority.strip(),
        addressee=_chosen_id(addressee, "recipient"),
        country=country.strip(),
        case=_chosen_id(case, "case"),
        person=_chosen_id(person, "person"),
        overdue=overdue,
        unanswered=unanswered,
        needs_date=needs_date,
    )
    found = tracker(store, wanted, sort=sort, descending=desc, page=page, per_page=per_page)
    filters = {k: v for k, v in asdict(wanted).items() if v not in ("", None, False)}
    return render(
        request,
        "interventions.html",
        {
            "found": found,
            "statuses": _statuses(request_language(request)),
            "options": {
                "country": [(c, c) for c in found.countries],
                "case": [(c.id, c.name) for c in found.cases],
                "person": [(p.party_id, p.name) for p in found.people],
                "addressee": [(p.party_id, p.name) for p in found.addressees],
            },
            "filters": asdict(wanted),
            "sort": sort,
            "desc": desc,
            "per_page": per_page if per_page != PER_PAGE else None,
            "query": lambda **changed: _query(
                {**filters, "sort": sort, "desc": desc, "per_page": per_page, **changed}
            ),
            "fold": FOLD,
            **letter_choices(),
        },
    )


def _names(form: Form, name: str) -> list[str]:
    """The names typed in a field, one a line (blank lines left out)."""
    lines = [line.strip() for line in form.get(name).splitlines() if line.strip()]
    if len(lines) > NAMES_LIMIT or any(len(line) > NAME_LIMIT for line in lines):
        raise BadForm(N_("too many names, or a name too long, in one field"))
    return lines


@router.post("/interventions")
def intervention_new(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm
) -> Response:
    """Record a letter sent outside Vigil (`vigil intervention new`), from the tracker or
    from a case page (then on behalf of the case's people at risk)."""
    ws = workspace(request)
    intervention_id = cases.new_intervention(
        store,
        when=form.get("date").strip(),
        to=_names(form, "to"),
        from_=_names(form, "from"),
        cc=_names(form, "cc"),
        on_behalf=_names(form, "on_behalf"),
        channel=form.get("channel") or "letter",
        demands=form.fields.get("demand", []),
        case_id=form_id(form, "case", N_("case")),
        document_id=form_id(form, "document", N_("document")),
        follow_up_days=ws.settings.follow_up_days,
        actor=session.actor,
    )
    log.info("intervention %d recorded by hand", intervention_id)
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


def _chosen_id(raw: str, what: str) -> int | None:
    """The id a filter's list chose; blank is "any"."""
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 2**53:
        raise BadForm(f"choose a {what} from the list, or none")
    return int(raw)


def _query(params: dict[str, object]) -> str:
    """A tracker address keeping the filters, with some parameters changed."""
    defaults: dict[str, object] = {"sort": "due", "page": 1, "per_page": PER_PAGE}
    kept = {
        k: v
        for k, v in params.items()
        if v is not False and v not in ("", None) and defaults.get(k) != v
    }
    shown = {k: "true" if v is True else str(v) for k, v in kept.items()}
    return "/interventions" + ("?" + urlencode(shown) if shown else "")


@router.get("/interventions/{intervention_id}")
def intervention_page(
    request: Request, store: ScopedStore, _session: Viewer, intervention_id: InterventionId
) -> Response:
    detail = cases.intervention_detail(store, intervention_id)
    item = detail.intervention
    names = {p.party_id: p.name for p in item.parties}
    roles = ("sender", "addressee", "copy", "on_behalf")
    row = tracker_row(store, item, date.today())
    documents = [*item.source_documents, *(r.document_id for r in item.responses)]
    documents += [e.document_id for e in detail.events]
    documents += [detail.quote.document_id] if detail.quote else []
    replies = cases.reply_suggestions(store, intervention_id=intervention_id)
    return render(
        request,
        "intervention.html",
        {
            "detail": detail,
            "item": item,
            "row": row,
            "titles": document_titles(store, [d for d in documents if d is not None]),
            "names": names,
            "by_role": {r: [p for p in item.parties if p.role == r] for r in roles},
            "statuses": _statuses(request_language(request)),
            "response_types": list(cases.RESPONSE_TYPES),
            "overdue": cases.is_overdue(item, date.today()),
            "today": date.today().isoformat(),
            "actors": actor_names(store),
            "replies": replies,
            "reply_titles": document_titles(store, [r.document_id for r in replies]),
            **letter_choices(),
        },
    )


@router.post("/interventions/{intervention_id}/parties")
def intervention_parties(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    intervention_id: InterventionId,
) -> Response:
    """Add a party in a role (`vigil intervention link`) or take one off (`unlink`)."""
    role, action = form.get("role"), form.get("action")
    if role not in PARTY_ROLES or action not in ("add", "remove"):
        raise BadForm(N_("choose a role and add or remove"))
    party = form_id(form, "party", N_("party"))
    if party is None:
        raise BadForm(N_("choose a party"))
    if action == "add":
        cases.link_party(store, intervention_id, role, party, actor=session.actor)
    else:
        cases.unlink_party(store, intervention_id, role, party, actor=session.actor)
    return RedirectResponse(f"/interventions/{intervention_id}#edit-h", status_code=303)


@router.post("/interventions/{intervention_id}/demands")
def intervention_demands(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    intervention_id: InterventionId,
) -> Response:
    """The demands the letter makes, exactly as ticked."""
    cases.set_demands(store, intervention_id, form.fields.get("demand", []), actor=session.actor)
    return RedirectResponse(f"/interventions/{intervention_id}#edit-h", status_code=303)


@router.post("/interventions/{intervention_id}/replies/{reply_id}")
def intervention_reply(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    intervention_id: InterventionId,
    reply_id: ReplyId,
) -> Response:
    """Accept a document proposed as a reply (a response, with the status its type brings)
    or reject it (a letter of its own), as `vigil intervention reply` does."""
    found = cases.reply_of(store, intervention_id, reply_id)
    action = form.get("action")
    if action == "accept":
        when = form.get("date").strip() or None
        cases.accept_reply(
            store, reply_id, type_=form.get("type") or "answer", when=when, actor=session.actor
        )
    elif action == "reject":
        ws = workspace(request)
        cases.reject_reply(
            store, reply_id, follow_up_days=ws.settings.follow_up_days, actor=session.actor
        )
    else:
        raise BadForm(N_("accept or reject the reply"))
    log.info("reply suggestion %d %sed", reply_id, action)
    if form.get("back") == "document":
        return RedirectResponse(f"/documents/{found.document_id}", status_code=303)
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


@router.post("/interventions/{intervention_id}/status")
def intervention_status(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    intervention_id: InterventionId,
) -> Response:
    cases.set_status(
        store,
        intervention_id,
        form.get("status"),
        actor=session.actor,
    )
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


@router.post("/interventions/{intervention_id}/date")
def intervention_date(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    intervention_id: InterventionId,
) -> Response:
    """Correct the date (`vigil intervention date`); the due date follows."""
    ws = workspace(request)
    cases.set_date(
        store,
        intervention_id,
        form.get("date").strip(),
        follow_up_days=ws.settings.follow_up_days,
        actor=session.actor,
    )
    return RedirectResponse(f"/interventions/{intervention_id}", status_code=303)


@router.post("/interventions/{intervention_id}/respond")
def intervention_respond(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedUpload,
    intervention_id: InterventionId,
) -> Response:
    """Record a response; its document is an id, or a file stored as /upload stores it.

    Everything is checked before the file is stored, so a refused response
    leaves nothing behind.
    """
    ws = workspace(request)
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

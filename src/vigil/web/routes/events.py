"""A case's events corrected by hand: added (with the document they are read in, or
entered by hand with none), edited, removed (kept as rejected). The same services as
`vigil event add|remove`."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases
from vigil.web.forms import BadForm, Form
from vigil.web.guards import CheckedForm, Editor, ScopedStore
from vigil.web.routes.cases import CaseId, form_id, form_ids
from vigil.web.terms import N_

router = APIRouter()
log = logging.getLogger(__name__)
EventId = Annotated[int, Path(ge=1, le=2**53)]
PLACE_LIMIT = 300


def _fields(form: Form) -> tuple[str, str, str]:
    """The type, date and place a form gives (checked by the service)."""
    return form.get("type"), form.get("date").strip(), form.get("place").strip()[:PLACE_LIMIT]


@router.post("/cases/{case_id}/events")
def event_add(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, case_id: CaseId
) -> Response:
    """An event of this case a person read in a document, or entered by hand with none
    (`vigil event add`)."""
    cases.show_case(store, case_id)  # the case must exist and be visible
    document = form_id(form, "document", N_("document"))
    type_, when, place = _fields(form)
    subjects = form_ids(form, "person", N_("party"))
    if not subjects:
        raise BadForm(N_("choose the person or group the event happened to"))
    event_id = cases.add_event(
        store,
        document_id=document,
        type_=type_,
        subjects=subjects,
        actors=form_ids(form, "actor", N_("party")),
        when=when,
        place=place,
        actor=session.actor,
    )
    log.info("event %d added to case %d", event_id, case_id)
    return RedirectResponse(f"/cases/{case_id}#event-{event_id}", status_code=303)


@router.post("/cases/{case_id}/events/{event_id}")
def event_edit(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    case_id: CaseId,
    event_id: EventId,
) -> Response:
    """Correct an event's type, date and place; link another person or alleged actor."""
    cases.show_case(store, case_id)
    type_, when, place = _fields(form)
    changed = cases.edit_event(
        store,
        event_id,
        type_=type_,
        when=when,
        place=place,
        subjects=form_ids(form, "person", N_("party")),
        actors=form_ids(form, "actor", N_("party")),
        actor=session.actor,
    )
    log.info("event %d edited (%d fields)", event_id, len(changed))
    return RedirectResponse(f"/cases/{case_id}#event-{event_id}", status_code=303)


@router.post("/cases/{case_id}/events/{event_id}/remove")
def event_remove(
    request: Request,
    store: ScopedStore,
    session: Editor,
    _form: CheckedForm,
    case_id: CaseId,
    event_id: EventId,
) -> Response:
    """Off every timeline, kept as rejected (`vigil event remove`)."""
    cases.show_case(store, case_id)
    cases.remove_event(store, event_id, actor=session.actor)
    log.info("event %d removed", event_id)
    return RedirectResponse(f"/cases/{case_id}#events-h", status_code=303)

"""Cases: the list, one case (timeline, parties, events, interventions, documents, network)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases
from vigil.accounts import list_users
from vigil.errors import DocumentNotFound
from vigil.model import CaseNetwork
from vigil.store import Store
from vigil.web.forms import BadForm, Form
from vigil.web.guards import CheckedForm, Editor, Viewer, workspace
from vigil.web.rendering import render
from vigil.web.terms import N_
from vigil.web.translations import Translator, translator

router = APIRouter()
log = logging.getLogger(__name__)
CaseId = Annotated[int, Path(ge=1, le=2**53)]
MAX_ID = 2**53
RELATIONS = {
    "actor": N_("is named as an alleged actor against"),
    "sender": N_("appealed on behalf of"),
    "addressee": N_("was asked to act for"),
    "copy": N_("was copied on an appeal for"),
    "wrote_to": N_("wrote to"),
}
"""How each link of the network reads in the list of connections: source, words, target."""


def actor_names(store: Store) -> dict[str, str]:
    """Change-log actors ("user:3") as the names people know; others stay as they are."""
    return {f"user:{u.id}": u.name for u in list_users(store)}


def form_id(form: Form, name: str, what: str) -> int | None:
    """An optional id field of a form: empty is None, anything but a positive number is refused."""
    raw = form.get(name).strip().lstrip("#")
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise BadForm(N_("give the %(what)s id as a number, e.g. 12"), what=what)
    return int(raw)


@router.get("/cases")
def case_list(
    request: Request,
    _session: Viewer,
    suggested: Annotated[int, Query(ge=-1, le=100_000)] = -1,
) -> Response:
    items = cases.list_cases(workspace(request).require_store())
    return render(request, "cases.html", {"items": items, "suggested": suggested})


@router.post("/cases")
def case_new(request: Request, session: Editor, form: CheckedForm) -> Response:
    case_id = cases.new_case(
        workspace(request).require_store(), form.get("name")[:500], actor=session.actor
    )
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/suggest")
def case_suggest(request: Request, session: Editor, _form: CheckedForm) -> Response:
    """What `vigil cases suggest` does: build from extractions, one case per party at risk."""
    ws = workspace(request)
    store = ws.require_store()
    report = cases.build_from_extractions(
        store, follow_up_days=ws.settings.follow_up_days, actor=session.actor
    )
    made = cases.suggest_cases(store, actor=session.actor)
    log.info(
        "cases built from %d document(s): %d event(s), %d intervention(s); %d case(s) suggested",
        report.documents,
        report.events,
        report.interventions,
        len(made),
    )
    return RedirectResponse(f"/cases?suggested={len(made)}", status_code=303)


def _graph_data(network: CaseNetwork, words: Translator) -> dict[str, object]:
    """What graph.js draws: nodes and links, names as text (the page escapes the JSON),
    the links' words in the page's language."""
    return {
        "nodes": [{"id": n.id, "name": n.name, "category": n.category} for n in network.nodes],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "relation": e.relation,
                "label": words.gettext(RELATIONS[e.relation])
                + (
                    f" ({', '.join(words.label('event_types', d) for d in e.details)})"
                    if e.details
                    else ""
                ),
            }
            for e in network.edges
        ],
    }


@router.get("/cases/{case_id}")
def case_page(
    request: Request,
    _session: Viewer,
    case_id: CaseId,
    added: Annotated[int, Query(ge=-1, le=1)] = -1,
) -> Response:
    store = workspace(request).require_store()
    view = cases.show_case(store, case_id)
    network = cases.case_network(view)
    details = {
        item.id: cases.intervention_detail(store, item.id)
        for item in view.timeline
        if item.what == "intervention"
    }
    titles: dict[int, str] = {}
    for doc_id in view.documents:
        try:
            titles[doc_id] = store.get(doc_id).title or ""
        except DocumentNotFound:  # deleted since the case was read
            continue
    names = {p.party_id: p.name for p in view.parties}
    roles: dict[int, list[str]] = {}
    for p in view.parties:
        roles.setdefault(p.party_id, []).append(p.role)
    kinds = {p.party_id: p.kind for p in view.parties}
    return render(
        request,
        "case.html",
        {
            "view": view,
            "network": network,
            "graph": _graph_data(network, translator(request)),
            "names": names,
            "party_rows": [(p, names[p], kinds[p], r) for p, r in roles.items()],
            "relations": RELATIONS,
            "details": details,
            "titles": titles,
            "added": added,
            "actors": actor_names(store),
        },
    )


@router.post("/cases/{case_id}/add")
def case_add(request: Request, session: Editor, form: CheckedForm, case_id: CaseId) -> Response:
    party = form_id(form, "party", N_("party"))
    document = form_id(form, "document", N_("document"))
    if (party is None) == (document is None):
        raise BadForm(N_("give either a party id or a document id (one of them)"))
    added = cases.add_to_case(
        workspace(request).require_store(),
        case_id,
        party_id=party,
        document_id=document,
        actor=session.actor,
    )
    return RedirectResponse(f"/cases/{case_id}?added={int(added)}", status_code=303)


@router.post("/cases/{case_id}/merge")
def case_merge(request: Request, session: Editor, form: CheckedForm, case_id: CaseId) -> Response:
    other = form_id(form, "other", N_("case"))
    if other is None:
        raise BadForm(N_("give the id of the case to merge into this one"))
    cases.merge_cases(workspace(request).require_store(), case_id, other, actor=session.actor)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/dismiss")
def case_dismiss(
    request: Request, session: Editor, _form: CheckedForm, case_id: CaseId
) -> Response:
    """Not a case: closed, kept as rejected, never suggested again (`vigil case dismiss`)."""
    cases.dismiss_case(workspace(request).require_store(), case_id, actor=session.actor)
    return RedirectResponse("/cases", status_code=303)


@router.post("/cases/{case_id}/close")
def case_close(request: Request, session: Editor, _form: CheckedForm, case_id: CaseId) -> Response:
    cases.close_case(workspace(request).require_store(), case_id, actor=session.actor)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)

"""Cases: the list, one case (timeline, parties, events, interventions, documents, network)."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases
from vigil.accounts import Role, Session, list_users
from vigil.accounts.groups import group_by_id, list_groups
from vigil.accounts.users import user_by_id
from vigil.cases import access
from vigil.cases.fields import SORTS, country_names, situations
from vigil.cases.layout import NODE_R, layout_network
from vigil.model import CASE_FIELD_NAMES, CaseAccess, CaseFilter, JobKind
from vigil.store import Store
from vigil.store.jobs import create_job
from vigil.store.links import document_titles
from vigil.web.forms import BadForm, Form
from vigil.web.guards import Admin, CheckedForm, Editor, ScopedStore, Viewer, require_confirmed
from vigil.web.rendering import render
from vigil.web.terms import N_

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
NETWORK_CATEGORIES = (
    ("at_risk", N_("at risk")),
    ("actor", N_("alleged actors")),
    ("sender", N_("senders")),
    ("authority", N_("addressees and copies")),
    ("other", N_("others")),
)
"""The network's filters: each category of party, as the legend names it."""


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


def field_choices(store: Store) -> dict[str, object]:
    """What the case field forms and filters offer: situations, countries, users."""
    return {
        "situations": situations(),
        "situation_labels": dict(situations()),
        "countries": country_names(),
        "users": {u.id: u.name for u in list_users(store)},
    }


@router.get("/cases")
def case_list(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    suggested: Annotated[int, Query(ge=-1, le=100_000)] = -1,
    country: Annotated[str, Query(max_length=2)] = "",
    situation: Annotated[str, Query(max_length=40)] = "",
    assignee: Annotated[int, Query(ge=0, le=2**53)] = 0,
    tag: Annotated[str, Query(max_length=60)] = "",
    sort: Annotated[str, Query(max_length=20)] = "id",
    desc: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    wanted = CaseFilter(
        country=country.upper() or None,
        situation=situation or None,
        assignee=assignee or None,
        tag=tag.strip() or None,
        sort=sort if sort in SORTS else "id",
        descending=bool(desc),
    )
    every = cases.list_cases(store)
    items = cases.filter_cases(every, wanted)
    return render(
        request,
        "cases.html",
        {
            "items": items,
            "total": len(every),
            "suggested": suggested,
            "wanted": wanted,
            "sorts": SORTS,
            "tags": sorted({t for c in every for t in c.fields.tags}, key=str.casefold),
            "used_countries": sorted({c.fields.country for c in every if c.fields.country}),
            **field_choices(store),
        },
    )


@router.post("/cases")
def case_new(request: Request, store: ScopedStore, session: Editor, form: CheckedForm) -> Response:
    case_id = cases.new_case(store, form.get("name")[:500], actor=session.actor)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/suggest")
def case_suggest(
    request: Request, store: ScopedStore, session: Editor, _form: CheckedForm
) -> Response:
    """What `vigil cases suggest` does, as a background job: its progress page answers."""
    job_id = create_job(store, JobKind.REBUILD, session.actor)
    request.app.state.jobs.wake()
    log.info("case-file rebuild job %d queued", job_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.get("/cases/{case_id}")
def case_page(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    case_id: CaseId,
    added: Annotated[int, Query(ge=-1, le=1)] = -1,
    saved: Annotated[int, Query(ge=-1, le=20)] = -1,
) -> Response:
    view = cases.show_case(store, case_id)
    network = cases.case_network(view)
    details = {
        item.id: cases.intervention_detail(store, item.id)
        for item in view.timeline
        if item.what == "intervention"
    }
    shown = [*view.documents, *(i.document_id for i in view.timeline)]
    shown += [r.document_id for d in details.values() for r in d.intervention.responses]
    titles = document_titles(store, [d for d in shown if d is not None])
    names = {p.party_id: p.name for p in view.parties}
    roles: dict[int, list[str]] = {}
    for p in view.parties:
        roles.setdefault(p.party_id, []).append(p.role)
    kinds = {p.party_id: p.kind for p in view.parties}
    who_may = _access_of(store, case_id, _session)
    return render(
        request,
        "case.html",
        {
            "view": view,
            "network": network,
            "layout": layout_network(network),
            "node_radius": NODE_R,
            "network_categories": NETWORK_CATEGORIES,
            "categories": {n.id: n.category for n in network.nodes},
            "category_counts": Counter(n.category for n in network.nodes),
            "names": names,
            "party_rows": [(p, names[p], kinds[p], r) for p, r in roles.items()],
            "relations": RELATIONS,
            "details": details,
            "titles": titles,
            "added": added,
            "saved": saved,
            "actors": actor_names(store),
            "access": who_may,
            "access_groups": list_groups(store) if who_may is not None else [],
            **field_choices(store),
        },
    )


def _access_of(store: Store, case_id: int, session: Session) -> CaseAccess | None:
    """Who may see the case, for the access section admins see (organisation mode only)."""
    if session.user is None or session.role is not Role.ADMIN:
        return None
    return access.show(store, case_id)


ACCESS_ACTIONS = ("restrict", "unrestrict", "grant", "revoke", "grant_group", "revoke_group")


@router.post("/cases/{case_id}/access")
def case_access(
    request: Request, store: ScopedStore, session: Admin, form: CheckedForm, case_id: CaseId
) -> Response:
    """Restrict the case to admins and named users or groups, grant, revoke (`vigil case
    restrict`...); the admin re-enters their password first, as for a role change."""
    require_confirmed(request, session, f"/cases/{case_id}")
    action = form.get("action")
    if action not in ACCESS_ACTIONS:
        raise BadForm(N_("choose restrict, unrestrict, grant or revoke"))
    if action == "restrict":
        access.restrict(store, case_id, actor=session.actor)
    elif action == "unrestrict":
        access.unrestrict(store, case_id, actor=session.actor)
    elif action in ("grant_group", "revoke_group"):
        group_id = form_id(form, "group", N_("group"))
        group = None if group_id is None else group_by_id(store, group_id)
        if group is None:
            raise BadForm(N_("choose a group"))
        change_group = access.grant_group if action == "grant_group" else access.revoke_group
        change_group(store, case_id, group.name, actor=session.actor)
    else:
        user_id = form_id(form, "user", N_("user"))
        if user_id is None:
            raise BadForm(N_("choose a user"))
        user = user_by_id(store, user_id)
        if user is None:
            raise BadForm(N_("choose a user"))
        change = access.grant if action == "grant" else access.revoke
        change(store, case_id, user.name, actor=session.actor)
    return RedirectResponse(f"/cases/{case_id}#access-h", status_code=303)


@router.post("/cases/{case_id}/fields")
def case_fields(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, case_id: CaseId
) -> Response:
    """Country, situation, detention, charges, lawyer, tags, notes, assignee (`vigil case set`)."""
    raw: dict[str, str | int | None] = {
        name: form.get(name) for name in CASE_FIELD_NAMES if name != "assignee"
    }
    raw["assignee"] = form_id(form, "assignee", "user")
    changed = cases.set_fields(store, case_id, raw, actor=session.actor)
    log.info("case %d: %d field(s) changed", case_id, len(changed))
    return RedirectResponse(f"/cases/{case_id}?saved={len(changed)}#fields-h", status_code=303)


@router.post("/cases/{case_id}/add")
def case_add(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, case_id: CaseId
) -> Response:
    party = form_id(form, "party", N_("party"))
    document = form_id(form, "document", N_("document"))
    if (party is None) == (document is None):
        raise BadForm(N_("give either a party id or a document id (one of them)"))
    added = cases.add_to_case(
        store,
        case_id,
        party_id=party,
        document_id=document,
        actor=session.actor,
    )
    return RedirectResponse(f"/cases/{case_id}?added={int(added)}", status_code=303)


@router.post("/cases/{case_id}/merge")
def case_merge(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, case_id: CaseId
) -> Response:
    other = form_id(form, "other", N_("case"))
    if other is None:
        raise BadForm(N_("give the id of the case to merge into this one"))
    cases.merge_cases(store, case_id, other, actor=session.actor)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/dismiss")
def case_dismiss(
    request: Request, store: ScopedStore, session: Editor, _form: CheckedForm, case_id: CaseId
) -> Response:
    """Not a case: closed, kept as rejected, never suggested again (`vigil case dismiss`)."""
    cases.dismiss_case(store, case_id, actor=session.actor)
    return RedirectResponse("/cases", status_code=303)


@router.post("/cases/{case_id}/close")
def case_close(
    request: Request, store: ScopedStore, session: Editor, _form: CheckedForm, case_id: CaseId
) -> Response:
    cases.close_case(store, case_id, actor=session.actor)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)

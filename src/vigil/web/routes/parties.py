"""Parties: names and scripts, roles across documents, merge suggestions, merge and split."""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases, vocab
from vigil.cases.tracker import party_casework
from vigil.errors import InvalidMerge, InvalidSplit
from vigil.model import PartySort
from vigil.resolve import KINDS
from vigil.store.links import document_titles
from vigil.web.forms import Form
from vigil.web.guards import CheckedForm, Editor, ScopedStore, Viewer
from vigil.web.rendering import render

router = APIRouter()
MAX_ID = 2**53
PAGE = 50
PartyId = Annotated[int, Path(ge=1, le=MAX_ID)]
SuggestionId = Annotated[int, Path(ge=1, le=MAX_ID)]
Done = Literal["merged", "split", "accepted", "rejected", "edited"]


def _id(raw: str) -> int | None:
    raw = raw.strip().lstrip("#")
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_ID:
        return int(raw)
    return None


def _back(form: Form, fallback: int) -> str:
    """The party page the form was sent from (an id, never a URL), else `fallback`'s."""
    return f"/parties/{_id(form.get('back')) or fallback}"


@router.get("/parties")
def party_list(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    kind: Annotated[str, Query(max_length=32)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
    sort: Annotated[PartySort, Query()] = PartySort.ID,
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    chosen = kind if kind in KINDS else ""
    name = q.strip() or None
    total = cases.count_parties(store, chosen or None, name)
    rows = cases.list_parties(
        store,
        chosen or None,
        name,
        sort=sort,
        descending=order == "desc",
        limit=PAGE,
        offset=(page - 1) * PAGE,
    )
    waiting = len(cases.review_queue(store))
    return render(
        request,
        "parties.html",
        {
            "rows": rows,
            "kind": chosen,
            "q": q,
            "kinds": KINDS,
            "waiting": waiting,
            "sort": str(sort),
            "order": order,
            "page": page,
            "total": total,
            "pages": max(1, math.ceil(total / PAGE)),
            "more": page * PAGE < total,
        },
    )


@router.get("/parties/{party_id}")
def party_page(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    party_id: PartyId,
    done: Annotated[Done | None, Query()] = None,
) -> Response:
    view = cases.show_party(store, party_id)
    kinds = list(vocab.load("party_kinds"))
    work = party_casework(store, party_id, date.today())
    shown = [d.document_id for d in view.documents] + [e.document_id for e in work.events]
    titles = document_titles(store, [d for d in shown if d is not None])
    return render(
        request,
        "party.html",
        {"view": view, "done": done, "kinds": kinds, "work": work, "titles": titles},
    )


@router.post("/parties/{party_id}/merge")
def party_merge(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, party_id: PartyId
) -> Response:
    other = _id(form.get("other"))
    if other is None:
        raise InvalidMerge("give the id of the party to merge into this one, as a number, e.g. 12")
    cases.merge_parties(store, party_id, other, actor=session.actor)
    return RedirectResponse(f"/parties/{party_id}?done=merged", status_code=303)


@router.post("/parties/{party_id}/edit")
def party_edit(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, party_id: PartyId
) -> Response:
    """Rename, re-kind or dismiss (`vigil parties rename|kind|dismiss`); blank fields stay."""
    name, kind = form.get("name").strip()[:500], form.get("kind").strip()
    if name:
        cases.rename_party(store, party_id, name, actor=session.actor)
    if kind:
        cases.set_party_kind(store, party_id, kind, actor=session.actor)
    if form.get("dismiss"):
        cases.dismiss_party(store, party_id, actor=session.actor)
    return RedirectResponse(f"/parties/{party_id}?done=edited", status_code=303)


@router.post("/parties/{party_id}/split")
def party_split(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, party_id: PartyId
) -> Response:
    chosen = [_id(raw) for raw in form.fields.get("mention", [])]
    if None in chosen:
        raise InvalidSplit("choose mentions from the party's page; a mention id is a number")
    new_id = cases.split_party(
        store,
        party_id,
        [i for i in chosen if i is not None],
        actor=session.actor,
    )
    return RedirectResponse(f"/parties/{new_id}?done=split", status_code=303)


@router.post("/parties/merge-suggestions/{suggestion_id}/accept")
def suggestion_accept(
    request: Request,
    store: ScopedStore,
    session: Editor,
    _form: CheckedForm,
    suggestion_id: SuggestionId,
) -> Response:
    kept = cases.accept_merge(store, suggestion_id, actor=session.actor)
    return RedirectResponse(f"/parties/{kept}?done=accepted", status_code=303)


@router.post("/parties/merge-suggestions/{suggestion_id}/reject")
def suggestion_reject(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    suggestion_id: SuggestionId,
) -> Response:
    first = cases.get_merge_suggestion(store, suggestion_id).party_a
    cases.reject_merge(store, suggestion_id, actor=session.actor)
    return RedirectResponse(f"{_back(form, first)}?done=rejected", status_code=303)

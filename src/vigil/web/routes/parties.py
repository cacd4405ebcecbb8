"""Parties: names and scripts, roles across documents, merge suggestions, merge and split.

The list is searched by name with a POST (the name stays out of the address, and so out
of the browser's history and session files), like the search page."""

from __future__ import annotations

import math
from dataclasses import dataclass
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
from vigil.store import Store
from vigil.store.links import document_titles
from vigil.web.forms import BadForm, Form
from vigil.web.guards import CheckedForm, Editor, ScopedStore, Viewer
from vigil.web.rendering import render
from vigil.web.terms import N_

router = APIRouter()
MAX_ID = 2**53
PAGE = 50
PartyId = Annotated[int, Path(ge=1, le=MAX_ID)]
SuggestionId = Annotated[int, Path(ge=1, le=MAX_ID)]
Done = Literal["merged", "split", "accepted", "rejected", "edited"]
Order = Literal["asc", "desc"]
MAX_PAGE = 100_000


def _id(raw: str) -> int | None:
    raw = raw.strip().lstrip("#")
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_ID:
        return int(raw)
    return None


def _back(form: Form, fallback: int) -> str:
    """The party page the form was sent from (an id, never a URL), else `fallback`'s."""
    return f"/parties/{_id(form.get('back')) or fallback}"


@dataclass(frozen=True)
class ListQuery:
    """What the parties list shows: a kind, a name or spelling, a sort, a page."""

    kind: str
    q: str
    sort: PartySort
    order: Order
    page: int


@router.get("/parties")
def party_list(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    kind: Annotated[str, Query(max_length=32)] = "",
    sort: Annotated[PartySort, Query()] = PartySort.ID,
    order: Annotated[Order, Query()] = "asc",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """The list by kind, sorted and paged; a name in the address (`?q=`) is ignored: it would
    stay in the browser's history. Names are searched by POST."""
    return _list(request, store, ListQuery(kind, "", sort, order, page))


@router.post("/parties")
def party_search(
    request: Request, store: ScopedStore, _session: Viewer, form: CheckedForm
) -> Response:
    """The list filtered by a name or spelling, sent in the body; sorting and paging are
    buttons of the same form, so the name never enters an address."""
    return _list(request, store, _list_query(form))


def _list_query(form: Form) -> ListQuery:
    q = form.get("q")
    if len(q) > 200:
        raise BadForm(N_("a search field is too long"))
    sort_field, order_field = form.get("sort", "id"), form.get("order", "asc")
    page_field = form.get("page", "1")
    if form.get("sort_to"):  # a column header: its sort, from the first page
        sort_field, _, order_field = form.get("sort_to").partition(":")
        page_field = "1"
    try:
        sort = PartySort(sort_field)
    except ValueError:
        raise BadForm("choose a sort from the column headers") from None
    if order_field not in ("asc", "desc"):
        raise BadForm("the order is asc or desc")
    if not page_field.isascii() or not page_field.isdigit() or not 1 <= int(page_field) <= MAX_PAGE:
        raise BadForm(N_("the page number is malformed"))
    order: Order = "desc" if order_field == "desc" else "asc"
    return ListQuery(form.get("kind")[:32], q, sort, order, int(page_field))


def _list(request: Request, store: Store, wanted: ListQuery) -> Response:
    chosen = wanted.kind if wanted.kind in KINDS else ""
    name = wanted.q.strip() or None
    page = wanted.page
    total = cases.count_parties(store, chosen or None, name)
    rows = cases.list_parties(
        store, chosen or None, name, sort=wanted.sort, descending=wanted.order == "desc",
        limit=PAGE, offset=(page - 1) * PAGE,
    )  # fmt: skip
    waiting = len(cases.review_queue(store))
    return render(
        request,
        "parties.html",
        {
            "rows": rows, "kind": chosen, "q": wanted.q, "kinds": KINDS, "waiting": waiting,
            "sort": str(wanted.sort), "order": wanted.order, "page": page, "total": total,
            "pages": max(1, math.ceil(total / PAGE)), "more": page * PAGE < total,
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

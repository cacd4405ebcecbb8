"""Search: a query, filters (language, kind, dates, source), highlighted snippets, pages.

The query travels in a POST body, never in the address: an address lands in
the browser's history, session files and any proxy log, and a searched name
is case content. The page's fields say `autocomplete="off"`, so the browser
keeps no form history of them either.
"""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from vigil.model import DocumentKind, SearchQuery
from vigil.web.forms import BadForm, Form
from vigil.web.guards import CheckedForm, Viewer, workspace
from vigil.web.rendering import render
from vigil.web.terms import N_
from vigil.web.translations import translate

router = APIRouter()
PAGE = 20
MAX_PAGE = 10_000
LIMITS = {"q": 500, "lang": 8, "kind": 32, "since": 10, "until": 10, "source": 500}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters mean nothing in a query (and NUL upsets the full-text engine)."""


def _context(request: Request, values: dict[str, str], page: int) -> dict[str, object]:
    ws = workspace(request)
    return {
        "q": values["q"],
        "filters": {k: v for k, v in values.items() if k != "q"},
        "languages": ws.settings.languages,
        "kinds": [str(k) for k in DocumentKind],
        "page": page,
        "hits": [],
        "more": False,
        "error": None,
    }


@router.get("/search")
def search_page(request: Request, _session: Viewer) -> Response:
    """The empty form; a query in the address is ignored (it would stay in history)."""
    return render(request, "search.html", _context(request, dict.fromkeys(LIMITS, ""), 1))


def _values(form: Form) -> dict[str, str]:
    values = {name: CONTROL.sub(" ", form.get(name)) for name in LIMITS}
    if any(len(values[name]) > limit for name, limit in LIMITS.items()):
        raise BadForm(N_("a search field is too long"))
    return values


def _page(form: Form) -> int:
    raw = form.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadForm(N_("the page number is malformed"))
    return int(raw)


@router.post("/search")
def search(request: Request, _session: Viewer, form: CheckedForm) -> Response:
    values, page = _values(form), _page(form)
    context = _context(request, values, page)
    since, until = values["since"], values["until"]
    if any(value and not DATE.fullmatch(value) for value in (since, until)):
        context["error"] = translate(request, "Dates are written YYYY-MM-DD (or YYYY-MM, or YYYY).")
        return render(request, "search.html", context, 400)
    q = values["q"]
    if q.strip():
        query = SearchQuery(
            q,
            values["lang"] or None,
            values["kind"] or None,
            since or None,
            until or None,
            values["source"] or None,
            limit=PAGE + 1,
            offset=(page - 1) * PAGE,
        )
        hits = workspace(request).require_store().search(query)
        context["hits"], context["more"] = hits[:PAGE], len(hits) > PAGE
    return render(request, "search.html", context)

"""Search: a query, filters and facets, the parties and cases a name finds, pages.

The query travels in a POST body, never in the address: an address lands in
the browser's history, session files and any proxy log, and a searched name
is case content. The page's fields say `autocomplete="off"`, so the browser
keeps no form history of them either. Facets are buttons of the same form
(`facet=year:2021`, or `facet=year:` to clear one), so choosing one is a POST
too. What runs is `cases.search`, the same as `vigil search`.
"""

from __future__ import annotations

import math
import re

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from vigil import cases
from vigil.model import DocumentKind, Facet, SearchQuery
from vigil.web.forms import BadForm, Form
from vigil.web.guards import CheckedForm, ScopedStore, Viewer, workspace
from vigil.web.rendering import render
from vigil.web.terms import N_
from vigil.web.translations import translate

router = APIRouter()
PAGE = 20
MAX_PAGE = 10_000
MAX_ID = 2**53
LIMITS = {
    "q": 500, "lang": 8, "kind": 32, "since": 10, "until": 10, "source": 500,
    "year": 4, "country": 2, "case": 16, "party": 16,
}
FIELD_OF = {Facet.LANGUAGE: "lang", Facet.KIND: "kind", Facet.YEAR: "year",
            Facet.COUNTRY: "country", Facet.CASE: "case", Facet.PARTY: "party"}
"""The form field each facet sets."""
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SHAPES = {"year": re.compile(r"\d{4}"), "country": re.compile(r"[A-Z]{2}"),
          "case": re.compile(r"[1-9]\d*"), "party": re.compile(r"[1-9]\d*")}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters mean nothing in a query (and NUL upsets the full-text engine)."""


def _context(request: Request, values: dict[str, str], page: int) -> dict[str, object]:
    ws = workspace(request)
    return {
        "q": values["q"],
        "filters": {k: v for k, v in values.items() if k != "q"},
        "languages": ws.settings.languages,
        "kinds": [str(k) for k in DocumentKind],
        "facet_fields": {str(f): field for f, field in FIELD_OF.items()},
        "page": page,
        "pages": 0,
        "results": None,
        "hits": [],
        "more": False,
        "error": None,
    }


@router.get("/search")
def search_page(request: Request, _session: Viewer) -> Response:
    """The empty form; a query in the address is ignored (it would stay in history)."""
    return render(request, "search.html", _context(request, dict.fromkeys(LIMITS, ""), 1))


def _values(form: Form) -> tuple[dict[str, str], bool]:
    """The form's fields, with a chosen facet applied; True when a facet was chosen."""
    values = {name: CONTROL.sub(" ", form.get(name)).strip() for name in LIMITS}
    values["q"] = CONTROL.sub(" ", form.get("q"))
    chosen = form.get("facet")
    if chosen:
        name, _, value = chosen.partition(":")
        try:
            facet = Facet(name)
        except ValueError:
            raise BadForm("the facet is unknown") from None
        values[FIELD_OF[facet]] = CONTROL.sub(" ", value).strip()
    if any(len(values[name]) > limit for name, limit in LIMITS.items()):
        raise BadForm(N_("a search field is too long"))
    for name, shape in SHAPES.items():
        if values[name] and not shape.fullmatch(values[name]):
            raise BadForm(f"the {name} filter is malformed")
        if name in ("case", "party") and values[name] and int(values[name]) > MAX_ID:
            raise BadForm(f"the {name} filter is malformed")
    return values, bool(chosen)


def _page(form: Form) -> int:
    raw = form.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadForm(N_("the page number is malformed"))
    return int(raw)


def _query(values: dict[str, str], page: int) -> SearchQuery:
    return SearchQuery(
        values["q"],
        values["lang"] or None,
        values["kind"] or None,
        values["since"] or None,
        values["until"] or None,
        values["source"] or None,
        limit=PAGE,
        offset=(page - 1) * PAGE,
        year=values["year"] or None,
        country=values["country"] or None,
        case_id=int(values["case"]) if values["case"] else None,
        party_id=int(values["party"]) if values["party"] else None,
    )


@router.post("/search")
def search(request: Request, store: ScopedStore, _session: Viewer, form: CheckedForm) -> Response:
    values, chose_facet = _values(form)
    page = 1 if chose_facet else _page(form)  # a new filter starts from its first page
    context = _context(request, values, page)
    since, until = values["since"], values["until"]
    if any(value and not DATE.fullmatch(value) for value in (since, until)):
        context["error"] = translate(request, "Dates are written YYYY-MM-DD (or YYYY-MM, or YYYY).")
        return render(request, "search.html", context, 400)
    if values["q"].strip():
        cap = workspace(request).settings.search_count_cap
        found = cases.search(store, _query(values, page), count_cap=cap)
        # A capped total is a lower bound: the last page is not known, a full page has a next.
        pages = None if found.counts.capped else math.ceil(found.counts.total / PAGE)
        context.update(
            results=found,
            hits=found.hits,
            pages=pages,
            more=len(found.hits) == PAGE if pages is None else page < pages,
        )
    return render(request, "search.html", context)

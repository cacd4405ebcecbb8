"""Search: a query, filters (language, kind, dates, source), highlighted snippets, pages."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from vigil.model import DocumentKind, SearchQuery
from vigil.web.guards import Viewer, workspace
from vigil.web.rendering import render

router = APIRouter()
PAGE = 20
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters mean nothing in a query (and NUL upsets the full-text engine)."""


@router.get("/search")
def search(
    request: Request,
    _session: Viewer,
    q: Annotated[str, Query(max_length=500)] = "",
    lang: Annotated[str, Query(max_length=8)] = "",
    kind: Annotated[str, Query(max_length=32)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    source: Annotated[str, Query(max_length=500)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    ws = workspace(request)
    q, source = CONTROL.sub(" ", q), CONTROL.sub(" ", source)
    filters = {"lang": lang, "kind": kind, "since": since, "until": until, "source": source}
    context: dict[str, object] = {
        "q": q,
        "filters": filters,
        "languages": ws.settings.languages,
        "kinds": [str(k) for k in DocumentKind],
        "page": page,
        "hits": [],
        "more": False,
        "error": None,
        "query_string": urlencode({"q": q, **filters}),
    }
    if any(value and not DATE.fullmatch(value) for value in (since, until)):
        context["error"] = "Dates are written YYYY-MM-DD (or YYYY-MM, or YYYY)."
        return render(request, "search.html", context, 400)
    if q.strip():
        query = SearchQuery(
            q,
            lang or None,
            kind or None,
            since or None,
            until or None,
            source or None,
            limit=PAGE + 1,
            offset=(page - 1) * PAGE,
        )
        hits = ws.require_store().search(query)
        context["hits"], context["more"] = hits[:PAGE], len(hits) > PAGE
    return render(request, "search.html", context)

"""Search-as-you-type for the forms that take an id (add to a case, merge cases or parties,
a response's document): names in, at most `LIMIT` matches out, as JSON, for any reader.

The typed name travels in a POST body (with the page's CSRF token in a header), never in
an address, where a proxy's log or the browser would keep it. The forms still take a
typed id without JavaScript; `static/picker.js` fills them.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from vigil import cases
from vigil.store.lookup import find_documents
from vigil.web.forms import BadForm
from vigil.web.guards import CheckedForm, ScopedStore, Viewer
from vigil.web.terms import N_

router = APIRouter()
LIMIT = 12
MAX_CHARS = 200
Kind = Literal["parties", "cases", "documents"]


@router.post("/pick/{kind}")
def pick(
    request: Request, store: ScopedStore, _session: Viewer, form: CheckedForm, kind: Kind
) -> Response:
    q = form.get("q")
    if len(q) > MAX_CHARS:
        raise BadForm(N_("a search field is too long"))
    words = q.strip()
    found: list[dict[str, object]] = []
    if len(words) >= 2:
        if kind == "parties":
            found = [
                {"id": p.id, "name": p.name, "detail": p.kind or ""}
                for p in cases.list_parties(store, None, words)[:LIMIT]
            ]
        elif kind == "cases":
            wanted = words.casefold()
            found = [
                {"id": c.id, "name": c.name, "detail": c.status}
                for c in cases.list_cases(store)
                if wanted in c.name.casefold() and c.status != "merged"
            ][:LIMIT]
        else:
            found = [
                {"id": doc_id, "name": title, "detail": ""}
                for doc_id, title in find_documents(store, words, LIMIT)
            ]
    return JSONResponse(found, headers={"Cache-Control": "no-store"})

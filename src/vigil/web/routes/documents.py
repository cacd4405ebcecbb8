"""Documents: the list, one document, its original, and deleting it (editors)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.web.guards import CheckedForm, Editor, Viewer, workspace
from vigil.web.rendering import basename, render
from vigil.web.sanitise import sanitised_html

router = APIRouter()
PAGE = 50
DocId = Annotated[int, Path(ge=1, le=2**53)]


@router.get("/documents")
def document_list(
    request: Request,
    _session: Viewer,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    deleted: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    store = workspace(request).require_store()
    rows = store.documents(limit=PAGE + 1, offset=(page - 1) * PAGE)
    return render(
        request,
        "documents.html",
        {
            "rows": rows[:PAGE],
            "more": len(rows) > PAGE,
            "page": page,
            "counts": store.counts(),
            "deleted": deleted,
        },
    )


@router.get("/documents/{doc_id}")
def document(request: Request, _session: Viewer, doc_id: DocId) -> Response:
    store = workspace(request).require_store()
    doc = store.get(doc_id)
    formatted = sanitised_html(store.original(doc_id)) if doc.format == "html" else None
    return render(request, "document.html", {"doc": doc, "formatted": formatted})


@router.get("/documents/{doc_id}/original")
def original(request: Request, _session: Viewer, doc_id: DocId) -> Response:
    store = workspace(request).require_store()
    doc = store.get(doc_id)
    data = store.original(doc_id)
    name = _download_name(doc.sources[0].locator if doc.sources else "", doc_id, doc.format)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="document-{doc_id}.{doc.format}"; '
            f"filename*=UTF-8''{quote(name, safe='')}",
        },
    )


def _download_name(locator: str, doc_id: int, fmt: str) -> str:
    return basename(locator) or f"document-{doc_id}.{fmt}"


@router.get("/documents/{doc_id}/delete")
def delete_page(request: Request, _session: Editor, doc_id: DocId) -> Response:
    doc = workspace(request).require_store().get(doc_id)
    return render(request, "delete.html", {"doc": doc})


@router.post("/documents/{doc_id}/delete")
def delete(request: Request, session: Editor, _form: CheckedForm, doc_id: DocId) -> Response:
    ids = workspace(request).require_store().delete_document(doc_id, actor=session.actor)
    return RedirectResponse(f"/documents?deleted={len(ids)}", status_code=303)

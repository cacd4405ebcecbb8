"""Documents: the list, one document (its text with the suggestions highlighted), its
original, a transcript by hand and deleting it (editors)."""

from __future__ import annotations

import math
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import cases
from vigil.cases.review import evidence_span, value_label, value_text
from vigil.ingest.transcript import transcribe
from vigil.model import DocumentSort
from vigil.store.links import document_links, document_titles, interventions_by_id
from vigil.store.suggestions import get_extraction
from vigil.web.guards import CheckedForm, Editor, ScopedStore, Viewer, require_confirmed, workspace
from vigil.web.highlight import GROUP_LABELS, WHOLE_DOCUMENT, Mark, group_of, segments, to_html
from vigil.web.rendering import basename, render
from vigil.web.sanitise import sanitised_html

router = APIRouter()
PAGE = 50
DocId = Annotated[int, Path(ge=1, le=2**53)]


@router.get("/documents")
def document_list(
    request: Request,
    store: ScopedStore,
    _session: Viewer,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    deleted: Annotated[int, Query(ge=0)] = 0,
    sort: Annotated[DocumentSort, Query()] = DocumentSort.ID,
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
) -> Response:
    """One page of documents in a chosen order (a whitelisted key; sorting says nothing
    about case content, so it may sit in the address)."""
    total = store.document_total()
    rows = store.documents(
        limit=PAGE, offset=(page - 1) * PAGE, sort=sort, descending=order == "desc"
    )
    return render(
        request,
        "documents.html",
        {
            "rows": rows,
            "titles": document_titles(store, [r.id for r in rows]),
            "more": page * PAGE < total,
            "page": page,
            "pages": max(1, math.ceil(total / PAGE)),
            "total": total,
            "sort": str(sort),
            "order": order,
            "sortable": True,
            "counts": store.counts(),
            "deleted": deleted,
        },
    )


@router.get("/documents/{doc_id}")
def document(request: Request, store: ScopedStore, _session: Viewer, doc_id: DocId) -> Response:
    doc = store.get(doc_id)
    formatted = sanitised_html(store.original(doc_id)) if doc.format == "html" else None
    extraction = get_extraction(store, doc_id)
    shown = extraction.suggestions if extraction else []
    own = {id(s): evidence_span(s, doc.text) for s in shown}
    found = sorted(shown, key=lambda s: (own[id(s)].start if s.spans else -1, s.id or 0))
    # each suggestion's own words (`evidence_span`: its value's words in its spans, else
    # its last span), as in the review queue; rejected ones and whole-document fields are
    # listed, not marked
    marks = [
        Mark(own[id(s)].start, own[id(s)].end, s.id, group_of(s.field))
        for s in found
        if s.id is not None
        and s.spans
        and s.field not in WHOLE_DOCUMENT
        and s.review_state != "rejected"
    ]
    pieces = segments(doc.text, marks)
    feeds = document_links(store, doc_id)
    return render(
        request,
        "document.html",
        {
            "doc": doc,
            "formatted": formatted,
            "extraction": extraction,
            "suggestions": found,
            "highlighted": to_html(pieces),
            "anchored": {m.key for piece in pieces for m in piece.marks},
            "groups": sorted({m.group for m in marks}),
            "group_of": group_of,
            "group_labels": GROUP_LABELS,
            "value_text": value_text,
            "value_label": value_label,
            "feeds": feeds,
            "letters": interventions_by_id(store, feeds.interventions),
            "replies": [
                (r, cases.get_intervention(store, r.intervention_id))
                for r in cases.reply_suggestions(store, document_id=doc_id)
            ],
            "response_types": list(cases.RESPONSE_TYPES),
        },
    )


@router.get("/documents/{doc_id}/original")
def original(request: Request, store: ScopedStore, session: Viewer, doc_id: DocId) -> Response:
    """The byte-exact original, as a download: an export, so it asks for the password."""
    doc = store.get(doc_id)
    require_confirmed(request, session, f"/documents/{doc_id}/original")
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
def delete_page(request: Request, store: ScopedStore, session: Editor, doc_id: DocId) -> Response:
    doc = store.get(doc_id)
    require_confirmed(request, session, f"/documents/{doc_id}/delete")
    return render(request, "delete.html", {"doc": doc})


@router.post("/documents/{doc_id}/delete")
def delete(
    request: Request, store: ScopedStore, session: Editor, _form: CheckedForm, doc_id: DocId
) -> Response:
    require_confirmed(request, session, f"/documents/{doc_id}/delete")
    ids = store.delete_document(doc_id, actor=session.actor)
    return RedirectResponse(f"/documents?deleted={len(ids)}", status_code=303)


@router.post("/documents/{doc_id}/text")
def transcript(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, doc_id: DocId
) -> Response:
    """A transcript typed or corrected on the page: stored as the text, then extracted."""
    ws = workspace(request)
    transcribe(store, ws.settings, doc_id, form.get("text").encode(), actor=session.actor)
    return RedirectResponse(f"/documents/{doc_id}#text-title", status_code=303)

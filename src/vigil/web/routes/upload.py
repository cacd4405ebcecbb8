"""Upload: several files at once, ingested in memory, extracted and built into the case file;
rejects shown with their reasons, and each new document's suggestion count."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from vigil.ingest.pipeline import Upload
from vigil.web.guards import CheckedUpload, Editor, workspace
from vigil.web.rendering import render
from vigil.web.translations import translate

router = APIRouter()
FRAGMENT_HEADER = "x-vigil-fragment"
"""Sent by vigil.js, which uploads one file per request and wants only the result rows."""


@router.get("/upload")
def upload_page(request: Request, _session: Editor) -> Response:
    return render(request, "upload.html", {"limit": workspace(request).settings.max_file_bytes})


@router.post("/upload")
def upload(request: Request, session: Editor, form: CheckedUpload) -> Response:
    ws = workspace(request)
    files = [Upload(f.filename, f.data) for f in form.files if f.filename or f.data]
    fragment = bool(request.headers.get(FRAGMENT_HEADER))
    template = "_upload_results.html" if fragment else "upload.html"
    context: dict[str, object] = {"limit": ws.settings.max_file_bytes}
    if not files:
        context["error"] = translate(request, "Choose at least one file.")
        return render(request, template, context, 400)
    report = ws.ingest(files, actor=session.actor)
    context["results"] = report.ingest.results
    context["upload"] = report
    return render(request, template, context)

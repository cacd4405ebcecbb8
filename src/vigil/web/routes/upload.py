"""Upload: several files at once, kept in the store as a background job, then handled by the
server's job worker (`web/jobs.py`); the request returns at once with the job's progress page."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.model import JobKind
from vigil.store.jobs import create_job
from vigil.web.guards import CheckedUpload, Editor, ScopedStore, workspace
from vigil.web.rendering import render
from vigil.web.translations import translate

router = APIRouter()
log = logging.getLogger(__name__)


@router.get("/upload")
def upload_page(request: Request, _session: Editor) -> Response:
    return render(request, "upload.html", {"limit": workspace(request).settings.max_file_bytes})


@router.post("/upload")
def upload(request: Request, store: ScopedStore, session: Editor, form: CheckedUpload) -> Response:
    ws = workspace(request)
    files = [(f.filename, f.data) for f in form.files if f.filename or f.data]
    if not files:
        error = translate(request, "Choose at least one file.")
        context = {"limit": ws.settings.max_file_bytes, "error": error}
        return render(request, "upload.html", context, 400)
    job_id = create_job(store, JobKind.UPLOAD, session.actor, files)
    request.app.state.jobs.wake()
    log.info("upload job %d queued: %d file(s)", job_id, len(files))
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)

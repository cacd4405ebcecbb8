"""Background jobs: the progress page (htmx polls a fragment; no inline script), retry, list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.store.jobs import get_job, list_jobs, retry_job
from vigil.web.guards import CheckedForm, Editor, ScopedStore
from vigil.web.rendering import render
from vigil.web.routes.cases import actor_names

router = APIRouter()
JobId = Annotated[int, Path(ge=1, le=2**53)]
STOP_POLLING = 286
"""htmx stops polling an element when its answer has this status (and still swaps it)."""


@router.get("/jobs")
def job_list(request: Request, store: ScopedStore, _session: Editor) -> Response:
    return render(request, "jobs.html", {"jobs": list_jobs(store), "actors": actor_names(store)})


@router.get("/jobs/{job_id}")
def job_page(request: Request, store: ScopedStore, _session: Editor, job_id: JobId) -> Response:
    job = get_job(store, job_id)
    return render(request, "job.html", {"job": job})


@router.get("/jobs/{job_id}/progress")
def job_progress(
    request: Request,
    store: ScopedStore,
    _session: Editor,
    job_id: JobId,
    seen: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The progress fragment htmx polls every second until the job is finished: nothing
    (204, htmx keeps what it shows) while it has not moved since `seen`, so a screen
    reader hears the status only when it changes."""
    job = get_job(store, job_id)
    if not job.finished and seen == f"{job.state}-{job.done}":
        return Response(status_code=204)
    status = STOP_POLLING if job.finished else 200
    return render(request, "_job_progress.html", {"job": job}, status)


@router.post("/jobs/{job_id}/retry")
def job_retry(
    request: Request, store: ScopedStore, session: Editor, _form: CheckedForm, job_id: JobId
) -> Response:
    retry_job(store, job_id, actor=session.actor)
    request.app.state.jobs.wake()
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)

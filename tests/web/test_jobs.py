"""Background jobs: an upload job that dies mid-batch keeps what it stored, a retry finishes
it without storing anything twice; a job left running by a dead server is failed, retryable;
the progress page and retry route follow roles and CSRF."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from vigil.accounts import Role
from vigil.errors import JobError
from vigil.ingest.pipeline import Upload
from vigil.model import JobFile, JobKind, JobState
from vigil.store import Store, tables
from vigil.store.job_tables import job_files, jobs
from vigil.store.jobs import STALE_ERROR, claim_next, create_job, get_job, retry_job
from vigil.web.jobs import JobWorker
from vigil.web.workspace import Workspace

from .conftest import Browser, finished_job


def _files(n: int) -> list[tuple[str, bytes]]:
    return [
        (f"note-{i:02d}.txt", f"Invented note {i} about a hearing in Port Selwyn.".encode())
        for i in range(n)
    ]


class Crash(Exception):
    """Stands for the process dying in the middle of a batch."""


def _crash_after(n: int) -> Callable[[JobFile], None]:
    seen: list[int] = []

    def after_file(f: JobFile) -> None:
        seen.append(f.id)
        if len(seen) == n:
            raise Crash

    return after_file


@pytest.fixture
def workspace(app: FastAPI) -> Iterator[Workspace]:
    ws: Workspace = app.state.workspace
    yield ws
    ws.close()


def _stored_hashes(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(select(tables.documents.c.sha256)))


def test_a_job_killed_mid_batch_keeps_its_documents_and_a_retry_completes_it(
    workspace: Workspace, store: Store
) -> None:
    files = _files(5)
    job_id = create_job(store, JobKind.UPLOAD, "user:1", files)
    assert JobWorker(workspace, after_file=_crash_after(3)).run_once()
    failed = get_job(store, job_id)
    assert (failed.state, failed.retryable, failed.done) == (JobState.FAILED, True, 3)
    assert failed.error == "Crash while storing the files"
    kept = _stored_hashes(store)
    assert sorted(kept) == sorted(hashlib.sha256(d).hexdigest() for _, d in files[:3])
    assert [f.outcome for f in failed.files] == ["stored"] * 3 + [None, None]

    retry_job(store, job_id, actor="user:1")
    assert JobWorker(workspace).run_once()
    done = get_job(store, job_id)
    assert (done.state, done.done, done.total, done.attempts) == (JobState.DONE, 5, 5, 2)
    hashes = _stored_hashes(store)
    assert len(hashes) == len(set(hashes)) == 5
    assert [f.outcome for f in done.files] == ["stored"] * 5
    assert all(store.get(f.document_id).state == "extracted" for f in done.files if f.document_id)
    with store.engine.connect() as conn:  # the bytes are originals now: the job drops its copy
        assert conn.scalar(select(func.count()).where(job_files.c.data.is_not(None))) == 0


def test_a_file_stored_before_the_crash_was_recorded_is_not_stored_again(
    workspace: Workspace, store: Store
) -> None:
    """The process died between storing a file and recording its outcome."""
    files = _files(2)
    job_id = create_job(store, JobKind.UPLOAD, "user:1", files)
    job = claim_next(store)
    assert job is not None and job.id == job_id
    workspace.store_files([Upload(*files[0])], "user:1")  # stored; outcome never recorded
    with store.engine.begin() as conn:  # the server died: the sweep at start fails the job
        conn.execute(jobs.update().values(state="running"))
    assert JobWorker(workspace).run_once() is False  # nothing queued; the stale job swept
    assert get_job(store, job_id).error == STALE_ERROR
    retry_job(store, job_id, actor="user:1")
    assert JobWorker(workspace).run_once()
    assert get_job(store, job_id).state is JobState.DONE
    hashes = _stored_hashes(store)
    assert len(hashes) == len(set(hashes)) == 2


def test_only_a_failed_job_can_be_retried(store: Store) -> None:
    job_id = create_job(store, JobKind.REBUILD, "user:1")
    with pytest.raises(JobError, match="only a failed job"):
        retry_job(store, job_id, actor="user:1")


def test_the_progress_page_polls_until_done_and_retry_needs_an_editor(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/upload")
    response = editor.post(
        "/upload", files=[("files", (name, data)) for name, data in _files(3)]
    )
    first = editor.get(response.headers["location"]).text
    assert 'hx-get="/jobs/' in first and 'hx-trigger="every 1s"' in first
    page = finished_job(editor, response)
    assert "3 of 3 files handled" in page and "hx-trigger" not in page
    job_id = int(response.headers["location"].rsplit("/", 1)[1])
    viewer = signed_in(Role.VIEWER)
    assert viewer.get(f"/jobs/{job_id}").status_code == 403
    editor.page(f"/jobs/{job_id}")
    refused = editor.post(f"/jobs/{job_id}/retry", {})  # done: nothing to retry
    assert refused.status_code == 400 and "only a failed job" in refused.text
    assert editor.post(f"/jobs/{job_id}/retry", {}, csrf="forged").status_code == 403


def test_suggest_cases_runs_as_a_job(store: Store, signed_in: Callable[[Role], Browser]) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/cases")
    response = editor.post("/cases/suggest", {})
    page = finished_job(editor, response)
    assert "0 document(s) read" in page and 'href="/cases?suggested=0"' in page
    job = get_job(store, int(response.headers["location"].rsplit("/", 1)[1]))
    assert (job.kind, job.state) == (JobKind.REBUILD, JobState.DONE)
    assert job.created_by.startswith("user:")


def test_progress_answers_nothing_until_the_job_moves(
    app: FastAPI, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    """A poll that has seen the job as it is gets 204 (htmx keeps the page as it is, and a
    screen reader hears nothing new); a change is sent whole; the end stops the polling."""
    release = threading.Event()
    app.state.jobs.after_file = lambda _f: release.wait(30)
    editor = signed_in(Role.EDITOR)
    editor.page("/upload")
    response = editor.post("/upload", files=[("files", (n, d)) for n, d in _files(2)])
    job_id = int(response.headers["location"].rsplit("/", 1)[1])
    deadline = time.monotonic() + 30
    while get_job(store, job_id).done < 1:  # the first file handled; the worker waits
        assert time.monotonic() < deadline
        time.sleep(0.05)
    progress = f"/jobs/{job_id}/progress"
    assert editor.get(progress + "?seen=running-1").status_code == 204
    moved = editor.get(progress + "?seen=running-0")
    assert moved.status_code == 200 and "1 of 2 files handled" in moved.text
    assert f'hx-get="/jobs/{job_id}/progress?seen=running-1"' in moved.text
    release.set()
    page = finished_job(editor, response)
    assert "2 of 2 files handled" in page
    assert editor.get(progress + "?seen=running-1").status_code == 286


def test_a_failed_job_is_retried_from_its_page(
    app: FastAPI, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    app.state.jobs.after_file = _crash_after(1)
    editor = signed_in(Role.EDITOR)
    editor.page("/upload")
    response = editor.post("/upload", files=[("files", (n, d)) for n, d in _files(3)])
    failed = finished_job(editor, response)
    assert "Failed: Crash while storing the files." in failed and "Retry this job" in failed
    assert len(store.documents()) == 1
    app.state.jobs.after_file = None
    location = response.headers["location"]
    retried = editor.post(location + "/retry", {})
    assert (retried.status_code, retried.headers["location"]) == (303, location)
    done = finished_job(editor, retried)
    assert "3 of 3 files handled" in done and "Retry this job" not in done
    hashes = _stored_hashes(store)
    assert len(hashes) == len(set(hashes)) == 3


def test_the_jobs_list_names_who_started_each(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/upload")
    finished_job(editor, editor.post("/upload", files={"files": ("a.txt", b"An invented note.")}))
    listing = editor.page("/jobs")
    assert "<td>editor</td>" in listing and "1 / 1" in listing and "job-done" in listing

"""Jobs in the store on both backends: queued with their files, claimed once, each file
recorded, finished (bytes dropped), swept when left running, retried; sealed on PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from vigil.errors import JobError
from vigil.model import JobKind, JobState
from vigil.store import Store, tables
from vigil.store.job_tables import job_files
from vigil.store.jobs import (
    STALE_ERROR,
    claim_next,
    create_job,
    fail_stale_jobs,
    file_data,
    finish_job,
    get_job,
    list_jobs,
    record_file,
    retry_job,
)

FILES = [("a.txt", b"first invented note"), ("b.txt", b"second invented note")]


def test_a_job_keeps_its_files_until_done(store: Store, backend: str) -> None:
    job_id = create_job(store, JobKind.UPLOAD, "user:2", FILES)
    job = get_job(store, job_id)
    assert (job.state, job.total, job.done, job.attempts) == (JobState.QUEUED, 2, 0, 0)
    assert [f.filename for f in job.files] == ["a.txt", "b.txt"]
    assert [file_data(store, f.id) for f in job.files] == [d for _, d in FILES]
    with store.engine.connect() as conn:
        raw = list(conn.scalars(select(job_files.c.data).order_by(job_files.c.id)))
    if backend == "postgresql":  # the database is not encrypted: the bytes are sealed
        assert all(b"invented" not in bytes(r) for r in raw)
    claimed = claim_next(store)
    assert claimed is not None and claimed.state is JobState.RUNNING and claimed.attempts == 1
    assert claim_next(store) is None  # one job, claimed once
    record_file(store, job.files[0].id, "stored", None, stored=[])
    with pytest.raises(JobError, match="gone"):  # handled: only unhandled files keep bytes
        file_data(store, job.files[0].id)
    assert file_data(store, job.files[1].id) == FILES[1][1]
    record_file(store, job.files[1].id, "rejected", reason="unsupported format")
    assert get_job(store, job_id).done == 2
    finish_job(store, job_id)
    done = get_job(store, job_id)
    assert done.state is JobState.DONE and done.finished_at is not None
    with pytest.raises(JobError, match="gone"):
        file_data(store, job.files[0].id)
    assert [j.id for j in list_jobs(store)] == [job_id]


def test_jobs_left_running_are_failed_retryable_and_can_be_retried(store: Store) -> None:
    job_id = create_job(store, JobKind.REBUILD, "user:2")
    claim_next(store)
    assert fail_stale_jobs(store) == 1
    job = get_job(store, job_id)
    assert (job.state, job.retryable, job.error) == (JobState.FAILED, True, STALE_ERROR)
    retry_job(store, job_id, actor="user:2")
    assert get_job(store, job_id).state is JobState.QUEUED
    again = claim_next(store)
    assert again is not None and again.attempts == 2 and again.error is None


def test_the_change_log_has_ids_and_counts_only(store: Store) -> None:
    job_id = create_job(store, JobKind.UPLOAD, "user:2", [("secret-name.txt", b"x")])
    claim_next(store)
    finish_job(store, job_id, error="Crash while storing the files", retryable=True)
    c = tables.changes.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(c.action, c.detail).where(c.entity == "job")).all()
    assert [r.action for r in rows] == ["queue", "failed"]
    assert "secret-name" not in json.dumps([r.detail for r in rows])

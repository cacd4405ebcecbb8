"""Background jobs in the store: queue, claim, record each file, finish, retry.

The web server's one worker thread claims the oldest queued job; each file's
outcome is written as soon as it is known, so a job that dies part-way shows
what it did and a retry goes on from there. Changes are logged as ids and
counts (`job` entries in the change log); file names and bytes never are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select, update

from vigil.errors import JobError, UnknownRecord
from vigil.model import Job, JobFile, JobKind, JobState
from vigil.store.case_rows import inserted_id, utc_now
from vigil.store.changes import log_change
from vigil.store.job_tables import job_files, jobs
from vigil.store.store import Store

STALE_ERROR = "the server stopped while this job ran"


def _seal_id(file_id: int) -> int:
    """Job files are sealed under their negative id: never a document's associated data."""
    return -file_id


def create_job(
    store: Store,
    kind: JobKind,
    created_by: str,
    files: Iterable[tuple[str, bytes]] = (),
) -> int:
    """Queue a job; an upload's files (name, bytes) are stored with it, in one transaction."""
    items = list(files)
    with store.engine.begin() as conn:
        job_id = inserted_id(
            conn,
            jobs.insert().values(
                kind=kind.value,
                state=JobState.QUEUED.value,
                done=0,
                total=len(items) if kind is JobKind.UPLOAD else 1,
                retryable=False,
                attempts=0,
                summary="{}",
                created_by=created_by,
                created_at=utc_now(),
            ),
        )
        for position, (name, data) in enumerate(items):
            file_id = inserted_id(
                conn,
                job_files.insert().values(
                    job_id=job_id,
                    position=position,
                    filename=name,
                    sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data),
                    data=b"",
                ),
            )
            conn.execute(
                update(job_files)
                .where(job_files.c.id == file_id)
                .values(data=store.dialect.seal_original(_seal_id(file_id), data))
            )
        detail = {"kind": kind.value, "files": len(items)}
        log_change(conn, created_by, "queue", "job", job_id, detail)
    return job_id


def claim_next(store: Store) -> Job | None:
    """The oldest queued job, now running (None when none waits)."""
    with store.engine.begin() as conn:
        job_id = conn.scalar(
            select(jobs.c.id).where(jobs.c.state == JobState.QUEUED.value).order_by(jobs.c.id)
        )
        if job_id is None:
            return None
        claimed = conn.execute(
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.state == JobState.QUEUED.value)
            .values(
                state=JobState.RUNNING.value,
                started_at=utc_now(),
                attempts=jobs.c.attempts + 1,
                error=None,
                retryable=False,
            )
        ).rowcount
        if not claimed:
            return None
    return get_job(store, int(job_id))


def file_data(store: Store, file_id: int) -> bytes:
    """The bytes of one job file as received; `JobError` once they were dropped."""
    with store.engine.connect() as conn:
        blob = conn.scalar(select(job_files.c.data).where(job_files.c.id == file_id))
    if not blob:
        raise JobError(f"the bytes of job file {file_id} are gone; upload the file again")
    return store.dialect.open_original(_seal_id(file_id), bytes(blob))


def record_file(
    store: Store,
    file_id: int,
    outcome: str,
    document_id: int | None = None,
    reason: str | None = None,
    stored: Iterable[int] = (),
) -> None:
    """What became of one file, with the documents it stored (it and its attachments,
    kept in the job's summary for extraction), in one transaction; its bytes are dropped."""
    with store.engine.begin() as conn:
        job_id = conn.scalar(select(job_files.c.job_id).where(job_files.c.id == file_id))
        if job_id is None:
            raise UnknownRecord(f"no job file with id {file_id}")
        conn.execute(
            update(job_files)
            .where(job_files.c.id == file_id)
            # Handled: the bytes are an original now, or refused; only unhandled files keep
            # theirs, so deleting a document never leaves a copy behind in a failed job.
            .values(outcome=outcome, document_id=document_id, reason=reason, data=None)
        )
        _count_done(conn, int(job_id))
        new = list(stored)
        if new:
            _merge_summary(conn, int(job_id), documents=new)


def record_suggestions(store: Store, counts: dict[int, int]) -> None:
    """Suggestions made per document, on the job files that stored those documents."""
    with store.engine.begin() as conn:
        for document_id, n in counts.items():
            conn.execute(
                update(job_files)
                .where(job_files.c.document_id == document_id)
                .values(suggestions=n)
            )


def _count_done(conn: Connection, job_id: int) -> None:
    done = conn.scalar(
        select(func.count())
        .select_from(job_files)
        .where(job_files.c.job_id == job_id, job_files.c.outcome.is_not(None))
    )
    conn.execute(update(jobs).where(jobs.c.id == job_id).values(done=int(done or 0)))


def update_summary(store: Store, job_id: int, **counts: Any) -> None:
    """Set counts in the job's summary (what it made), keeping the others."""
    with store.engine.begin() as conn:
        _merge_summary(conn, job_id, **counts)


def _merge_summary(
    conn: Connection, job_id: int, documents: Iterable[int] = (), **counts: Any
) -> None:
    raw = conn.scalar(select(jobs.c.summary).where(jobs.c.id == job_id)) or "{}"
    summary = {**json.loads(raw), **counts}
    new = list(documents)
    if new:
        summary["documents"] = list(dict.fromkeys([*summary.get("documents", []), *new]))
    conn.execute(update(jobs).where(jobs.c.id == job_id).values(summary=json.dumps(summary)))


def finish_job(
    store: Store, job_id: int, *, error: str | None = None, retryable: bool = False
) -> None:
    """Done (the files' bytes are dropped: they are originals now) or failed with a reason."""
    state = JobState.FAILED if error else JobState.DONE
    with store.engine.begin() as conn:
        values: dict[str, Any] = {
            "state": state.value,
            "error": error,
            "retryable": retryable,
            "finished_at": utc_now(),
        }
        if state is JobState.DONE:
            values["done"] = conn.scalar(select(jobs.c.total).where(jobs.c.id == job_id))
            conn.execute(update(job_files).where(job_files.c.job_id == job_id).values(data=None))
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))
        log_change(conn, "worker", state.value, "job", job_id, {"retryable": retryable})


def fail_stale_jobs(store: Store) -> int:
    """Jobs left running by a process that died: failed, and retryable. Returns how many."""
    with store.engine.begin() as conn:
        stale = list(
            conn.scalars(select(jobs.c.id).where(jobs.c.state == JobState.RUNNING.value))
        )
        for job_id in stale:
            conn.execute(
                update(jobs)
                .where(jobs.c.id == job_id)
                .values(
                    state=JobState.FAILED.value,
                    error=STALE_ERROR,
                    retryable=True,
                    finished_at=utc_now(),
                )
            )
            log_change(conn, "worker", "failed", "job", job_id, {"retryable": True, "stale": True})
    return len(stale)


def retry_job(store: Store, job_id: int, actor: str) -> None:
    """Queue a failed, retryable job again; what it already stored is skipped when it runs."""
    with store.engine.begin() as conn:
        row = conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().first()
        if row is None:
            raise UnknownRecord(f"no job with id {job_id}")
        if row["state"] != JobState.FAILED.value or not row["retryable"]:
            raise JobError(f"job {job_id} is {row['state']}: only a failed job can be retried")
        conn.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(state=JobState.QUEUED.value, finished_at=None)
        )
        log_change(conn, actor, "retry", "job", job_id, {})


def _file(row: Any) -> JobFile:
    return JobFile(
        id=int(row["id"]),
        position=int(row["position"]),
        filename=row["filename"],
        sha256=row["sha256"],
        size=int(row["size"]),
        outcome=row["outcome"],
        document_id=row["document_id"],
        reason=row["reason"],
        suggestions=row["suggestions"],
    )


def _job(row: Any, files: list[JobFile]) -> Job:
    return Job(
        id=int(row["id"]),
        kind=JobKind(row["kind"]),
        state=JobState(row["state"]),
        done=int(row["done"]),
        total=int(row["total"]),
        error=row["error"],
        retryable=bool(row["retryable"]),
        summary=json.loads(row["summary"] or "{}"),
        created_by=row["created_by"],
        created_at=row["created_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        attempts=int(row["attempts"]),
        files=files,
    )


def get_job(store: Store, job_id: int) -> Job:
    """A job with its files' outcomes (not their bytes)."""
    file_columns = [c for c in job_files.c if c.name != "data"]
    with store.engine.connect() as conn:
        row = conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().first()
        if row is None:
            raise UnknownRecord(f"no job with id {job_id}")
        files = [
            _file(r)
            for r in conn.execute(
                select(*file_columns)
                .where(job_files.c.job_id == job_id)
                .order_by(job_files.c.position)
            ).mappings()
        ]
    return _job(row, files)


def list_jobs(store: Store, limit: int = 50) -> list[Job]:
    """The latest jobs first, without their files."""
    with store.engine.connect() as conn:
        rows = list(
            conn.execute(select(jobs).order_by(jobs.c.id.desc()).limit(limit)).mappings()
        )
    return [_job(r, []) for r in rows]

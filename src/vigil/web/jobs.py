"""The background worker: one thread, started with the app, runs queued jobs one at a time.

An upload job stores its files one by one (`Workspace.store_files`, stage 1 as
`vigil ingest` runs it), recording each file's outcome as it goes, then
extracts and builds the case file for what it stored
(`Workspace.extract_and_build`). A rebuild job is `vigil cases suggest`. A job
that raises is failed and retryable; every document it stored stays stored
(and `stored`, not extracted, when extraction did not run), as after a CLI
crash. A retry handles only the files without an outcome, and one whose
SHA-256 is already stored (the process died between storing it and recording
it) is recorded, not stored again. When the worker first sees the store
(at start, or once personal mode is unlocked), jobs left `running` by a dead
process are failed and retryable.

Nothing here logs file names or text: job ids, counts and error classes only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from vigil import cases
from vigil.ingest.pipeline import Outcome, Upload
from vigil.model import Job, JobFile, JobKind
from vigil.store import Store
from vigil.store.jobs import (
    claim_next,
    fail_stale_jobs,
    file_data,
    finish_job,
    get_job,
    record_file,
    record_suggestions,
    update_summary,
)
from vigil.web.workspace import Workspace

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
STORED = (Outcome.STORED, Outcome.NEEDS_OCR)


class JobWorker:
    """Polls the store for queued jobs and runs them in a thread of its own.

    `after_file` is called after each file's outcome is recorded (progress
    reporting; a test raises there to stand for a crash mid-batch)."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        poll_seconds: float = POLL_SECONDS,
        after_file: Callable[[JobFile], None] | None = None,
    ) -> None:
        self.workspace = workspace
        self.poll_seconds = poll_seconds
        self.after_file = after_file
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._swept = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="vigil-jobs", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                ran = self.run_once()
            except Exception as exc:  # the store is closing, or locked: wait and look again
                log.error("job worker: %s", type(exc).__name__)
                ran = False
            if not ran:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def run_once(self) -> bool:
        """Run the oldest queued job, if any; True if one ran (whatever its end)."""
        store = self.workspace.store
        if store is None:
            return False
        if not self._swept:
            stale = fail_stale_jobs(store)
            self._swept = True
            if stale:
                log.warning("%d job(s) left running by a stopped server marked failed", stale)
        job = claim_next(store)
        if job is None:
            return False
        log.info("job %d (%s) started: %d file(s)", job.id, job.kind, job.total)
        stage = "storing the files" if job.kind is JobKind.UPLOAD else "building the case file"
        try:
            if job.kind is JobKind.UPLOAD:
                self._store_files(store, job)
                stage = "extracting"
                self._extract(store, job.id, job.created_by)
            else:
                self._rebuild(store, job)
        except Exception as exc:  # any failure: what is stored stays stored; retry goes on
            log.error("job %d failed while %s (%s)", job.id, stage, type(exc).__name__)
            finish_job(store, job.id, error=f"{type(exc).__name__} while {stage}", retryable=True)
        else:
            finish_job(store, job.id)
            log.info("job %d done", job.id)
        return True

    def _store_files(self, store: Store, job: Job) -> None:
        for f in job.files:
            if f.outcome is not None:  # handled by an earlier attempt
                continue
            known = store.find_by_sha256(f.sha256) if job.attempts > 1 else None
            if known is not None:
                record_file(store, f.id, Outcome.STORED.value, known, stored=[known])
            else:
                upload = Upload(f.filename, file_data(store, f.id))
                report = self.workspace.store_files([upload], job.created_by)
                own = next((r for r in report.results if "#attachment/" not in r.locator), None)
                if own is None:  # stage 1 reports every input; keep the job honest if not
                    record_file(store, f.id, Outcome.REJECTED.value, reason="not read")
                else:
                    stored = [
                        r.document_id
                        for r in report.results
                        if r.outcome in STORED and r.document_id is not None
                    ]
                    record_file(
                        store, f.id, own.outcome.value, own.document_id, own.reason, stored
                    )
            if self.after_file is not None:
                self.after_file(f)

    def _extract(self, store: Store, job_id: int, actor: str) -> None:
        documents = {int(d) for d in get_job(store, job_id).summary.get("documents", [])}
        report = self.workspace.extract_and_build(documents, actor)
        record_suggestions(store, report.suggestions)
        update_summary(
            store,
            job_id,
            suggestions=sum(report.suggestions.values()),
            extracted=len(report.suggestions),
            extraction_failed=len(report.extraction_failed),
            interventions=report.interventions,
            cases=report.cases,
            case_file_failed=report.case_file_failed,
        )

    def _rebuild(self, store: Store, job: Job) -> None:
        """What `vigil cases suggest` does: build from extractions, one case per party at risk."""
        built = cases.build_from_extractions(
            store, follow_up_days=self.workspace.settings.follow_up_days, actor=job.created_by
        )
        made = cases.suggest_cases(store, actor=job.created_by)
        update_summary(
            store,
            job.id,
            documents_read=built.documents,
            events=built.events,
            interventions=built.interventions,
            cases=len(made),
        )
        log.info(
            "job %d: case file built from %d document(s); %d case(s) suggested",
            job.id,
            built.documents,
            len(made),
        )

"""What the web app holds while it runs: the store (once unlocked), a parser pool, policies.

Personal mode starts with no store: the first visitor who gives the store
passphrase opens it, and every later browser must give it too. Organisation
mode starts with the store opened by the server (its passphrase from
VIGIL_PASSPHRASE_FILE or the environment) and has accounts in it.

An upload runs the same chain as `vigil ingest`: stage 1 on the parser pool,
stage 2 (`extract_stored`, in this process; spaCy loads once, on first use)
for the documents just stored, then the case file is brought up to date
with them (`cases.update_case_file`: their facts only, then resolution and
the cases they bring). A failure after storing keeps
the document `stored`; `vigil extract --pending` retries it.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from vigil import cases, keys
from vigil.accounts import SessionPolicy, Throttle, has_accounts
from vigil.accounts.throttle import unlock_limits
from vigil.auditing import record_event
from vigil.errors import ConfigError, WrongPassphrase
from vigil.ingest.extraction import ExtractResult, extract_stored
from vigil.ingest.pipeline import IngestReport, Outcome, Upload, ingest_uploads
from vigil.ingest.worker import ParserPool
from vigil.settings import Settings
from vigil.store import Store, open_store

log = logging.getLogger(__name__)


class Locked(Exception):
    """The store is not unlocked yet (personal mode, before the passphrase)."""


@dataclass
class UploadReport:
    """Stage 1's report, with what stage 2 and the case file made of the new documents."""

    ingest: IngestReport
    suggestions: dict[int, int] = field(default_factory=dict)
    """Document id -> suggestions made, for each document extracted."""
    extraction_failed: list[int] = field(default_factory=list)
    """Stored documents whose extraction failed (still `stored`)."""
    case_file_failed: bool = False
    interventions: int = 0
    cases: int = 0


class Workspace:
    def __init__(
        self,
        settings: Settings,
        store: Store | None,
        policy: SessionPolicy,
        throttle: Throttle,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self.throttle = throttle
        self._store = store
        self._owns_store = False
        self._lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._pool: ParserPool | None = None
        self._confirmed: dict[str, float] = {}
        """Session id hash -> when its user last re-entered their password."""

    @property
    def store(self) -> Store | None:
        return self._store

    def require_store(self) -> Store:
        if self._store is None:
            raise Locked
        return self._store

    def organisation(self) -> bool:
        """True once accounts exist: everyone signs in; nobody unlocks with the passphrase."""
        return self._store is not None and has_accounts(self._store)

    def unlock(self, passphrase: str, client: str) -> None:
        """Check the store passphrase (opening the store the first time); throttled."""
        attempt = self.throttle.begin(*unlock_limits(client))
        try:
            with self.throttle.gate.slot(), self._lock:
                if self._store is None:
                    self._store = open_store(self.settings, passphrase)
                    self._owns_store = True
                    log.info("store unlocked from the web")
                elif self.settings.encrypt:
                    keys.unlock(self.settings.key_path, passphrase)
        except WrongPassphrase:
            attempt.failed()
            if self._store is not None:
                record_event(self._store, "anonymous", "unlock:failed", {"client": client})
            raise
        except BaseException:
            attempt.cancel()
            raise
        attempt.succeeded()
        assert self._store is not None
        record_event(self._store, "owner", "unlock", {"client": client})

    def confirm(self, session_hash: str) -> None:
        """The session's user re-entered their password (and code) just now."""
        now = time.monotonic()
        window = self.settings.confirm_window_s
        with self._lock:
            self._confirmed = {k: t for k, t in self._confirmed.items() if now - t < window}
            self._confirmed[session_hash] = now

    def recently_confirmed(self, session_hash: str, within_s: float) -> bool:
        at = self._confirmed.get(session_hash)
        return at is not None and time.monotonic() - at < within_s

    def ingest(self, uploads: list[Upload], actor: str, *, build: bool = True) -> UploadReport:
        """Store, extract and build one batch at a time (the parser pool lives with the server).

        `build=False` stores and extracts only: a response's letter, recorded on its
        intervention before any case-file build can read it as a letter of its own."""
        store = self.require_store()
        with self._ingest_lock:
            report = UploadReport(self._store_files(store, uploads, actor))
            new = {
                r.document_id
                for r in report.ingest.results
                if r.outcome is Outcome.STORED and r.document_id is not None
            }
            if new:
                self._extract_and_build(store, report, new, actor, build)
            return report

    def store_files(self, uploads: list[Upload], actor: str) -> IngestReport:
        """Stage 1 alone (a background job stores its files one by one, then extracts)."""
        store = self.require_store()
        with self._ingest_lock:
            return self._store_files(store, uploads, actor)

    def extract_and_build(self, documents: set[int], actor: str) -> UploadReport:
        """Stage 2 and the case file for stored documents (those already extracted are
        skipped); the report's `ingest` is empty."""
        store = self.require_store()
        report = UploadReport(IngestReport())
        with self._ingest_lock:
            if documents:
                self._extract_and_build(store, report, documents, actor, True)
        return report

    def _store_files(self, store: Store, uploads: list[Upload], actor: str) -> IngestReport:
        if self._pool is None:
            pool = ParserPool(self.settings)
            try:
                pool.start()
            except RuntimeError as exc:
                pool.close()
                raise ConfigError("the parser workers did not start") from exc
            self._pool = pool
        return ingest_uploads(store, self.settings, self._pool, uploads, actor=actor)

    def _extract_and_build(
        self, store: Store, report: UploadReport, new: set[int], actor: str, build: bool
    ) -> None:
        def saved(result: ExtractResult) -> None:
            report.suggestions[result.document_id] = result.suggestions

        try:
            extract_stored(store, self.settings, "pending", saved, only=new, actor=actor)
        except Exception as exc:  # any failure: the documents stay stored, to retry
            log.error("web extraction failed (%s)", type(exc).__name__)
        report.extraction_failed = sorted(new - report.suggestions.keys())
        if not report.suggestions or not build:
            return
        try:
            built = cases.update_case_file(
                store,
                report.suggestions.keys(),
                follow_up_days=self.settings.follow_up_days,
                actor=actor,
            )
            report.interventions = built.build.interventions
            report.cases = len(built.cases)
        except Exception as exc:  # the extraction is saved; `vigil cases suggest` redoes this
            log.error("web case-file build failed (%s)", type(exc).__name__)
            report.case_file_failed = True
        log.info(
            "web upload: %d extracted, %d failed, %d intervention(s), %d case(s) suggested",
            len(report.suggestions),
            len(report.extraction_failed),
            report.interventions,
            report.cases,
        )

    def close(self) -> None:
        with self._ingest_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
        if self._owns_store and self._store is not None:
            self._store.close()
            self._store = None

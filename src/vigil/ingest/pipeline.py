"""Stage 1 of ingest: files and folders in, `stored` documents out.

1. Walk the paths (`walk.py`: folders recursively, in sorted order; no
   symlink out of the folders named; each real file once; pipes, sockets
   and devices skipped and recorded as rejections). Web addresses are
   fetched (`fetch.py`), the address as locator, the content type naming
   the parser.
2. Per file: open it non-blocking and check it is a regular file; refuse it
   unread if over the size limit; read it; SHA-256 of the original bytes
   before any parsing. Locators are text (`walk.display_path`).
3. An empty .pdf or .docx is rejected; other known bytes are not a new
   document: record another source for it (files are read a little ahead,
   `READ_AHEAD_FILES`, so one query finds which of them are known).
4. New bytes go to the sandboxed parser pool (long-lived workers with memory
   and time limits); each parsed document commits in its own transaction,
   e-mail attachments as their own documents linked to the message. Text
   that is not valid Unicode is refused for that document alone.
5. A failure is recorded as a rejection with its reason; the batch goes on.
6. Scans and photos stored `needs_ocr` are read by OCR on the same pool
   (`recognition.py`) when Tesseract is installed; otherwise they wait and the
   report says why.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from vigil.errors import IngestError, Rejected
from vigil.ingest.codepoints import invalid_text, scrub
from vigil.ingest.fetch import fetch
from vigil.ingest.formats import refuse_empty
from vigil.ingest.recognition import OcrReport, ocr_stored
from vigil.ingest.walk import Walk, display_path, file_kind, walk
from vigil.ingest.worker import ParserPool
from vigil.model import DocumentState, ParsedDocument
from vigil.settings import Settings
from vigil.store import Store

log = logging.getLogger(__name__)


MAX_NESTING = 8
"""Containers inside containers (a zip in a message in a mailbox ...) read at most."""
READ_AHEAD_FILES = 32
READ_AHEAD_BYTES = 8 * 1024 * 1024
"""Inputs are read this far ahead (files, or bytes: whichever comes first; a larger file
alone), so one query finds which of them are stored already."""


class Outcome(StrEnum):
    STORED = "stored"
    NEEDS_OCR = "needs_ocr"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input (a file, or an attachment inside one)."""

    locator: str
    outcome: Outcome
    document_id: int | None = None
    reason: str | None = None


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)
    seconds: float = 0.0
    ocr: OcrReport | None = None
    """What OCR did to the documents stored `needs_ocr` (None when not asked)."""

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def rejected(self) -> list[IngestResult]:
        return [r for r in self.results if r.outcome is Outcome.REJECTED]


@dataclass(frozen=True)
class _Input:
    locator: str
    data: bytes
    sha256: str
    parent_id: int | None = None
    source_kind: str = "file"
    depth: int = 0
    """How many containers (messages, archives, mailboxes) this input is inside."""
    name: str | None = None
    """The file name the parsers see, when the locator is not one (a web address)."""
    metadata: tuple[tuple[str, str], ...] = ()
    """Added to the parsed document's metadata (a fetched page's final URL and time)."""


@dataclass(frozen=True)
class Upload:
    """A file received in memory (a web upload): never written to disk in clear."""

    filename: str
    data: bytes


def _unique_locators(uploads: list[Upload]) -> Iterator[tuple[str, Upload]]:
    """`upload:NAME`, with `upload:N/NAME` for a name seen before in the batch."""
    seen: set[str] = set()
    for number, upload in enumerate(uploads, start=1):
        name = scrub(upload.filename)[0].replace("/", "_").replace("\\", "_") or f"upload-{number}"
        locator = f"upload:{name}" if name not in seen else f"upload:{number}/{name}"
        seen.add(name)
        yield locator, upload


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every regular file under the given paths (see `walk`), each real file once."""
    return walk(paths).files


class Ingester:
    """Runs stage 1 over a batch, reporting each result to an optional callback."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        on_result: Callable[[IngestResult], None] | None = None,
        actor: str = "local",
        ocr: bool = True,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_result = on_result
        self.actor = actor
        self.ocr = ocr
        self.report = IngestReport()

    def run(
        self, files: list[Path] | Walk, urls: Iterable[str] = (), pool: ParserPool | None = None
    ) -> IngestReport:
        found = files if isinstance(files, Walk) else Walk(files=list(files))
        for skipped in found.skipped:
            # as named, not resolved: a link out of the folders is not followed even here
            self._reject(display_path(skipped.path.absolute()), None, skipped.reason)
        inputs = itertools.chain(
            (self._read(path) for path in found.files), (self._fetched(url) for url in urls)
        )
        if pool is not None:  # the caller's (a `ClusterPool`), kept open
            return self._run(pool, inputs)
        with ParserPool(self.settings) as own:
            return self._run(own, inputs)

    def run_uploads(self, pool: ParserPool, uploads: list[Upload]) -> IngestReport:
        """Ingest files received in memory, on a pool the caller keeps open."""
        return self._run(pool, (self._received(u) for u in _unique_locators(uploads)))

    def _run(self, pool: ParserPool, inputs: Iterable[_Input | None]) -> IngestReport:
        started = time.perf_counter()
        pending: dict[str, _Input] = {}
        for locator, outcome in pool.parse_named(self._feed(inputs, pending)):
            item = pending.pop(locator)
            self._settle(pool, item, outcome)
        if self.ocr:
            scans = [
                r.document_id
                for r in self.report.results
                if r.outcome is Outcome.NEEDS_OCR and r.document_id is not None
            ]
            self.report.ocr = ocr_stored(self.store, self.settings, pool, scans, self.actor)
            read = {o.document_id for o in self.report.ocr.done}
            self.report.results = [  # what OCR read is stored now, and extracted next
                replace(r, outcome=Outcome.STORED) if r.document_id in read else r
                for r in self.report.results
            ]
        self.report.seconds = time.perf_counter() - started
        log.info(
            "ingest batch: %d stored, %d duplicate, %d rejected, %.1fs",
            self.report.count(Outcome.STORED) + self.report.count(Outcome.NEEDS_OCR),
            self.report.count(Outcome.DUPLICATE),
            self.report.count(Outcome.REJECTED),
            self.report.seconds,
        )
        return self.report

    def _feed(
        self, inputs: Iterable[_Input | None], pending: dict[str, _Input]
    ) -> Iterator[tuple[str, str, bytes]]:
        """Yield (locator, file name, bytes) of inputs that need parsing; settle the rest."""
        for chunk in _read_ahead(inputs):
            stored = self.store.find_by_sha256s(item.sha256 for item in chunk)
            for item in chunk:
                if item.locator in pending:  # the same file named twice
                    continue
                try:
                    refuse_empty(item.data, item.name or item.locator)
                except Rejected as exc:
                    self._reject(item.locator, item.sha256, exc.reason)
                    continue
                if self._known(item, stored.get(item.sha256)):
                    continue
                pending[item.locator] = item
                yield item.locator, item.name or item.locator, item.data

    def _read(self, path: Path) -> _Input | None:
        locator = _locator(path)
        try:
            # Non-blocking, so a file swapped for a named pipe since the walk cannot hang us.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode):
                    self._reject(locator, None, f"not a regular file: {file_kind(info.st_mode)}")
                    return None
                if info.st_size > self.settings.max_file_bytes:
                    self._reject(
                        locator,
                        None,
                        f"too large: {info.st_size} bytes (limit {self.settings.max_file_bytes})",
                    )
                    return None
                data = fh.read(self.settings.max_file_bytes + 1)
        except OSError as exc:
            self._reject(locator, None, f"unreadable: {exc.strerror or type(exc).__name__}")
            return None
        if len(data) > self.settings.max_file_bytes:
            self._reject(locator, None, "too large: grew while being read")
            return None
        return _Input(locator, data, hashlib.sha256(data).hexdigest())

    def _fetched(self, url: str) -> _Input | None:
        """A web page fetched now (`fetch.py`), its address as the locator."""
        locator = scrub(url)[0]
        try:
            page = fetch(url, self.settings)
        except Rejected as exc:
            self._reject(locator, None, exc.reason)
            return None
        return _Input(
            locator,
            page.data,
            hashlib.sha256(page.data).hexdigest(),
            source_kind="url",
            name=page.name,
            metadata=(
                ("url", scrub(page.final_url)[0]),
                ("fetched_at", page.fetched_at.isoformat(timespec="seconds")),
                ("content_type", page.content_type),
            ),
        )

    def _received(self, upload: tuple[str, Upload]) -> _Input | None:
        locator, item = upload
        if len(item.data) > self.settings.max_file_bytes:
            self._reject(
                locator,
                None,
                f"too large: {len(item.data)} bytes (limit {self.settings.max_file_bytes})",
            )
            return None
        sha256 = hashlib.sha256(item.data).hexdigest()
        return _Input(locator, item.data, sha256, source_kind="upload")

    def _known(self, item: _Input, doc_id: int | None) -> bool:
        """Record `item` as another source of document `doc_id` (its bytes' id, if stored)."""
        if doc_id is None:
            return False
        self.store.add_source(doc_id, item.locator, item.source_kind, actor=self.actor)
        self._emit(IngestResult(item.locator, Outcome.DUPLICATE, doc_id))
        return True

    def _settle(
        self, pool: ParserPool, item: _Input, outcome: ParsedDocument | IngestError
    ) -> None:
        if isinstance(outcome, IngestError):
            self._reject(item.locator, item.sha256, outcome.reason)
            return
        outcome.metadata.update(item.metadata)
        invalid = invalid_text(outcome)  # the parsers clean text; this is the last guard
        if invalid is not None:
            self._reject(item.locator, item.sha256, invalid)
            return
        doc_id, stored = self.store.add_document_once(
            outcome,
            item.data,
            locator=item.locator,
            source_kind=item.source_kind,
            parent_id=item.parent_id,
            actor=self.actor,
        )
        if not stored:  # the same bytes arrived twice in this batch
            self._emit(IngestResult(item.locator, Outcome.DUPLICATE, doc_id))
            return
        state = Outcome.NEEDS_OCR if outcome.state is DocumentState.NEEDS_OCR else Outcome.STORED
        self._emit(IngestResult(item.locator, state, doc_id))
        for index, attachment in enumerate(outcome.attachments):
            name = attachment.filename or f"attachment-{index + 1}"
            child = _Input(
                locator=f"{item.locator}#attachment/{index + 1}/{name}",
                data=attachment.data,
                sha256=hashlib.sha256(attachment.data).hexdigest(),
                parent_id=doc_id,
                source_kind="attachment",
                depth=item.depth + 1,
            )
            if child.depth > MAX_NESTING:
                self._reject(child.locator, child.sha256, "nested too deeply (containers)")
                continue
            try:
                refuse_empty(child.data, name)
            except Rejected as exc:
                self._reject(child.locator, child.sha256, exc.reason)
                continue
            if self._known(child, self.store.find_by_sha256(child.sha256)):
                continue
            try:
                parsed: ParsedDocument | IngestError = pool.parse(child.data, name)
            except IngestError as exc:
                parsed = exc
            self._settle(pool, child, parsed)

    def _reject(self, locator: str, sha256: str | None, reason: str) -> None:
        self.store.record_rejection(locator, sha256, reason)
        self._emit(IngestResult(locator, Outcome.REJECTED, reason=reason))

    def _emit(self, result: IngestResult) -> None:
        self.report.results.append(result)
        if self.on_result is not None:
            self.on_result(result)


def ingest(
    store: Store,
    settings: Settings,
    paths: Iterable[Path] | Walk,
    on_result: Callable[[IngestResult], None] | None = None,
    ocr: bool = True,
    urls: Iterable[str] = (),
    pool: ParserPool | None = None,
) -> IngestReport:
    """Ingest files and folders (stage 1); never aborts the batch for one bad file.

    `paths` are the files and folders a user named, or their `walk` already made;
    `urls` are web addresses, each fetched once (`fetch.py`) and kept like a saved page.
    With `ocr`, scans and photos are read by OCR on the same workers when
    Tesseract is installed (`report.ocr` says what happened). `pool`, when given
    (cluster mode's `ClusterPool`), parses instead of a local `ParserPool`.
    """
    found = paths if isinstance(paths, Walk) else walk(paths)
    return Ingester(store, settings, on_result, ocr=ocr).run(found, urls, pool)


def _read_ahead(inputs: Iterable[_Input | None]) -> Iterator[list[_Input]]:
    """The inputs in chunks of `READ_AHEAD_FILES` files or `READ_AHEAD_BYTES` bytes."""
    chunk: list[_Input] = []
    size = 0
    for item in inputs:
        if item is None:
            continue
        chunk.append(item)
        size += len(item.data)
        if len(chunk) >= READ_AHEAD_FILES or size >= READ_AHEAD_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _locator(path: Path) -> str:
    """The absolute real path as text (names that are not UTF-8 rendered safely)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        real = path.absolute()
    return display_path(real)


def ingest_uploads(
    store: Store,
    settings: Settings,
    pool: ParserPool,
    uploads: list[Upload],
    on_result: Callable[[IngestResult], None] | None = None,
    actor: str = "web",
) -> IngestReport:
    """Ingest files received in memory (the web upload) on an open parser pool."""
    return Ingester(store, settings, on_result, actor).run_uploads(pool, uploads)


__all__ = [
    "IngestReport",
    "IngestResult",
    "Outcome",
    "Upload",
    "discover",
    "ingest",
    "ingest_uploads",
]

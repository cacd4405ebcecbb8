"""The parser sandbox: long-lived worker processes that run `formats.parse`.

Hostile files meet the parsers (and OCR, `ParserPool.ocr`) here, never in the
main process. Each worker
is started once (forkserver, with the parsers preloaded), limits its own
address space to `worker_memory_mb` MiB, disables core dumps, and parses one
document at a time. A document that takes longer than `worker_timeout_s`, or
whose worker dies (a crash, memory exhausted), is Rejected; the worker is
killed and replaced and the batch goes on.

    with ParserPool(settings) as pool:
        for label, result in pool.parse_many(items):
            ...  # result is a ParsedDocument or an IngestError
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from vigil.errors import IngestError, Rejected, Unsupported
from vigil.hardening import child_environment
from vigil.ingest import formats, ocr
from vigil.ingest.language import detect_language
from vigil.model import OcrResult, ParsedDocument
from vigil.settings import Settings

TIMED_OUT = "parser timed out"
CRASHED = "parser crashed or ran out of memory"
START_TIMEOUT_S = 60.0
"""How long a new worker may take to import the parsers and report ready."""
STOP_TIMEOUT_S = 2.0
"""How long a worker asked to stop may take before it is killed."""
_PRELOAD = ["vigil.ingest.worker"]
_READY = "ready"
_MEMORY_EXIT = 70
_WARM_UP_TEXT = "A short sentence that loads the language models once."


class Task(StrEnum):
    """What a worker does with a job's bytes."""

    PARSE = "parse"
    """`formats.parse`: the filename picks the parser; answers a `ParsedDocument`."""
    OCR = "ocr"
    """`ocr.recognise`: the label is the stored format; answers an `OcrResult`."""


@dataclass(frozen=True)
class _Job:
    name: str
    """The file name that picks the parser (PARSE), or the stored format (OCR)."""
    data: bytes
    task: Task = Task.PARSE


@dataclass(frozen=True)
class Failure:
    """An IngestError as it crosses a pipe or the network (exceptions with state pickle badly)."""

    unsupported: bool
    reason: str

    def to_error(self) -> IngestError:
        return Unsupported(self.reason) if self.unsupported else Rejected(self.reason)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    owner: object | None = None
    """The `parse_many` call whose document this worker holds; None when idle."""
    label: str = ""
    deadline: float = 0.0


@dataclass(frozen=True)
class _Finished:
    """A result waiting for the `parse_many` call that asked for it."""

    owner: object
    label: str
    result: ParsedDocument | OcrResult | IngestError


def limit_resources(memory_mb: int) -> None:
    """Cap this process's address space at `memory_mb` MiB and disable core dumps."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold the document


def _serve(conn: Connection, settings: Settings) -> None:
    """A worker's life: warm up, then parse jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    limit_resources(settings.worker_memory_mb)
    detect_language(_WARM_UP_TEXT, settings.languages)
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if not isinstance(job, _Job):
            return
        try:
            result: ParsedDocument | OcrResult | Failure = _perform(job, settings)
        except Unsupported as exc:
            result = Failure(True, exc.reason)
        except Rejected as exc:
            result = Failure(False, exc.reason)
        except IngestError as exc:
            result = Failure(False, exc.reason)
        except MemoryError:
            os._exit(_MEMORY_EXIT)  # the heap may be in pieces: leave, be replaced
        except Exception as exc:  # a bug past the parser: one rejection, not a dead worker
            result = Failure(False, f"parser failed ({type(exc).__name__})")
        del job
        try:
            conn.send(result)
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        except (BrokenPipeError, OSError):
            return


def _perform(job: _Job, settings: Settings) -> ParsedDocument | OcrResult:
    if job.task is Task.OCR:
        return ocr.recognise(job.data, job.name, settings)
    return formats.parse(job.data, job.name, settings)


class ParserPool:
    """`settings.workers` sandboxed parser processes, started on enter, stopped on exit."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._context: Any = multiprocessing.get_context("forkserver")
        self._workers: list[_Worker] = []
        self._finished: list[_Finished] = []
        self._open = False

    def __enter__(self) -> ParserPool:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers (done by `with`)."""
        self._context.set_forkserver_preload(_PRELOAD)
        self._open = True
        self._fill()

    def close(self) -> None:
        """Stop every worker and reap it; safe to call twice."""
        self._open = False
        workers, self._workers = self._workers, []
        self._finished = []
        for worker in workers:
            if worker.owner is None:
                with contextlib.suppress(BrokenPipeError, OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for worker in workers:
            if worker.owner is None:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            self._stop(worker)

    def parse(self, data: bytes, filename: str) -> ParsedDocument:
        """Parse one file in a worker; raise its IngestError."""
        for _, result in self.parse_many([(filename, data)]):
            if isinstance(result, IngestError):
                raise result
            return result
        raise Rejected(CRASHED)  # pragma: no cover - parse_many yields once per item

    def parse_many(
        self, items: Iterable[tuple[str, bytes]]
    ) -> Iterator[tuple[str, ParsedDocument | IngestError]]:
        """Parse `(filename, data)` items on all workers; yield results as they finish.

        The filename is the label results are keyed by; order is not kept.
        Calls may nest (parse an attachment while a batch runs): each call
        yields only its own results.
        """
        return self.parse_named((name, name, data) for name, data in items)

    def parse_named(
        self, items: Iterable[tuple[str, str, bytes]]
    ) -> Iterator[tuple[str, ParsedDocument | IngestError]]:
        """`parse_many` for `(label, filename, data)`: the label need not be a file name."""
        jobs = ((label, name, data, Task.PARSE) for label, name, data in items)
        for label, result in self._run_many(jobs):
            if isinstance(result, OcrResult):  # pragma: no cover - a parse answers a document
                result = Rejected(CRASHED)
            yield label, result

    def ocr(self, data: bytes, doc_format: str) -> OcrResult:
        """OCR one stored 'pdf' or 'image' original in a worker; raise its IngestError."""
        for _, result in self.ocr_many([("", doc_format, data)]):
            if isinstance(result, IngestError):
                raise result
            return result
        raise Rejected(CRASHED)  # pragma: no cover - ocr_many yields once per item

    def ocr_many(
        self, items: Iterable[tuple[str, str, bytes]]
    ) -> Iterator[tuple[str, OcrResult | IngestError]]:
        """OCR `(label, format, data)` items on all workers; yield results as they finish.

        The time limit of each is `worker_timeout_s` plus `ocr_page_timeout_s`
        (and OSD's) for each page OCR may read; Tesseract's own limit per page
        stops it sooner.
        """
        jobs = ((label, fmt, data, Task.OCR) for label, fmt, data in items)
        for label, result in self._run_many(jobs):
            if isinstance(result, ParsedDocument):  # pragma: no cover - OCR answers OcrResult
                result = Rejected(CRASHED)
            yield label, result

    def _run_many(
        self, items: Iterable[tuple[str, str, bytes, Task]]
    ) -> Iterator[tuple[str, ParsedDocument | OcrResult | IngestError]]:
        if not self._open:
            raise RuntimeError("use ParserPool as a context manager: `with ParserPool(s) as p:`")
        owner = object()
        pending = iter(items)
        exhausted = False
        in_flight = 0
        try:
            while True:
                # Keep every worker busy before handing results back, so workers
                # parse the next files while the caller stores the last ones.
                while not exhausted and (worker := self._idle_worker()) is not None:
                    item = next(pending, None)
                    if item is None:
                        exhausted = True
                    else:
                        self._dispatch(worker, owner, *item)
                        in_flight += 1
                mine = [done for done in self._finished if done.owner is owner]
                if mine:
                    self._finished = [done for done in self._finished if done.owner is not owner]
                    for done in mine:
                        in_flight -= 1
                        yield done.label, done.result
                    continue
                if exhausted and in_flight == 0:
                    return
                self._collect()
        finally:
            self._finished = [done for done in self._finished if done.owner is not owner]
            for worker in [w for w in self._workers if w.owner is owner]:
                self._retire(worker)

    def _dispatch(
        self, worker: _Worker, owner: object, label: str, name: str, data: bytes, task: Task
    ) -> None:
        worker.owner = owner
        worker.label = label
        limit = self._settings.worker_timeout_s
        if task is Task.OCR:
            limit += self._settings.ocr_max_pages * (
                self._settings.ocr_page_timeout_s + ocr.OSD_TIMEOUT_S
            )
        worker.deadline = time.monotonic() + limit
        try:
            worker.conn.send(_Job(name, data, task))
        except (BrokenPipeError, EOFError, OSError):
            self._fail(worker, CRASHED)

    def _collect(self) -> None:
        """Wait for the first busy worker to answer, die or pass its deadline."""
        busy = [w for w in self._workers if w.owner is not None]
        if not busy:
            return
        wait_s = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = multiprocessing.connection.wait(handles, timeout=wait_s)
        now = time.monotonic()
        for worker in busy:
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except Exception:  # EOF, a torn pickle: the worker died mid-send
                    self._fail(worker, CRASHED)
                    continue
                self._finished.append(_Finished(worker.owner, worker.label, _result(message)))
                worker.owner = None
            elif worker.process.sentinel in ready:
                self._fail(worker, CRASHED)
            elif now >= worker.deadline:
                self._fail(worker, TIMED_OUT)

    def _fail(self, worker: _Worker, reason: str) -> None:
        self._finished.append(_Finished(worker.owner, worker.label, Rejected(reason)))
        self._retire(worker)

    def _idle_worker(self) -> _Worker | None:
        for worker in list(self._workers):
            if worker.owner is None:
                if worker.process.is_alive():
                    return worker
                self._retire(worker)
        self._fill()
        return next((w for w in self._workers if w.owner is None), None)

    def _fill(self) -> None:
        while self._open and len(self._workers) < self._settings.workers:
            self._workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self._settings), name="vigil-parser", daemon=True
        )
        with child_environment():  # no VIGIL_PASSPHRASE or other secret in a worker
            process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(START_TIMEOUT_S) or _receive(parent) != _READY:
            self._stop(worker)
            raise RuntimeError(
                "a parser worker did not start: check worker_memory_mb and languages"
            )
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker that misbehaved or holds an abandoned job; it is replaced later."""
        if worker in self._workers:
            self._workers.remove(worker)
        self._stop(worker)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(STOP_TIMEOUT_S)
        worker.conn.close()
        worker.owner = None


def _receive(conn: Connection) -> object:
    try:
        return conn.recv()
    except (EOFError, OSError):
        return None


def _result(message: object) -> ParsedDocument | OcrResult | IngestError:
    if isinstance(message, ParsedDocument | OcrResult):
        return message
    if isinstance(message, Failure):
        return message.to_error()
    return Rejected(CRASHED)


__all__ = [
    "CRASHED",
    "START_TIMEOUT_S",
    "STOP_TIMEOUT_S",
    "TIMED_OUT",
    "Failure",
    "ParserPool",
    "Task",
    "limit_resources",
]

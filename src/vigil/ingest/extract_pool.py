"""The extraction sandbox: stage 2 in worker processes with memory and time limits.

Extraction meets hostile text as parsing does, so it runs the same way: in
long-lived processes (forkserver, `extract_workers` of them) that limit their
own address space to `worker_memory_mb` MiB, disable core dumps, load the
spaCy models once and extract one batch at a time (`extract_batch`).

1. A batch has `extract_timeout_s` per document.
2. A batch over its time, or whose worker dies, costs that worker (killed and
   replaced); its documents run again one at a time, each with
   `extract_timeout_s`.
3. A document over its own limit, or that kills its worker again, gets an
   `Extraction` holding only the error (component `pipeline`, `TimeLimit` or
   `WorkerDied`): it is saved like any result and the batch goes on.

    with ExtractorPool(settings) as pool:
        for extraction in pool.extract([...]):  # in input order
            ...
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from vigil.extract import ExtractInput, Extraction, extract_many
from vigil.extract.types import ComponentError
from vigil.hardening import child_environment
from vigil.ingest.worker import START_TIMEOUT_S, STOP_TIMEOUT_S, limit_resources
from vigil.settings import Settings

TIME_LIMIT = "TimeLimit"
WORKER_DIED = "WorkerDied"
_READY = "ready"
_MEMORY_EXIT = 70
_PRELOAD = ["vigil.ingest.extract_pool"]
_WARM_UP = ExtractInput(text="Dear Minister, we write about a colleague.", language="en")


def _serve(conn: Connection, settings: Settings) -> None:
    """A worker's life: limit itself, load the models, then extract batches until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    limit_resources(settings.worker_memory_mb)
    list(extract_many([_WARM_UP], settings))
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if not isinstance(job, list):
            return
        try:
            result = list(extract_many(job, settings, batch_size=max(1, len(job))))
        except MemoryError:
            os._exit(_MEMORY_EXIT)  # the heap may be in pieces: leave, be replaced
        del job
        try:
            conn.send(result)
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        except (BrokenPipeError, OSError):
            return


def failed(error_type: str) -> Extraction:
    """The result of a document extraction gave up on: only the error, recorded."""
    return Extraction(errors=[ComponentError(component="pipeline", error_type=error_type)])


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


@dataclass
class _InFlight:
    docs: list[ExtractInput]
    worker: _Worker
    deadline: float


class ExtractorPool:
    """`extract_workers` sandboxed extraction processes, started on enter, stopped on exit."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._context: Any = multiprocessing.get_context("forkserver")
        self._idle: list[_Worker] = []

    def __enter__(self) -> ExtractorPool:
        self._context.set_forkserver_preload(_PRELOAD)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start `extract_workers` processes now (they load the models), not on first use."""
        while len(self._idle) < max(1, self._settings.extract_workers):
            self._idle.append(self._spawn())

    def close(self) -> None:
        workers, self._idle = self._idle, []
        for worker in workers:
            with contextlib.suppress(BrokenPipeError, OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._stop(worker)

    def extract(self, batches: Iterable[list[ExtractInput]]) -> Iterator[list[Extraction]]:
        """Each batch's extractions, in input order, batches spread over the workers."""
        workers = max(1, self._settings.extract_workers)
        in_flight: deque[_InFlight] = deque()
        for docs in batches:
            if len(in_flight) >= workers:
                yield self._finish(in_flight.popleft())
            in_flight.append(self._dispatch(docs))
        while in_flight:
            yield self._finish(in_flight.popleft())

    def _dispatch(self, docs: list[ExtractInput]) -> _InFlight:
        worker = self._idle.pop() if self._idle else self._spawn()
        deadline = time.monotonic() + self._settings.extract_timeout_s * max(1, len(docs))
        try:
            worker.conn.send(docs)
        except (BrokenPipeError, EOFError, OSError):
            deadline = 0.0  # a dead worker: `_finish` finds no answer and retries
        return _InFlight(docs, worker, deadline)

    def _finish(self, job: _InFlight) -> list[Extraction]:
        result = self._answer(job)
        if result is not None:
            return result
        if len(job.docs) == 1:
            return [failed(self._why(job))]
        extractions = []
        for doc in job.docs:  # find the document at fault; the others still count
            one = _InFlight([doc], self._spawn(), 0.0)
            one.deadline = self._resend(one)
            answer = self._answer(one)
            extractions.append(answer[0] if answer else failed(self._why(one)))
        return extractions

    def _resend(self, job: _InFlight) -> float:
        try:
            job.worker.conn.send(job.docs)
        except (BrokenPipeError, EOFError, OSError):
            return 0.0
        return time.monotonic() + self._settings.extract_timeout_s

    def _answer(self, job: _InFlight) -> list[Extraction] | None:
        """The worker's answer by its deadline; None (and the worker stopped) otherwise."""
        wait_s = max(0.0, job.deadline - time.monotonic())
        try:
            ready = job.worker.conn.poll(wait_s)
            message = job.worker.conn.recv() if ready else None
        except Exception:  # EOF, a torn pickle: the worker died mid-send
            message = None
        if isinstance(message, list) and len(message) == len(job.docs):
            self._idle.append(job.worker)
            return message
        self._stop(job.worker)
        return None

    @staticmethod
    def _why(job: _InFlight) -> str:
        """After `_answer` gave up: killed by us means too slow; any other end, it died."""
        return TIME_LIMIT if job.worker.process.exitcode == -signal.SIGKILL else WORKER_DIED

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self._settings), name="vigil-extractor", daemon=True
        )
        with child_environment():  # no VIGIL_PASSPHRASE or other secret in a worker
            process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            ready = parent.poll(START_TIMEOUT_S) and parent.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop(worker)
            raise RuntimeError(
                "an extraction worker did not start: check worker_memory_mb and the spaCy models"
            )
        return worker

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(STOP_TIMEOUT_S)
        worker.conn.close()


__all__ = ["TIME_LIMIT", "WORKER_DIED", "ExtractorPool", "failed"]

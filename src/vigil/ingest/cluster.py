"""Cluster mode: parsing, OCR and extraction on a Dask distributed cluster.

The store stays with the client: workers never see the database, its URL or the
passphrase. The client reads, hashes and de-duplicates as in local mode, sends the
new bytes out, and writes each answer in its own transaction as it arrives.

1. `ClusterPool(settings)` connects a `distributed.Client` to `settings.cluster`
   (`tcp://HOST:8786`, or `tls://...` with Dask's own TLS settings) and registers
   `VigilWorkerPlugin` once; the scheduler gives it to every worker, including
   workers that join or restart later.
2. The plugin starts, once per worker, the same sandboxes local mode uses: a
   `ParserPool` (parsing and OCR) and an `ExtractorPool` (spaCy models loaded
   once) per worker thread, each with its memory and time limits. A hostile file
   meets the parsers in a sandbox process, never in the Dask worker itself, and
   its rejection reason is the one local mode gives.
3. `ClusterPool` is a `ParserPool` to the ingest pipeline (`parse_named`, `parse`,
   `ocr_many`, `ocr`) and an extractor to stage 2 (`extract`, batches in input
   order), so `Ingester` and `extract_stored` run unchanged.
4. A Dask worker that dies mid-task (killed, machine lost) costs a retry: the
   scheduler runs the task again elsewhere. The client writes once per answer and
   knows every stored SHA-256, so a retry never duplicates a document; a task that
   kills its workers repeatedly ends as `KilledWorker` and is rejected as a crash.

Worker processes start sandboxes of their own, so Dask must not start them as
daemons: `DASK_DISTRIBUTED__WORKER__DAEMON=False` (or `--no-nanny`); and they must
not spill results (document texts) to disk: `--memory-limit 0`. The plugin refuses
to start otherwise, saying so.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

import dask
from distributed import (
    Client,
    Future,
    LocalCluster,
    WorkerPlugin,
    as_completed,
    get_worker,
    wait,
)
from distributed.scheduler import KilledWorker
from distributed.spill import SpillBuffer

from vigil.errors import ConfigError, IngestError, Rejected, Unsupported
from vigil.extract import ExtractInput, Extraction
from vigil.hardening import harden_process
from vigil.ingest.extract_pool import WORKER_DIED, ExtractorPool, failed
from vigil.ingest.formats import is_maildir_message
from vigil.ingest.worker import CRASHED, Failure, ParserPool, Task
from vigil.model import OcrResult, ParsedDocument
from vigil.settings import Settings

log = logging.getLogger(__name__)

PLUGIN_PREFIX = "vigil"
TASKS_PER_THREAD = 4
"""Tasks kept in flight per worker thread, so workers never wait for the client."""
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@contextmanager
def local_cluster(workers: int) -> Iterator[Client]:
    """A `LocalCluster` of `workers` processes, one thread each, and a client on it
    (tests and `bench/cluster.py`); its workers are not daemons, as Vigil's must not be."""
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def worker_name(name: str) -> str:
    """What a worker is told of a file's path: what the parsers read of it (the file
    name, and a Maildir's `cur`/`new` folder), never the folders above, whose names
    may be people's."""
    parts = PurePath(name.replace("\\", "/")).parts
    return str(PurePath(*parts[-2 if is_maildir_message(name) else -1 :]))


def worker_settings(settings: Settings) -> Settings:
    """What a worker is told: no database address, passphrase file or data folder."""
    return settings.with_(
        database_url=None, passphrase_file=None, home=Path("vigil-data"), cluster=None
    )


class _Sandboxes:
    """One worker thread's sandboxes: a parser process and an extraction process."""

    def __init__(self, settings: Settings) -> None:
        self.parsers = ParserPool(settings.with_(workers=1))
        self.parsers.start()
        self.extractors = ExtractorPool(settings.with_(extract_workers=1)).__enter__()
        self.extractors.start()  # the models load now, once, not in the first batch

    def close(self) -> None:
        self.parsers.close()
        self.extractors.close()


def plugin_name(settings: Settings) -> str:
    """`vigil-<digest of the workers' settings>`: clients with the same settings share
    the workers' sandboxes; a client with other settings gets sandboxes of its own
    beside them, and never restarts those another client's tasks are using."""
    digest = hashlib.sha256(repr(worker_settings(settings)).encode()).hexdigest()[:16]
    return f"{PLUGIN_PREFIX}-{digest}"


class VigilWorkerPlugin(WorkerPlugin):
    """Starts a worker's sandboxes once; tasks borrow one per thread."""

    idempotent = True
    """Registered again (each `vigil` command does), it is kept, not restarted."""

    def __init__(self, settings: Settings) -> None:
        self.settings = worker_settings(settings)
        self.name = plugin_name(settings)
        self._free: queue.SimpleQueue[_Sandboxes] = queue.SimpleQueue()
        self._all: list[_Sandboxes] = []

    def setup(self, worker: Any) -> None:
        if multiprocessing.current_process().daemon:
            raise ConfigError(
                "Vigil's Dask workers start sandbox processes: start them with"
                " DASK_DISTRIBUTED__WORKER__DAEMON=False (or `dask worker --no-nanny`)"
            )
        harden_process()  # no core dump of a worker holding documents
        if isinstance(worker.data, SpillBuffer):
            raise ConfigError(
                "this Dask worker may spill documents to its disk: start it with"
                " --memory-limit 0 (Vigil's sandboxes limit their own memory)"
            )
        for _ in range(max(1, int(worker.state.nthreads))):
            sandboxes = _Sandboxes(self.settings)
            self._all.append(sandboxes)
            self._free.put(sandboxes)
        log.info("vigil worker plugin: %d sandbox pairs ready", len(self._all))

    def teardown(self, worker: Any) -> None:
        for sandboxes in self._all:
            sandboxes.close()
        self._all = []

    def parse(self, name: str, data: bytes, task: Task) -> ParsedDocument | OcrResult | Failure:
        sandboxes = self._free.get()
        try:
            if task is Task.OCR:
                _, ocr_result = next(iter(sandboxes.parsers.ocr_many([("", name, data)])))
                result: ParsedDocument | OcrResult | IngestError = ocr_result
            else:
                _, result = next(iter(sandboxes.parsers.parse_named([("", name, data)])))
        finally:
            self._free.put(sandboxes)
        if isinstance(result, IngestError):
            return Failure(isinstance(result, Unsupported), result.reason)
        return result

    def extract(self, docs: list[ExtractInput]) -> list[Extraction]:
        sandboxes = self._free.get()
        try:
            return next(iter(sandboxes.extractors.extract([docs])))
        finally:
            self._free.put(sandboxes)

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"])  # type: ignore[misc]  # rebuilds the queue


def _plugin(name: str) -> VigilWorkerPlugin:
    plugin = get_worker().plugins[name]
    assert isinstance(plugin, VigilWorkerPlugin)
    return plugin


def has_plugin(name: str, dask_worker: Any) -> bool:
    """Runs on a worker (`Client.run`): whether Vigil's plugin of that name started there."""
    return name in dask_worker.plugins


def parse_task(
    plugin: str, name: str, data: bytes, task: str
) -> ParsedDocument | OcrResult | Failure:
    """Runs on a worker: parse (or OCR) one file in the worker's sandbox.

    Never raises: Dask logs a failed task with its arguments, which hold the file."""
    try:
        return _plugin(plugin).parse(name, data, Task(task))
    except Exception as exc:
        return Failure(False, f"cluster worker failed ({type(exc).__name__})")


def extract_task(plugin: str, docs: list[ExtractInput]) -> list[Extraction]:
    """Runs on a worker: extract one batch in the worker's extraction sandbox (never
    raises, for the reason `parse_task` does not)."""
    try:
        return _plugin(plugin).extract(docs)
    except Exception:
        return [failed(WORKER_DIED)] * len(docs)


class ClusterPool(ParserPool):
    """The parser pool and extractor of cluster mode: work goes to `settings.cluster`.

    Used as local mode's pools are: `with ClusterPool(settings) as pool: ...`; or
    given an open `client` (tests, `bench/cluster.py`), which it does not close.
    """

    def __init__(self, settings: Settings, client: Client | None = None) -> None:
        super().__init__(settings)
        self._given = client
        self._client: Client | None = client
        self._threads = 1
        self._plugin = ""

    @property
    def client(self) -> Client:
        if self._client is None:
            raise RuntimeError("use ClusterPool as a context manager")
        return self._client

    def __enter__(self) -> ClusterPool:
        self.start()
        return self

    def start(self) -> None:
        if self._client is None:
            address = self._settings.cluster
            if not address:
                raise ConfigError("no cluster: pass --cluster tcp://HOST:8786 or set VIGIL_CLUSTER")
            if address.startswith("tcp://") and urlsplit(address).hostname not in _LOOPBACK:
                log.warning(
                    "cluster traffic to %s is not encrypted: documents cross the network in"
                    " clear; use tls:// on any network you do not fully trust",
                    address,
                )
            try:
                self._client = Client(address, timeout="30s")
            except OSError as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {address}: is `dask scheduler` running?"
                ) from exc
        client = self.client
        plugin = VigilWorkerPlugin(self._settings)
        client.register_plugin(plugin, name=plugin.name)
        self._plugin = plugin.name
        missing = [w for w, ok in client.run(has_plugin, plugin.name).items() if not ok]
        if missing:  # an earlier registration failed there; the scheduler keeps it anyway
            raise ConfigError(
                f"Vigil's plugin is not running on {len(missing)} Dask worker(s): see their"
                " logs, fix them (DASK_DISTRIBUTED__WORKER__DAEMON=False, --memory-limit 0)"
                " and restart them"
            )
        self._threads = max(1, sum(client.nthreads().values()))
        self._open = True
        log.info("cluster: %d worker threads; dashboard %s", self._threads, client.dashboard_link)

    def close(self) -> None:
        self._open = False
        if self._client is not None and self._given is None:
            self._client.close()
            self._client = None

    @property
    def dashboard_link(self) -> str:
        return str(self.client.dashboard_link)

    def _window(self) -> int:
        return TASKS_PER_THREAD * max(1, sum(self.client.nthreads().values()) or self._threads)

    def _run_many(
        self, items: Iterable[tuple[str, str, bytes, Task]]
    ) -> Iterator[tuple[str, ParsedDocument | OcrResult | IngestError]]:
        if not self._open:
            raise RuntimeError("use ClusterPool as a context manager")
        pending = iter(items)
        labels: dict[object, str] = {}
        running = as_completed()

        def submit_next() -> bool:
            item = next(pending, None)
            if item is None:
                return False
            label, name, data, task = item
            future = self.client.submit(
                parse_task,
                self._plugin,
                worker_name(name),
                data,
                task.value,
                key=f"vigil-{task.value}-{uuid.uuid4().hex}",
            )
            labels[future.key] = label
            running.add(future)
            return True

        for _ in range(self._window()):
            if not submit_next():
                break
        try:
            for future in running:
                label = labels.pop(future.key)
                yield label, _answer(future)
                future.release()
                submit_next()
        finally:  # a caller that stops early leaves no task running for nobody
            running.clear()

    def extract(self, batches: Iterable[list[ExtractInput]]) -> Iterator[list[Extraction]]:
        """Each batch's extractions, in input order, batches spread over the workers."""
        in_flight: deque[tuple[int, Future[list[Extraction]]]] = deque()
        for docs in batches:
            if len(in_flight) >= self._window():
                yield _extractions(*in_flight.popleft())
            future = self.client.submit(
                extract_task, self._plugin, docs, key=f"vigil-extract-{uuid.uuid4().hex}"
            )
            in_flight.append((len(docs), future))
        while in_flight:
            yield _extractions(*in_flight.popleft())


def _answer(future: Future[Any]) -> ParsedDocument | OcrResult | IngestError:
    if future.status not in ("finished", "error", "cancelled"):
        # a result already computed can go with a worker that dies before it is read:
        # the scheduler computes it again elsewhere, and the answer is that one
        wait(future)
    if future.status == "error":
        error = future.exception()
        if isinstance(error, KilledWorker):
            return Rejected(CRASHED)
        return Rejected(f"parser failed ({type(error).__name__})")
    if future.status != "finished":  # cancelled: the scheduler restarted or lost it
        return Rejected(f"the cluster lost the task ({future.status}); ingest again")
    result = future.result()
    if isinstance(result, Failure):
        return result.to_error()
    if isinstance(result, ParsedDocument | OcrResult):
        return result
    return Rejected(CRASHED)


def _extractions(count: int, future: Future[list[Extraction]]) -> list[Extraction]:
    try:
        result = future.result()
    except Exception as exc:  # KilledWorker, or a worker lost: the batch is recorded, not lost
        log.warning("cluster: an extraction batch of %d failed (%s)", count, type(exc).__name__)
        result = [failed(WORKER_DIED)] * count
    finally:
        future.release()
    if len(result) != count:
        return [failed(WORKER_DIED)] * count
    return result


__all__ = [
    "PLUGIN_PREFIX",
    "ClusterPool",
    "VigilWorkerPlugin",
    "extract_task",
    "has_plugin",
    "local_cluster",
    "parse_task",
    "plugin_name",
    "worker_settings",
]

"""Cluster mode: the same folder through a 2-worker Dask `LocalCluster` as through local mode.

One `LocalCluster` (two worker processes, one thread each) serves the module; each
worker starts its sandboxes once (`VigilWorkerPlugin`). The local store is SQLite,
the cluster's store PostgreSQL, as an organisation runs it.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from distributed import Client
from distributed.spill import SpillBuffer

from vigil.errors import ConfigError
from vigil.extract import ExtractInput
from vigil.ingest.cluster import (
    ClusterPool,
    VigilWorkerPlugin,
    extract_task,
    local_cluster,
    parse_task,
    worker_name,
    worker_settings,
)
from vigil.ingest.extract_pool import WORKER_DIED
from vigil.ingest.extraction import extract_stored
from vigil.ingest.pipeline import IngestResult, Outcome, ingest
from vigil.ingest.recognition import ocr_available
from vigil.ingest.worker import Failure
from vigil.settings import Settings
from vigil.store import Store, init_store
from vigil.store.suggestions import get_extraction

from ..cli.helpers import vigil
from ..conftest import PASSPHRASE, require
from .samples import docx_file, eml, pdf
from .scans import page, png
from .test_extraction import LETTER


def synthetic_folder(root: Path, letters: int = 4, scan: bool = False) -> Path:
    """Letters in several formats, a message with an attachment, a copy, a poisoned file,
    and a scan for OCR when asked."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(letters):
        (root / f"letter-{i}.txt").write_text(LETTER.replace("Omar", f"Omar{i}"))
    (root / "copy-of-letter-0.txt").write_bytes((root / "letter-0.txt").read_bytes())
    (root / "page.html").write_text(
        "<html><head><title>Appeal</title></head><body><nav>Home | About</nav>"
        f"<article><p>{LETTER.replace(chr(10) + chr(10), '</p><p>')}</p></article>"
        "<footer>Contact us</footer></body></html>"
    )
    (root / "appeal.pdf").write_bytes(pdf([LETTER.replace("Omar", "Karim").splitlines()]))
    (root / "note.docx").write_bytes(docx_file(LETTER.replace("Omar", "Samir").split("\n\n")))
    (root / "message.eml").write_bytes(
        eml(attachments=[("appeal.txt", LETTER.replace("Omar", "Yusuf").encode(), "text/plain")])
    )
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 64)
    if scan:
        (root / "scan.png").write_bytes(png(page(["Dear Minister,", "We ask for his release."])))
    return root


def snapshot(store: Store) -> dict[str, Any]:
    """What both modes must agree on: documents by hash, extractions, rejections."""
    documents = {}
    by_id = {doc.id: doc.sha256 for doc in store.iter_documents()}
    for doc in store.iter_documents():
        record = get_extraction(store, doc.id)
        documents[doc.sha256] = {
            "format": doc.format,
            "state": doc.state.value,
            "title": doc.title,
            "language": doc.language,
            "kind": doc.kind,
            "text": doc.text,
            "full_text": doc.full_text,
            "parent": by_id.get(doc.parent_id) if doc.parent_id else None,
            "sources": sorted(Path(s.locator).name for s in doc.sources),
            # ids follow the order answers arrive in, which parallel parsing does not fix
            "contract": {k: v for k, v in record.contract.items() if k != "id"} if record else None,
            "suggestions": sorted(
                (s.field, repr(s.value), s.rule, [(p.start, p.end) for p in s.spans])
                for s in record.suggestions
            )
            if record
            else None,
        }
    rejections = sorted((Path(r.locator).name, r.reason) for r in store.rejections())
    return {"documents": documents, "rejections": rejections}


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with local_cluster(2) as client:
        yield client


def _settings(settings: Settings) -> Settings:
    return settings.with_(workers=2, extract_timeout_s=60)


@pytest.mark.slow
def test_cluster_ingest_matches_local_mode(
    client: Client, settings: Settings, server_settings: Settings, tmp_path: Path
) -> None:
    folder = synthetic_folder(tmp_path / "in", scan=True)
    local = init_store(settings, PASSPHRASE).store
    with local:
        ingest(local, _settings(settings), [folder])
        extract_stored(local, _settings(settings), "pending")
        expected = snapshot(local)
    remote = init_store(server_settings, PASSPHRASE).store
    with remote, ClusterPool(_settings(server_settings), client) as pool:
        report = ingest(remote, _settings(server_settings), [folder], pool=pool)
        extract_stored(remote, _settings(server_settings), "pending", extractor=pool)
        got = snapshot(remote)
    assert len(expected["documents"]) == 10  # 9 files (one a copy) and an attachment
    if ocr_available(settings):  # then OCR ran on the workers, and read the same
        scans = [d for d in expected["documents"].values() if d["format"] == "image"]
        assert [d["state"] for d in scans] == ["extracted"] and "Minister" in scans[0]["text"]
    assert [name for name, _ in expected["rejections"]] == ["broken.pdf"]
    assert all(d["contract"] is not None for d in expected["documents"].values())
    assert report.count(Outcome.DUPLICATE) == 1 and len(report.rejected) == 1
    for sha, doc in expected["documents"].items():
        other = got["documents"].get(sha)
        assert other is not None, f"missing {sha}"
        for key in doc:
            assert other[key] == doc[key], (sha, key)
    assert got == expected


@pytest.mark.slow
def test_worker_killed_mid_batch_costs_a_retry_not_a_document(
    client: Client, settings: Settings, tmp_path: Path
) -> None:
    folder = synthetic_folder(tmp_path / "in", letters=16)
    pids = client.run(os.getpid)
    killed: list[tuple[int, int]] = []

    def kill_a_busy_worker(result: IngestResult) -> None:
        if killed:
            return
        busy = {addr: len(keys) for addr, keys in client.processing().items() if keys}
        if busy:  # a worker holding a task of this batch: killed mid-task
            address = max(busy, key=busy.__getitem__)
            os.kill(pids[address], signal.SIGKILL)
            killed.append((pids[address], busy[address]))

    store = init_store(settings, PASSPHRASE).store
    with store, ClusterPool(_settings(settings), client) as pool:
        report = ingest(store, _settings(settings), [folder], kill_a_busy_worker, pool=pool)
        extract_stored(store, _settings(settings), "pending", extractor=pool)
        docs = list(store.iter_documents())
        extracted = [get_extraction(store, d.id) for d in docs]
    assert len(killed) == 1 and killed[0][1] >= 1  # a worker died holding work
    assert killed[0][0] not in client.run(os.getpid).values()  # its nanny started a new one
    hashes = [d.sha256 for d in docs]
    assert len(hashes) == len(set(hashes)) == 16 + 4 + 1  # letters, 4 others, attachment
    assert [r.locator.rsplit("/", 1)[-1] for r in report.rejected] == ["broken.pdf"]
    assert all(e is not None and not e.errors for e in extracted)


@pytest.mark.slow
def test_vigil_ingest_ocr_and_extract_with_cluster_option(
    client: Client, cli_env: dict[str, str], tmp_path: Path
) -> None:
    require(ocr_available(Settings()), "Tesseract (scripts/install-ocr.sh)")
    folder = synthetic_folder(tmp_path / "in", letters=2, scan=True)
    assert vigil(cli_env, "init").code == 0
    address = client.scheduler.address
    run = vigil(
        cli_env, "ingest", "--json", "--no-build", "--no-ocr", "--cluster", address, folder
    )
    assert run.code == 3, run.err  # broken.pdf rejected, the rest stored
    report = json.loads(run.out)
    outcomes = sorted(r["outcome"] for r in report["results"])
    assert outcomes.count("stored") == 7 and outcomes.count("rejected") == 1
    assert outcomes.count("needs_ocr") == 1
    assert len(report["extracted"]) == 7
    assert f"cluster {address}: dashboard" in run.err
    read = vigil(cli_env, "ocr", "--pending", "--json", "--cluster", address)
    assert read.code == 0, read.err
    assert [r["reason"] for r in json.loads(read.out)["results"]] == [None]
    assert json.loads(read.out)["extracted"] == 1
    again = vigil({**cli_env, "VIGIL_CLUSTER": address}, "extract", "--all", "--json")
    assert again.code == 0, again.err
    assert len(json.loads(again.out)) == 8


def sandbox_pids() -> list[int]:
    """Runs on a worker: the processes it started (forkservers, sandboxes)."""
    import psutil

    return sorted(p.pid for p in psutil.Process().children(recursive=True))


@pytest.mark.slow
def test_a_second_client_shares_the_sandboxes_and_other_settings_get_their_own(
    client: Client, settings: Settings
) -> None:
    with ClusterPool(_settings(settings), client):
        before = client.run(sandbox_pids)
    with ClusterPool(_settings(settings), client):  # a second `vigil` command
        assert client.run(sandbox_pids) == before
    with ClusterPool(_settings(settings).with_(worker_timeout_s=5), client):
        after = client.run(sandbox_pids)
    for worker, pids in before.items():
        assert set(pids) < set(after[worker])  # kept, and new ones beside them


def test_worker_settings_carry_no_store_address_or_passphrase(settings: Settings) -> None:
    told = worker_settings(
        settings.with_(
            database_url="postgresql+psycopg://u:secret@db/vigil",
            passphrase_file=Path("/etc/vigil/pass"),
            cluster="tcp://10.0.0.1:8786",
        )
    )
    assert told.database_url is None and told.passphrase_file is None
    assert told.cluster is None and told.home == Path("vigil-data")


def test_no_cluster_address_is_a_config_error(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="VIGIL_CLUSTER"), ClusterPool(settings):
        pass


def test_a_worker_that_may_spill_to_disk_is_refused(settings: Settings, tmp_path: Path) -> None:
    worker = SimpleNamespace(data=SpillBuffer(str(tmp_path), target=1000), state=None)
    with pytest.raises(ConfigError, match="--memory-limit 0"):
        VigilWorkerPlugin(settings).setup(worker)


def test_a_task_that_fails_on_a_worker_answers_instead_of_raising() -> None:
    # Dask logs a raising task with its arguments (the file); here no worker holds the plugin
    answer = parse_task("vigil-none", "letter.txt", b"Dear Minister", "parse")
    assert answer == Failure(False, "cluster worker failed (ValueError)")
    batch = extract_task("vigil-none", [ExtractInput(text="Dear Minister")])
    assert [e.errors[0].error_type for e in batch] == [WORKER_DIED]


def test_workers_are_told_a_file_name_not_its_folders() -> None:
    assert worker_name("/home/ngo/cases/Doe family/letter.PDF") == "letter.PDF"
    assert worker_name("/srv/Maildir/cur/1700000000.M1:2,S") == "cur/1700000000.M1:2,S"
    assert worker_name("upload:appeal.docx") == "upload:appeal.docx"
    assert worker_name("pdf") == "pdf"  # OCR tasks name the stored format

"""Stage 2: extraction of stored documents, saved with provenance, resumable."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from vigil.extract import PIPELINE_VERSION
from vigil.ingest.extraction import extract_stored
from vigil.ingest.pipeline import ingest
from vigil.model import DocumentState
from vigil.settings import Settings
from vigil.store import Store, open_store
from vigil.store.suggestions import documents_to_extract, get_extraction

from ..cli.helpers import VIGIL, vigil
from ..conftest import PASSPHRASE

LETTER = """12 May 2024

Ms. Ana Lindqvist
Minister of the Interior
Stockholm, Sweden

Dear Minister,

We write about Mr. Omar Benali, who was arrested by the police in Malmo on
2 April 2024 and is held without charge. We urge you to release him and to
grant him access to a lawyer.

Yours sincerely,

Clara Jensen
Director, Nordic Detention Watch
"""


def letters(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"letter-{i:03d}.txt").write_text(LETTER.replace("Omar", f"Omar{i}"))
    return folder


def test_extract_stored_saves_suggestions_with_provenance(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ingest(store, settings, [letters(tmp_path / "in", 2)])
    results = extract_stored(store, settings, "pending")
    assert [r.document_id for r in results] == [1, 2]
    doc = store.get(1)
    assert doc.state is DocumentState.EXTRACTED
    assert doc.kind == "letter"
    record = get_extraction(store, 1)
    assert record is not None and record.pipeline_version == PIPELINE_VERSION
    assert record.contract["date"] == "2024-05-12"
    fields = {s.field for s in record.suggestions}
    assert {"date", "senders", "addressees", "demands"} <= fields
    for s in record.suggestions:
        assert s.review_state == "suggested"
        assert s.component and s.rule and 0.0 <= s.confidence <= 1.0
        for span in s.spans:
            assert 0 <= span.start <= span.end <= len(doc.text)
    assert documents_to_extract(store, "pending", PIPELINE_VERSION) == []


def test_reextraction_redoes_outdated_and_keeps_reviewed(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ingest(store, settings, [letters(tmp_path / "in", 2)])
    extract_stored(store, settings, "pending")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE extractions SET pipeline_version = 'old' WHERE document_id = 2"))
        conn.execute(
            text(
                "UPDATE suggestions SET review_state = 'accepted' WHERE document_id = 2 "
                "AND field = 'date'"
            )
        )
    assert documents_to_extract(store, "outdated", PIPELINE_VERSION) == [2]
    before = get_extraction(store, 2)
    assert before is not None
    extract_stored(store, settings, "outdated")
    after = get_extraction(store, 2)
    assert after is not None and after.pipeline_version == PIPELINE_VERSION
    accepted = [s for s in after.suggestions if s.review_state == "accepted"]
    assert [s.field for s in accepted] == ["date"]
    assert len(after.suggestions) == len(before.suggestions) + 1  # the accepted one stays


def test_deleting_a_document_removes_its_suggestions(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ingest(store, settings, [letters(tmp_path / "in", 1)])
    extract_stored(store, settings, "pending")
    store.delete_document(1)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM suggestions")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM extractions")).scalar() == 0


@pytest.mark.slow
def test_kill_9_during_extraction_leaves_each_document_stored_or_extracted(
    cli_env: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    n = 150
    assert vigil(cli_env, "init").code == 0
    assert vigil(cli_env, "ingest", "--no-extract", letters(tmp_path / "in", n)).code == 0
    proc = subprocess.Popen(
        [*VIGIL, "extract", "--pending"],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while True:
        with open_store(settings, PASSPHRASE) as store:
            if store.counts().get("extracted", 0) >= 1:
                break
        assert proc.poll() is None, "extraction ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(settings, PASSPHRASE) as store:
        counts = store.counts()
        assert 1 <= counts.get("extracted", 0) < n
        assert counts.get("extracted", 0) + counts.get("stored", 0) == n
        with store.engine.connect() as conn:
            torn = conn.execute(
                text(
                    "SELECT count(*) FROM documents d WHERE "
                    "(d.state = 'extracted') != EXISTS "
                    "(SELECT 1 FROM extractions e WHERE e.document_id = d.id) "
                    "OR (d.state = 'stored' AND EXISTS "
                    "(SELECT 1 FROM suggestions s WHERE s.document_id = d.id))"
                )
            ).scalar()
        assert torn == 0
    assert vigil(cli_env, "extract", "--pending").code == 0
    with open_store(settings, PASSPHRASE) as store:
        assert store.counts().get("extracted", 0) == n


@pytest.mark.slow
def test_two_extraction_workers_give_the_same_results(settings: Settings, tmp_path: Path) -> None:
    from vigil.store import init_store

    from ..conftest import PASSPHRASE as SECRET

    folder = letters(tmp_path / "in", 6)
    records = []
    for workers in (1, 2):
        s = settings.with_(home=tmp_path / f"home-{workers}", extract_workers=workers)
        with init_store(s, SECRET).store as store:
            ingest(store, s, [folder])
            done = extract_stored(store, s, "pending")
            assert [r.document_id for r in done] == [1, 2, 3, 4, 5, 6]  # order kept
            records.append(
                [
                    (r.contract, [(x.field, x.value, x.spans) for x in r.suggestions])
                    for r in (get_extraction(store, i) for i in range(1, 7))
                    if r
                ]
            )
    assert records[0] == records[1] and len(records[0]) == 6


FRENCH = """Paris, le 3 mars 2024

Monsieur le Ministre,

M. Karim Dellal a été arrêté par la police à Lyon le 2 mars 2024. Nous vous
demandons sa libération immédiate.

Veuillez agréer, Monsieur le Ministre, nos salutations distinguées.

Jeanne Morel
"""


def test_stage_two_in_batches_gives_what_extract_gives_one_at_a_time(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    from vigil.extract import extract
    from vigil.ingest.extraction import extraction_input, to_record

    folder = letters(tmp_path / "in", 3)
    (folder / "lettre.txt").write_text(FRENCH)
    (folder / "note.txt").write_text("Call me.\n")
    ingest(store, settings, [folder])
    done = extract_stored(store, settings, "pending", gazetteer=(), batch_size=2)
    assert [r.document_id for r in done] == [1, 2, 3, 4, 5]  # order kept across batches
    for doc_id in range(1, 6):
        saved = get_extraction(store, doc_id)
        alone = to_record(extract(extraction_input(store.get(doc_id)), settings), doc_id)
        assert saved is not None
        assert saved.contract == alone.contract
        assert [(s.field, s.value, s.spans, s.rule) for s in saved.suggestions] == [
            (s.field, s.value, s.spans, s.rule) for s in alone.suggestions
        ]

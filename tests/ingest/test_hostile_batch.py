"""A folder of hostile and good files is one batch that completes: every good file stored,
every hostile one rejected or stored with a reason (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ingest import hostile
from vigil.ingest import pipeline
from vigil.ingest.extraction import extract_stored
from vigil.ingest.pipeline import Ingester, Outcome, _Input, ingest
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.suggestions import get_extraction


def _name(locator: str) -> str:
    return locator.rsplit("/", 1)[-1]


def test_hostile_folder_is_one_batch_with_an_outcome_for_every_file(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    laid = hostile.write_folder(tmp_path)
    report = ingest(store, settings, [laid.folder])
    outcomes = {_name(r.locator): r for r in report.results if "#attachment" not in r.locator}
    assert set(outcomes) == laid.good | laid.hostile
    for name in laid.good:
        assert outcomes[name].outcome is Outcome.STORED, (name, outcomes[name].reason)
    for name in laid.hostile:
        result = outcomes[name]
        assert result.outcome in (Outcome.STORED, Outcome.REJECTED, Outcome.NEEDS_OCR), name
        if result.outcome is Outcome.REJECTED:
            assert result.reason, name
    flagged = ("surrogate.pdf", "utf7.eml", "unicode-escape.eml", "rot13.eml", "nul.eml")
    for name in flagged:
        doc = store.get(outcomes[name].document_id or 0)
        assert doc.metadata.get("warnings"), name
    assert outcomes["pipe.txt"].reason == "not a regular file: a named pipe"
    assert outcomes["link-out.txt"].reason == "symlink leading outside the folders named"
    assert outcomes["renamed-part.docx"].reason == "xml entities not allowed"
    assert outcomes["empty.pdf"].outcome is Outcome.REJECTED
    assert "link-in.txt" not in outcomes  # the same real file as letter.txt, read once


def test_empty_pdf_after_an_empty_text_is_rejected_not_a_duplicate(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    first = ingest(store, settings, [folder / "empty.txt"])
    assert [r.outcome for r in first.results] == [Outcome.STORED]
    for name in ("empty.pdf", "empty.docx"):
        (folder / name).write_bytes(b"")
    report = ingest(store, settings, [folder / "empty.pdf", folder / "empty.docx"])
    for result in report.results:
        assert result.outcome is Outcome.REJECTED, result
        assert (result.reason or "").startswith("empty file")


def test_same_file_named_twice_and_through_a_link_is_read_once(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(hostile.GOOD_LETTER.format(n=1))
    (folder / "b.txt").symlink_to(folder / "a.txt")
    report = ingest(store, settings, [folder, folder / "a.txt", folder / "b.txt"])
    assert [r.outcome for r in report.results] == [Outcome.STORED]


def test_same_bytes_twice_in_one_batch_are_one_document_with_two_sources(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "copy-of-a.txt"):
        (folder / name).write_text(hostile.GOOD_LETTER.format(n=1))
    report = ingest(store, settings, [folder])
    assert [r.outcome for r in report.results] == [Outcome.STORED, Outcome.DUPLICATE]
    doc_id = report.results[0].document_id
    assert report.results[1].document_id == doc_id
    sources = [_name(s.locator) for s in store.get(doc_id or 0).sources]
    assert sources == ["a.txt", "copy-of-a.txt"]
    assert store.verify().ok


def test_inputs_are_read_ahead_by_count_and_by_bytes() -> None:
    def item(n: int, size: int = 1) -> _Input:
        return _Input(f"{n}.txt", b"x" * size, "0" * 64)

    small = [item(n) for n in range(pipeline.READ_AHEAD_FILES + 3)]
    chunks = list(pipeline._read_ahead([*small[:2], None, *small[2:]]))
    assert [len(c) for c in chunks] == [pipeline.READ_AHEAD_FILES, 3]
    large = [item(1), item(2, pipeline.READ_AHEAD_BYTES), item(3)]
    assert [len(c) for c in pipeline._read_ahead(large)] == [2, 1]


def test_a_folder_ingested_again_is_all_duplicates_found_before_parsing(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(hostile.GOOD_LETTER.format(n=n))
    first = ingest(store, settings, [folder])
    (folder / "new.txt").write_text(hostile.GOOD_LETTER.format(n=9))
    again = Ingester(store, settings)
    parsed: list[str] = []

    class Pool:
        def parse_named(self, items: Any) -> Any:
            for locator, _, _ in items:
                parsed.append(_name(locator))
                yield locator, ParsedDocument(format="txt", text="new", full_text="new")

    report = again.run(sorted(folder.iterdir()), pool=Pool())  # type: ignore[arg-type]
    assert parsed == ["new.txt"]
    outcomes = [r.outcome for r in report.results]
    assert outcomes == [Outcome.DUPLICATE] * 3 + [Outcome.STORED]
    assert [r.document_id for r in report.results[:3]] == [r.document_id for r in first.results]


def test_text_that_is_not_valid_unicode_is_refused_for_that_document_only(
    store: Store, settings: Settings
) -> None:
    ingester = Ingester(store, settings)
    bad = ParsedDocument(format="txt", text="a \ud800 b", full_text="a \ud800 b")
    ingester._settle(None, _Input("bad.txt", b"bad", "0" * 64), bad)  # type: ignore[arg-type]
    good = ParsedDocument(format="txt", text="fine", full_text="fine")
    ingester._settle(None, _Input("good.txt", b"good", "1" * 64), good)  # type: ignore[arg-type]
    outcomes = [(r.locator, r.outcome, r.reason) for r in ingester.report.results]
    assert outcomes[0] == ("bad.txt", Outcome.REJECTED, "invalid text: U+D800 in the text")
    assert outcomes[1][:2] == ("good.txt", Outcome.STORED)


@pytest.mark.slow
def test_hostile_folder_ingests_and_extracts_in_the_sandbox(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    laid = hostile.write_folder(tmp_path)
    report = ingest(store, settings, [laid.folder])
    stored = {r.document_id for r in report.results if r.outcome is Outcome.STORED}
    sandboxed = settings.with_(extract_timeout_s=60.0)
    results = extract_stored(store, sandboxed, "pending")
    assert {r.document_id for r in results} >= stored - {None}
    for result in results:
        record = get_extraction(store, result.document_id)
        assert record is not None and record.pipeline_version

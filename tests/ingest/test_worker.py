"""The parser pool: results, timeouts, memory limits, clean shutdown."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

from tests.ingest import samples
from vigil.errors import IngestError, Rejected, Unsupported
from vigil.ingest.worker import CRASHED, TIMED_OUT, ParserPool
from vigil.model import ParsedDocument
from vigil.settings import Settings

# A real page big enough to take seconds to parse.
SLOW_HTML = (
    "<html><body>"
    + "".join(f"<p>Paragraph {i} about the case, with a few more words.</p>" for i in range(30_000))
    + "</body></html>"
).encode()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path, worker_timeout_s=5, worker_memory_mb=1024, workers=2)


def _worker_pids(pool: ParserPool) -> set[int]:
    return {w.process.pid for w in pool._workers if w.process.pid is not None}


def test_pool_parses_one_file(settings: Settings) -> None:
    with ParserPool(settings) as pool:
        doc = pool.parse(b"An appeal for the release of a journalist held in prison.", "a.txt")
    assert isinstance(doc, ParsedDocument)
    assert doc.language == "en"


def test_pool_raises_the_parser_errors(settings: Settings) -> None:
    with ParserPool(settings) as pool:
        with pytest.raises(Unsupported, match=r"^unsupported"):
            pool.parse(b"x", "a.pages")
        with pytest.raises(Rejected, match="xml entities not allowed"):
            pool.parse(samples.billion_laughs_docx(), "a.docx")


def test_parse_many_keys_results_by_label(settings: Settings) -> None:
    items = [(f"doc-{i}.txt", f"Letter number {i} to the minister.".encode()) for i in range(10)]
    items.append(("broken.pdf", b"%PDF-1.4\ntruncated"))
    with ParserPool(settings) as pool:
        results = dict(pool.parse_many(items))
    assert set(results) == {label for label, _ in items}
    assert isinstance(results["broken.pdf"], Rejected)
    doc = results["doc-3.txt"]
    assert isinstance(doc, ParsedDocument) and "number 3" in doc.text


def test_slow_document_times_out_and_the_pool_goes_on(settings: Settings) -> None:
    with ParserPool(settings.with_(worker_timeout_s=0.5)) as pool:
        before = _worker_pids(pool)
        results = dict(pool.parse_many([("slow.html", SLOW_HTML), ("ok.txt", b"A short letter.")]))
        assert isinstance(results["slow.html"], Rejected)
        assert results["slow.html"].reason == TIMED_OUT
        assert isinstance(results["ok.txt"], ParsedDocument)
        after = pool.parse(b"Another letter after the timeout.", "b.txt")
        assert after.text.startswith("Another")
        assert before != _worker_pids(pool)  # the slow worker was replaced


def test_document_exhausting_memory_kills_only_its_worker(settings: Settings) -> None:
    tight = settings.with_(
        workers=1, worker_memory_mb=300, max_file_bytes=10**9, max_text_chars=10**9
    )
    huge = (b"a" * 999 + b"\n") * 40_000
    with ParserPool(tight) as pool:
        with pytest.raises(Rejected) as caught:
            pool.parse(huge, "huge.txt")
        assert caught.value.reason == CRASHED
        assert pool.parse(b"A letter after the crash.", "c.txt").text


def test_killed_worker_is_replaced(settings: Settings) -> None:
    with ParserPool(settings) as pool:
        victim = pool._workers[0].process
        victim.kill()
        victim.join()
        results = dict(pool.parse_many([(f"{i}.txt", b"A letter.") for i in range(4)]))
        assert all(isinstance(r, ParsedDocument) for r in results.values())


def test_nested_parse_inside_parse_many_keeps_labels_apart(settings: Settings) -> None:
    items = [(f"outer-{i}.txt", f"Outer letter {i}.".encode()) for i in range(6)]
    seen: dict[str, ParsedDocument | IngestError] = {}
    with ParserPool(settings) as pool:
        for label, result in pool.parse_many(items):
            seen[label] = result
            inner = pool.parse(f"Inner for {label}.".encode(), "inner.txt")
            assert inner.text == f"Inner for {label}."
    assert set(seen) == {label for label, _ in items}
    for label, result in seen.items():
        assert isinstance(result, ParsedDocument)
        assert result.text == f"Outer letter {label.split('-')[1].split('.')[0]}."


def test_abandoned_batch_leaves_the_pool_usable(settings: Settings) -> None:
    with ParserPool(settings) as pool:
        batch = pool.parse_many([("slow.html", SLOW_HTML), ("a.txt", b"A letter.")] * 2)
        next(batch)
        batch.close()
        assert pool.parse(b"Still working.", "b.txt").text == "Still working."


def test_exit_reaps_every_worker_even_after_an_exception(settings: Settings) -> None:
    pids: set[int] = set()
    items = [("slow.html", SLOW_HTML), ("quick.txt", b"A letter.")]
    with pytest.raises(ValueError), ParserPool(settings) as pool:
        pids = _worker_pids(pool)
        for _label, _result in pool.parse_many(items):
            raise ValueError("the caller fails while a worker is still busy")
    assert len(pids) == 2
    assert not any(psutil.pid_exists(pid) for pid in pids)
    assert pool._workers == []


def test_parse_many_outside_with_is_an_error(settings: Settings) -> None:
    with pytest.raises(RuntimeError, match="context manager"):
        list(ParserPool(settings).parse_many([]))

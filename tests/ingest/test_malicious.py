"""Hostile inputs through the sandbox: every one ends as a document or a reason."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.ingest import samples
from vigil.errors import IngestError
from vigil.ingest.worker import ParserPool
from vigil.model import ParsedDocument
from vigil.settings import Settings

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".eml")
MAX_FILE = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ParserPool]:
    settings = Settings(
        home=tmp_path_factory.mktemp("home"),
        worker_timeout_s=5,
        worker_memory_mb=1024,
        workers=2,
        max_file_bytes=MAX_FILE,
        max_text_chars=200_000,
    )
    with ParserPool(settings) as running:
        yield running


def corpus() -> dict[str, bytes]:
    good_pdf = samples.pdf([["A letter about a detainee"]])
    nested = b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</body></html>"
    return {
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "header-only.pdf": b"%PDF-1.7\n",
        "bad-xref.pdf": good_pdf.replace(b"xref", b"xxxx"),
        "junk-body.pdf": b"%PDF-1.4\n" + os.urandom(4096),
        "encrypted.pdf": samples.encrypted_pdf("secret"),
        "bomb.docx": samples.zip_bomb_docx(16 * 1024 * 1024),
        "laughs.docx": samples.billion_laughs_docx(),
        "not-zip.docx": b"PK\x03\x04" + os.urandom(512),
        "nested.html": nested,
        "oversized.txt": b"a" * (MAX_FILE + 1),
        "junk.txt": os.urandom(8192),
        "png.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(256),
        "zip.txt": samples.docx_file(["hidden"]),
        "empty.txt": b"",
        "empty.pdf": b"",
        "empty.docx": b"",
        "empty.eml": b"",
        "headerless.eml": os.urandom(2048),
        "mixed.html": b"<html>\x00\x01\x02" + os.urandom(1024),
    }


def _check(results: list[tuple[str, ParsedDocument | IngestError]], labels: set[str]) -> None:
    assert {label for label, _ in results} == labels
    for label, result in results:
        assert isinstance(result, ParsedDocument | IngestError), label
        if isinstance(result, IngestError):
            assert result.reason, label


def test_malicious_corpus_ends_in_documents_or_reasons(pool: ParserPool) -> None:
    items = corpus()
    results = list(pool.parse_many(items.items()))
    _check(results, set(items))
    outcome = dict(results)
    expected = {
        "truncated.pdf": "corrupt pdf",
        "encrypted.pdf": "encrypted pdf",
        "bomb.docx": "zip bomb",
        "laughs.docx": "xml entities not allowed",
        "oversized.txt": "too large",
    }
    for label, reason in expected.items():
        result = outcome[label]
        assert isinstance(result, IngestError) and result.reason == reason, label
    assert isinstance(outcome["png.txt"], IngestError)
    assert isinstance(outcome["zip.txt"], IngestError)


@given(st.lists(st.tuples(st.sampled_from(EXTENSIONS), st.binary(max_size=4096)), max_size=14))
@hypothesis_settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_random_bytes_with_each_extension(pool: ParserPool, files: list[tuple[str, bytes]]) -> None:
    items = [(f"random-{i}{ext}", data) for i, (ext, data) in enumerate(files)]
    _check(list(pool.parse_many(items)), {label for label, _ in items})


@pytest.mark.slow
@given(st.lists(st.tuples(st.sampled_from(EXTENSIONS), st.binary(max_size=65536)), max_size=40))
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_many_random_files_with_each_extension(
    pool: ParserPool, files: list[tuple[str, bytes]]
) -> None:
    items = [(f"random-{i}{ext}", data) for i, (ext, data) in enumerate(files)]
    _check(list(pool.parse_many(items)), {label for label, _ in items})


@pytest.mark.slow
def test_repeated_hostile_batches_keep_main_memory_flat(pool: ParserPool) -> None:
    items = corpus()
    process = psutil.Process()
    list(pool.parse_many(items.items()))
    gc.collect()
    before = process.memory_info().rss
    for _ in range(10):
        results = list(pool.parse_many(items.items()))
        _check(results, set(items))
        del results
    gc.collect()
    assert process.memory_info().rss - before < 100 * 1024 * 1024


def test_output_never_quotes_a_hostile_document(pool: ParserPool, tmp_path: Path) -> None:
    marker = "SECRET-WITNESS-NAME"
    items = {
        "a.pdf": b"%PDF-1.4\n" + marker.encode() * 50,
        "b.docx": b"PK\x03\x04" + marker.encode() * 50,
        "c.txt": b"\x00" + marker.encode(),
    }
    for _, result in pool.parse_many(items.items()):
        assert isinstance(result, IngestError)
        assert marker not in result.reason

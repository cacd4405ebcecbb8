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

from tests.ingest import office, ole, samples, scans
from vigil.errors import IngestError
from vigil.ingest.worker import ParserPool
from vigil.model import ParsedDocument
from vigil.settings import Settings

EXTENSIONS = (
    ".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".eml",
    ".odt", ".rtf", ".doc", ".msg", ".mbox", ".zip", ".png", ".jpg", ".tiff",
)  # fmt: skip
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
        "bomb.zip": office.zipped({"zeros.txt": bytes(16 * 1024 * 1024)}),
        "truncated.zip": office.zipped({"a.txt": os.urandom(4000)})[:3000],
        "laughs.odt": office.odt([], content=samples.LAUGHS.encode()),
        "bomb.odt": samples.zip_bomb_docx(16 * 1024 * 1024),
        "deep.odt": office.odt([], content=_deep_odt(5000)),
        "braces.rtf": b"{\\rtf1" + b"{" * 100_000 + b"x" + b"}" * 100_000 + b"}",
        "junk.rtf": b"{\\rtf1" + os.urandom(8192),
        "truncated.doc": ole.word_97("A letter")[:1500],
        "lying.doc": _lying_doc(),
        "fields.doc": ole.word_97("\x13" * 200_000 + "x"),
        "truncated.msg": ole.outlook_message("S", "A", "B", "Body")[:1200],
        "doc.msg": ole.word_97("Not a message"),
        "junk.mbox": os.urandom(4096),
        "huge.png": scans.png_claiming(200_000, 200_000),
        "truncated.jpg": b"\xff\xd8\xff\xe0" + os.urandom(64),
    }


def _deep_odt(depth: int) -> bytes:
    return (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        + "<text:section>" * depth
        + "<text:p>x</text:p>"
        + "</text:section>" * depth
        + "</office:body></office:document-content>"
    ).encode()


def _lying_doc() -> bytes:
    """A piece table that points far past the end of the file."""
    data = bytearray(ole.word_97("A letter"))
    index = data.find(b"\x02\x0c\x00\x00\x00")  # the CLX: one piece
    data[index + 5 : index + 9] = b"\x00\x00\x00\x7f"
    return bytes(data)


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
        "bomb.zip": "zip bomb: expands beyond twice max_file_bytes",
        "truncated.zip": "corrupt zip",
        "laughs.odt": "xml entities not allowed",
        "bomb.odt": "zip bomb",
        "deep.odt": "odt nested too deeply",
        "braces.rtf": "rtf nested too deeply",
        "truncated.doc": "corrupt doc",
        "truncated.msg": "corrupt msg",
        "doc.msg": "not an outlook message: no message properties",
        "junk.mbox": "not a mailbox: it does not start with a 'From ' line",
        "huge.png": "image too large: a decompression bomb",
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

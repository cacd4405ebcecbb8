"""PDF: text layer, scans, corrupt and encrypted files."""

from __future__ import annotations

import pytest

from tests.ingest import samples
from vigil.errors import Rejected
from vigil.ingest.pdf import parse_pdf
from vigil.model import DocumentState

LIMIT = 100_000


def test_pdf_text_of_every_page_in_order() -> None:
    data = samples.pdf([["Dear Minister,", "We write (again)."], ["Second page"]], info_title="T")
    doc = parse_pdf(data, LIMIT)
    assert doc.text == "Dear Minister,\nWe write (again).\n\nSecond page"
    assert doc.metadata["pages"] == 2
    assert doc.title == "T"
    assert doc.state is DocumentState.STORED


def test_pdf_without_text_layer_needs_ocr() -> None:
    doc = parse_pdf(samples.pdf([[], []]), LIMIT)
    assert doc.text == ""
    assert doc.state is DocumentState.NEEDS_OCR
    assert doc.metadata["pages"] == 2


def test_truncated_pdf_is_rejected_as_corrupt() -> None:
    data = samples.pdf([["Some text"]])
    with pytest.raises(Rejected, match="corrupt pdf"):
        parse_pdf(data[: len(data) // 3], LIMIT)


def test_header_then_garbage_is_rejected_as_corrupt() -> None:
    with pytest.raises(Rejected, match="corrupt pdf"):
        parse_pdf(b"%PDF-1.7\n" + b"garbage " * 200, LIMIT)


def test_pdf_encrypted_with_a_password_is_rejected() -> None:
    with pytest.raises(Rejected, match="encrypted pdf"):
        parse_pdf(samples.encrypted_pdf("secret"), LIMIT)


def test_pdf_encrypted_with_empty_password_is_read() -> None:
    doc = parse_pdf(samples.encrypted_pdf(""), LIMIT)
    assert doc.metadata["pages"] == 1


def test_pdf_text_over_the_limit_is_rejected() -> None:
    data = samples.pdf([["x" * 80] * 40] * 3)
    with pytest.raises(Rejected, match="text too long"):
        parse_pdf(data, 1000)

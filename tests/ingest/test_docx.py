"""Word .docx: content in order, properties, bombs and entities."""

from __future__ import annotations

import pytest

from tests.ingest import samples
from vigil.errors import Rejected
from vigil.ingest.docx import parse_docx

MAX_FILE = 1024 * 1024
MAX_TEXT = 100_000


def test_docx_paragraphs_and_tables_in_order() -> None:
    data = samples.docx_file(
        ["Dear Minister,", "We write about two detainees."],
        [["Name", "Prison"], ["A. B.", "Central"]],
        after_table=["Yours sincerely,"],
    )
    doc = parse_docx(data, MAX_FILE, MAX_TEXT)
    assert doc.text == (
        "Dear Minister,\nWe write about two detainees.\nName\tPrison\nA. B.\tCentral\n"
        "Yours sincerely,"
    )


def test_docx_core_properties_become_title_and_metadata() -> None:
    doc = parse_docx(
        samples.docx_file(["x"], title="Appeal", author="An Author"), MAX_FILE, MAX_TEXT
    )
    assert doc.title == "Appeal"
    assert doc.metadata["author"] == "An Author"
    assert doc.metadata["created"].startswith("2020-05-17")


def test_docx_billion_laughs_is_rejected() -> None:
    with pytest.raises(Rejected, match="xml entities not allowed"):
        parse_docx(samples.billion_laughs_docx(), MAX_FILE, MAX_TEXT)


def test_docx_doctype_in_utf16_part_is_rejected() -> None:
    part = samples.LAUGHS.replace('<?xml version="1.0"?>', "").encode("utf-16")
    data = samples.replace_docx_part(samples.docx_file(["x"]), "word/document.xml", part)
    with pytest.raises(Rejected, match="xml entities not allowed"):
        parse_docx(data, MAX_FILE, MAX_TEXT)


def test_docx_zip_bomb_is_rejected() -> None:
    with pytest.raises(Rejected, match="zip bomb"):
        parse_docx(samples.zip_bomb_docx(16 * 1024 * 1024), MAX_FILE, MAX_TEXT)


def test_docx_that_is_not_a_zip_is_rejected() -> None:
    with pytest.raises(Rejected, match="corrupt docx"):
        parse_docx(b"PK\x03\x04 not really a zip", MAX_FILE, MAX_TEXT)


def test_docx_zip_without_a_document_is_rejected() -> None:
    data = samples.replace_docx_part(samples.docx_file(["x"]), "word/document.xml", b"<bad")
    with pytest.raises(Rejected, match="corrupt docx"):
        parse_docx(data, MAX_FILE, MAX_TEXT)


def test_docx_text_over_the_limit_is_rejected() -> None:
    with pytest.raises(Rejected, match="text too long"):
        parse_docx(samples.docx_file(["word " * 100] * 30), MAX_FILE, 1000)

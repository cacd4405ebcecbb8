"""Word 97 .doc: the piece table's text, fields' results; hostile files refused."""

from __future__ import annotations

import struct

import pytest

from tests.ingest import ole
from vigil.errors import Rejected
from vigil.ingest.doc import parse_doc


def test_doc_round_trips_paragraphs_and_keeps_field_results() -> None:
    text = "Dear Minister,\rWe write \x13 LINK \x14about\x15 the teacher.\rCell\x07Two\x07\r"
    doc = parse_doc(ole.word_97(text), 100_000)
    assert doc.text == "Dear Minister,\nWe write about the teacher.\nCell\tTwo"
    assert doc.format == "doc"


def test_accented_text_in_cp1252() -> None:
    assert parse_doc(ole.word_97("Libération immédiate"), 1000).text == "Libération immédiate"


def test_encrypted_and_old_word_files_are_refused() -> None:
    data = bytearray(ole.word_97("secret"))
    start = data.find(b"\xec\xa5")
    flags = struct.unpack_from("<H", data, start + 0x0A)[0]
    struct.pack_into("<H", data, start + 0x0A, flags | 0x0100)
    with pytest.raises(Rejected, match="encrypted doc"):
        parse_doc(bytes(data), 1000)
    data[start : start + 2] = b"\x00\x00"
    with pytest.raises(Rejected, match=r"Word 6\.0/95"):
        parse_doc(bytes(data), 1000)


def test_a_compound_file_without_word_text_is_refused() -> None:
    with pytest.raises(Rejected, match="no WordDocument"):
        parse_doc(ole.compound_file({"Other": b"x"}), 1000)
    with pytest.raises(Rejected, match="corrupt doc"):
        parse_doc(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), 1000)


def test_text_over_the_limit_and_nested_field_bombs() -> None:
    with pytest.raises(Rejected, match="text too long"):
        parse_doc(ole.word_97("word " * 1000), 100)
    assert parse_doc(ole.word_97("\x13" * 100_000 + "x"), 200_000).text == ""

"""Plain text: encodings, newlines, binary refusal."""

from __future__ import annotations

import os

import pytest

from vigil.errors import Rejected
from vigil.ingest.text import decode, parse_markdown, parse_text

FRENCH = "Le président a été arrêté à Paris — « libération » immédiate, déclare l\u2019ONG.\nCœur."


def test_utf8_text_is_read_as_utf8() -> None:
    doc = parse_text(FRENCH.encode("utf-8"))
    assert doc.text == FRENCH
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.format == "txt"


def test_utf8_bom_is_dropped() -> None:
    doc = parse_text(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    assert doc.full_text == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    doc = parse_text(bom + FRENCH.encode(encoding))
    assert doc.text == FRENCH


def test_cp1252_french_is_read_as_cp1252() -> None:
    decoded = decode(FRENCH.encode("cp1252"))
    assert decoded.text == FRENCH
    assert decoded.encoding == "cp1252"


def test_latin1_text_keeps_its_accents() -> None:
    text = "Déclaration de l'association: les détenus doivent être libérés à Genève."
    assert decode(text.encode("latin-1")).text == text


def test_newlines_are_normalised() -> None:
    doc = parse_text(b"one\r\ntwo\rthree\nfour")
    assert doc.full_text == "one\ntwo\nthree\nfour"


def test_random_bytes_are_rejected_as_binary() -> None:
    with pytest.raises(Rejected, match=r"binary data|undecodable"):
        parse_text(os.urandom(4096))


def test_nul_bytes_without_bom_are_binary() -> None:
    with pytest.raises(Rejected, match="binary data"):
        parse_text(b"text\x00\x00more text")


def test_control_characters_are_binary() -> None:
    with pytest.raises(Rejected, match="binary data"):
        parse_text(bytes(range(1, 32)) * 20)


def test_markdown_is_text_with_its_own_format() -> None:
    doc = parse_markdown(b"# Title\n\nBody")
    assert doc.format == "md"
    assert doc.text == "# Title\n\nBody"

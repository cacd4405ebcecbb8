"""Format dispatch: sizes, extensions, magic bytes, caps, purity."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import require
from tests.ingest import samples
from vigil.errors import IngestError, Rejected, Unsupported
from vigil.ingest.formats import parse, sniff
from vigil.settings import Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(64)


@pytest.fixture
def small(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path, max_file_bytes=1024 * 1024, max_text_chars=100_000)


def test_file_over_the_size_limit_is_rejected_unread(small: Settings) -> None:
    with pytest.raises(Rejected, match="too large"):
        parse(b"a" * (small.max_file_bytes + 1), "big.txt", small)


@pytest.mark.parametrize(
    "name", ["letter.pages", "sheet.xlsx", "scan.heic", "bundle.7z", "x.xyz", "README"]
)
def test_unread_formats_are_unsupported(name: str, small: Settings) -> None:
    with pytest.raises(Unsupported, match=r"^unsupported"):
        parse(b"whatever", name, small)


@pytest.mark.parametrize("data", [PNG, b"PK\x03\x04" + os.urandom(64), b"%PDF-1.4\n" + bytes(64)])
@pytest.mark.parametrize("name", ["note.txt", "page.html", "mail.eml", "notes.md"])
def test_binary_file_with_a_text_extension_is_rejected(
    data: bytes, name: str, small: Settings
) -> None:
    with pytest.raises(Rejected, match="binary data"):
        parse(data, name, small)


def test_text_starting_like_a_signature_is_still_text(small: Settings) -> None:
    doc = parse(b"BM is the name of the committee that wrote this letter.", "n.txt", small)
    assert doc.text.startswith("BM is")


def test_pdf_extension_without_pdf_header_is_rejected(small: Settings) -> None:
    with pytest.raises(Rejected, match="not a pdf"):
        parse(b"hello, I am not a PDF", "x.pdf", small)


def test_docx_extension_on_a_non_zip_is_rejected(small: Settings) -> None:
    with pytest.raises(Rejected, match="not a docx"):
        parse(PNG, "x.docx", small)


def test_extension_is_case_insensitive(small: Settings) -> None:
    assert parse(samples.pdf([["Upper case name"]]), "LETTER.PDF", small).format == "pdf"


def test_text_over_the_char_limit_is_rejected(small: Settings) -> None:
    with pytest.raises(Rejected, match="text too long"):
        parse(b"word " * 30_000, "long.txt", small.with_(max_text_chars=100_000))


def test_language_is_filled_in(small: Settings) -> None:
    doc = parse("Nous demandons la libération immédiate des détenus.".encode(), "a.txt", small)
    assert doc.language == "fr"


def test_sniff_names_common_binaries() -> None:
    assert sniff(PNG) == "png image"
    assert sniff(b"%PDF-1.7") == "pdf"
    assert sniff(b"plain words") is None


def test_parsers_write_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: Settings
) -> None:
    canary = tmp_path / "tmp"
    canary.mkdir()
    monkeypatch.setenv("TMPDIR", str(canary))
    monkeypatch.setattr(tempfile, "tempdir", None)
    inputs = {
        "a.txt": "Une lettre au ministre.".encode("cp1252"),
        "a.md": b"# Appeal\n\nText",
        "a.html": b"<html><body><p>An appeal to release a detained journalist.</p></body></html>",
        "a.pdf": samples.pdf([["A letter"]]),
        "b.pdf": samples.pdf([[]]),
        "a.docx": samples.docx_file(["A letter"], [["a", "b"]]),
        "a.eml": samples.eml(attachments=[("x.pdf", samples.pdf([["x"]]), "application/pdf")]),
    }
    for name, data in inputs.items():
        parse(data, name, small)
    for name, data in {"c.docx": samples.billion_laughs_docx(), "c.pdf": b"%PDF-1.4\n"}.items():
        with pytest.raises(IngestError):
            parse(data, name, small)
    assert list(canary.iterdir()) == []


def test_public_set_parses_without_rejects() -> None:
    folders = [SHARED / "eval" / "public" / "texts", SHARED / "eval" / "dev"]
    require(all(f.is_dir() for f in folders), f"the shared corpus at {SHARED}")
    files = sorted(folders[0].iterdir()) + sorted(folders[1].glob("*.txt"))
    settings = Settings()
    started = time.monotonic()
    for path in files:
        doc = parse(path.read_bytes(), path.name, settings)
        assert doc.text.strip(), path.name
        assert doc.language in ("en", "fr"), path.name
    assert time.monotonic() - started < 30

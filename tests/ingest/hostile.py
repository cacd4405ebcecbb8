"""A hostile corpus generator: files that once crashed or hung a batch, and good ones beside them.

`hostile_files()` and `good_files()` return name -> bytes (synthetic text,
written here); `write_folder` lays them out in a folder with the filesystem
oddities (names that are not UTF-8, a symlink out of the folder, the same file
under two names, a named pipe). `hostile_texts` are the pathological texts
extraction meets (runs of punctuation, blank lines, repeated tokens).
"""

from __future__ import annotations

import io
import os
import string
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.ingest import samples

GOOD_LETTER = (
    "Geneva, 3 May 2024\n\nTo the Minister of Justice\n\nExcellency,\n\n"
    "We write about Mr Arben Kola, a teacher held without charge since {n} April.\n"
    "We urge you to release him.\n\nYours faithfully,\nExample Watch"
)


def _tounicode_pdf(target_hex: str) -> bytes:
    """A PDF whose font maps 'A' to `target_hex` (UTF-16BE) through a ToUnicode CMap."""
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Bad def 1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"1 beginbfchar <41> <{target_hex}> endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    content = b"BT /F1 12 Tf 72 720 Td (Letter AAA about a detainee) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return samples.assemble_pdf(objects)


def surrogate_pdf() -> bytes:
    """pypdf decodes this page's text with a lone surrogate (U+D800)."""
    return _tounicode_pdf("D800")


def charset_eml(charset: str, body: bytes, subject: str = "Appeal") -> bytes:
    """An e-mail whose text part declares `charset` (any codec name Python knows)."""
    return (
        b"From: office@example.org\r\nTo: minister@example.gov\r\n"
        b"Subject: " + subject.encode() + b"\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=" + charset.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


def escape_eml() -> bytes:
    """An e-mail whose subject and body hold terminal escape sequences."""
    return charset_eml(
        "utf-8",
        b"Dear Minister,\x1b[2J\x1b]0;owned\x07 we write about a detainee.",
        subject="Appeal =?utf-8?q?=1B[8m?= hidden",
    )


def renamed_part_docx() -> bytes:
    """A .docx whose main part, renamed `.dat`, declares entities (billion laughs)."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    source = samples.docx_file(["A letter"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml":
                new.writestr("word/document.dat", laughs)
                continue
            if info.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                data = data.replace(b"document.xml", b"document.dat")
            if info.filename == "_rels/.rels":
                data = data.replace(b"word/document.xml", b"word/document.dat")
            new.writestr(info, data)
    return out.getvalue()


def hostile_texts(size: int) -> dict[str, str]:
    """Name -> pathological text of about `size` characters (also `bench/hostile_text.py`)."""
    texts = {f"punct {ch}": ch * size for ch in string.punctuation}
    texts["blank lines"] = "\n" * size
    texts["blank lines with spaces"] = " \n" * (size // 2)
    texts["spaces"] = "a" + " " * size + "b"
    texts["tabs"] = "a" + "\t" * size + "b"
    texts["spaced lines"] = ("x" + " " * 1000 + "\n") * (size // 1002)
    texts["one long word"] = "a" * size
    texts["repeated token"] = "Excellency " * (size // 11)
    texts["quoted lines"] = "> > > reply\n" * (size // 12)
    texts["digits"] = "1234567890" * (size // 10)
    return texts


def hostile_files() -> dict[str, bytes]:
    """Files each of which once crashed, hung or slipped through; name -> bytes."""
    return {
        "surrogate.pdf": surrogate_pdf(),
        "utf7.eml": charset_eml("utf-7", b"Dear Minister, +2AA- we write."),
        "unicode-escape.eml": charset_eml("unicode_escape", b"Dear Minister, \\ud800 we write."),
        "rot13.eml": charset_eml("rot13", b"Qrne Zvavfgre, jr jevgr."),
        "header-surrogate.eml": charset_eml(
            "utf-8", b"Dear Minister.", subject="=?unicode_escape?q?\\ud800?= appeal"
        ),
        "nul.eml": charset_eml("utf-8", b"Dear Minister,\x00 we write."),
        "escapes.eml": escape_eml(),
        "utf7.html": b'<html><head><meta charset="utf-7"></head><body>+2AA- text</body></html>',
        "renamed-part.docx": renamed_part_docx(),
        "bomb.docx": samples.zip_bomb_docx(16 * 1024 * 1024),
        "empty.pdf": b"",
        "empty.docx": b"",
        "gt-run.txt": b">" * 100_000,
        "blank-lines.txt": b"x\n" + b"\n" * 16_000 + b"y\n",
        "binary.txt": bytes(range(256)) * 8,
    }


def good_files() -> dict[str, bytes]:
    """Ordinary documents, each with different bytes; name -> bytes."""
    return {
        "letter.txt": GOOD_LETTER.format(n=1).encode(),
        "letter-cp1252.txt": GOOD_LETTER.format(n=2).replace("Mr", "Mme Hélène").encode("cp1252"),
        "letter.eml": samples.eml(body=GOOD_LETTER.format(n=3)),
        "letter.pdf": samples.pdf([GOOD_LETTER.format(n=4).splitlines()]),
        "letter.docx": samples.docx_file(GOOD_LETTER.format(n=5).splitlines()),
        "letter.html": (
            "<html><body><p>" + GOOD_LETTER.format(n=6) + "</p></body></html>"
        ).encode(),
        "empty.txt": b"",
    }


@dataclass(frozen=True)
class Laid:
    """What `write_folder` made: the folder, and the names of good and hostile entries."""

    folder: Path
    good: frozenset[str]
    hostile: frozenset[str]
    silent: frozenset[str]
    """Entries read once under another name: no result of their own."""


def write_folder(root: Path) -> Laid:
    """A folder of good and hostile files, with the filesystem oddities.

    Names are as a locator shows them (bytes that are not UTF-8 as `\\xNN`).
    """
    folder = root / "batch"
    folder.mkdir(parents=True)
    outside = root / "outside.txt"
    outside.write_text("A file outside the folder named.\n")
    for name, data in {**good_files(), **hostile_files()}.items():
        (folder / name).write_bytes(data)
    cyrillic = "письмо.txt".encode("cp1251")  # not UTF-8: a name from a cp1251 system
    with open(os.path.join(os.fsencode(folder), cyrillic), "wb") as fh:
        fh.write(GOOD_LETTER.format(n=7).encode())
    (folder / "link-out.txt").symlink_to(outside)
    (folder / "link-in.txt").symlink_to(folder / "letter.txt")
    os.mkfifo(folder / "pipe.txt")
    good = {*good_files(), cyrillic.decode("utf-8", errors="backslashreplace")}
    hostile = {*hostile_files(), "link-out.txt", "pipe.txt"}
    return Laid(folder, frozenset(good), frozenset(hostile), frozenset({"link-in.txt"}))


__all__ = [
    "charset_eml",
    "escape_eml",
    "good_files",
    "hostile_files",
    "hostile_texts",
    "renamed_part_docx",
    "surrogate_pdf",
    "write_folder",
]

"""Bytes in, `ParsedDocument` out: pick the parser for a file and run it.

1. refuse files larger than `max_file_bytes`;
2. read the extension: unknown or unread formats are `Unsupported`;
3. sniff the magic bytes: a .txt that is really a PNG, a .pdf that is not a
   PDF, a .docx that is not a zip are refused;
4. run the format's parser (text, html, pdf, docx, eml, odt, rtf, doc, msg,
   mbox, zip; image: an image is only checked and waits for OCR; a file in a
   Maildir's `cur` or `new` folder is an e-mail message whatever its name);
5. make the text valid Unicode (`codepoints.clean_document`: lone surrogates
   and NUL replaced and counted);
6. refuse text longer than `max_text_chars`; detect the language.

Pure: no file is written, nothing goes to the network. Every failure is an
`IngestError` whose reason never quotes the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from vigil.errors import IngestError, Rejected, Unsupported
from vigil.ingest.codepoints import clean_document
from vigil.ingest.doc import parse_doc
from vigil.ingest.docx import parse_docx
from vigil.ingest.eml import parse_eml
from vigil.ingest.html import parse_html
from vigil.ingest.image import parse_image
from vigil.ingest.language import detect_language
from vigil.ingest.mbox import parse_mbox
from vigil.ingest.msg import parse_msg
from vigil.ingest.ocr import IMAGE_EXTENSIONS
from vigil.ingest.odt import parse_odt
from vigil.ingest.pdf import parse_pdf
from vigil.ingest.rtf import parse_rtf
from vigil.ingest.text import parse_markdown, parse_text
from vigil.ingest.ziparchive import parse_zip
from vigil.model import ParsedDocument
from vigil.settings import Settings


@dataclass(frozen=True)
class Magic:
    """A file signature: `prefix` found at `offset`."""

    kind: str
    prefix: bytes
    offset: int = 0


SIGNATURES: tuple[Magic, ...] = (
    Magic("zip", b"PK\x03\x04"),
    Magic("zip", b"PK\x05\x06"),
    Magic("pdf", b"%PDF-"),
    Magic("png image", b"\x89PNG\r\n\x1a\n"),
    Magic("jpeg image", b"\xff\xd8\xff"),
    Magic("gif image", b"GIF87a"),
    Magic("gif image", b"GIF89a"),
    Magic("webp image", b"WEBP", 8),
    Magic("tiff image", b"II*\x00"),
    Magic("tiff image", b"MM\x00*"),
    Magic("bmp image", b"BM"),
    Magic("ole2 (old office) file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    Magic("rtf file", b"{\\rtf"),
    Magic("gzip archive", b"\x1f\x8b"),
    Magic("bzip2 archive", b"BZh"),
    Magic("xz archive", b"\xfd7zXZ\x00"),
    Magic("7z archive", b"7z\xbc\xaf\x27\x1c"),
    Magic("rar archive", b"Rar!\x1a\x07"),
    Magic("zstd archive", b"\x28\xb5\x2f\xfd"),
    Magic("executable", b"\x7fELF"),
    Magic("executable", b"MZ"),
    Magic("executable", b"\xcf\xfa\xed\xfe"),
    Magic("media file", b"ftyp", 4),
    Magic("media file", b"OggS"),
    Magic("media file", b"ID3"),
    Magic("media file", b"RIFF"),
    Magic("sqlite database", b"SQLite format 3\x00"),
)

UNSUPPORTED_EXTENSIONS: frozenset[str] = frozenset(
    {
        ".ods",
        ".odp",
        ".pages",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".epub",
        ".heic",
        ".svg",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".tar",
        ".zst",
        ".mp3",
        ".mp4",
        ".wav",
        ".ogg",
        ".mov",
        ".avi",
        ".exe",
        ".dll",
        ".so",
        ".bin",
        ".iso",
        ".dmg",
    }
)
MAILDIR_FOLDERS = frozenset({"cur", "new"})
TEXT_FORMATS = frozenset({".txt", ".md", ".html", ".htm", ".eml"})
# The PDF header may follow a little junk (the spec allows 1024 bytes).
PDF_HEADER_WINDOW = 1024

Parser = Callable[[bytes, Settings], ParsedDocument]
PARSERS: dict[str, Parser] = {
    ".txt": lambda data, settings: parse_text(data),
    ".md": lambda data, settings: parse_markdown(data),
    ".html": lambda data, settings: parse_html(data),
    ".htm": lambda data, settings: parse_html(data),
    ".pdf": lambda data, settings: parse_pdf(data, settings.max_text_chars),
    ".docx": lambda data, settings: parse_docx(
        data, settings.max_file_bytes, settings.max_text_chars
    ),
    ".eml": lambda data, settings: parse_eml(data),
    ".odt": lambda data, settings: parse_odt(
        data, settings.max_file_bytes, settings.max_text_chars
    ),
    ".rtf": lambda data, settings: parse_rtf(data, settings.max_text_chars),
    ".doc": lambda data, settings: parse_doc(data, settings.max_text_chars),
    ".msg": lambda data, settings: parse_msg(data),
    ".mbox": lambda data, settings: parse_mbox(data),
    ".zip": lambda data, settings: parse_zip(data, settings.max_file_bytes),
    **{
        ext: lambda data, settings: parse_image(data, settings.ocr_max_pixels)
        for ext in IMAGE_EXTENSIONS
    },
}


def is_maildir_message(filename: str) -> bool:
    """A file in a Maildir's `cur` or `new` folder: one e-mail message, whatever its name."""
    parts = PurePath(filename.replace("\\", "/")).parts
    return len(parts) >= 2 and parts[-2] in MAILDIR_FOLDERS


def sniff(data: bytes) -> str | None:
    """The kind of binary file `data` starts like, or None."""
    for magic in SIGNATURES:
        if data[magic.offset : magic.offset + len(magic.prefix)] == magic.prefix:
            return magic.kind
    return None


def extension(filename: str) -> str:
    """The lower-cased last suffix of a file name ('' when it has none)."""
    return PurePath(filename.replace("\\", "/")).suffix.lower()


def refuse_empty(data: bytes, filename: str) -> None:
    """A zero-byte .pdf or .docx is damaged, not an empty document: Rejected.

    Checked before de-duplication, so it is never recorded as another source
    of an empty text file.
    """
    ext = extension(filename)
    if not data and ext in PARSERS and ext not in TEXT_FORMATS:
        raise Rejected(f"empty file: a {ext} file cannot be empty (damaged or truncated)")


def parse(data: bytes, filename: str, settings: Settings) -> ParsedDocument:
    """Parse one file's bytes; raise `Unsupported` or `Rejected` with a short reason."""
    if len(data) > settings.max_file_bytes:
        raise Rejected("too large")
    ext = ".eml" if is_maildir_message(filename) else extension(filename)
    parser = PARSERS.get(ext)
    if parser is None:
        if ext in UNSUPPORTED_EXTENSIONS:
            raise Unsupported(f"unsupported: {ext} files are not read")
        if not ext:
            raise Unsupported("unsupported: files without an extension are not read")
        raise Unsupported(f"unsupported: {ext[:20]} files are not read")
    refuse_empty(data, filename)
    _check_signature(data, ext)
    try:
        document = parser(data, settings)
    except (IngestError, MemoryError):
        raise
    except RecursionError:
        raise Rejected(f"{ext[1:]} nested too deeply") from None
    except Exception as exc:  # a library failing on hostile bytes must not stop a batch
        raise Rejected(f"{ext[1:]} parser failed ({type(exc).__name__})") from None
    document = clean_document(document)
    if max(len(document.full_text), len(document.text)) > settings.max_text_chars:
        raise Rejected("text too long")
    if document.language is None and document.text:
        document.language = detect_language(document.text, settings.languages)
    return document


def _check_signature(data: bytes, ext: str) -> None:
    kind = sniff(data)
    if ext == ".pdf":
        if b"%PDF-" not in data[:PDF_HEADER_WINDOW]:
            raise Rejected("not a pdf: no %PDF header")
    elif ext in (".docx", ".odt", ".zip"):
        if kind != "zip":
            raise Rejected(f"not a {ext[1:]}: not a zip package")
    elif ext in (".doc", ".msg"):
        if kind != "ole2 (old office) file":
            raise Rejected(f"not a {ext[1:]}: not an OLE2 compound file")
    elif ext == ".rtf":
        if kind != "rtf file":
            raise Rejected("not an rtf: no {\\rtf header")
    elif ext in IMAGE_EXTENSIONS:
        if kind is None or not kind.endswith(" image"):
            raise Rejected(f"not an image: no {ext[1:]} signature")
    elif ext in TEXT_FORMATS and kind is not None and not _plausible_text(data):
        raise Rejected(f"binary data: looks like a {kind}")


def _plausible_text(data: bytes) -> bool:
    """Short signatures ('BM', 'MZ', 'ID3') also start real words: check the rest."""
    head = data[:512]
    return b"\x00" not in head and all(b >= 0x20 or b in b"\t\n\r\f" for b in head)


__all__ = ["PARSERS", "extension", "is_maildir_message", "parse", "refuse_empty", "sniff"]

"""PDF: the text layer of every page, read in memory with pypdf.

A PDF without a text layer (a scan) is kept in state NEEDS_OCR with empty
text, and so is one where a page without text shows an image (a scanned page
among typed ones: its other pages' text is kept and searchable meanwhile); OCR
(`ocr.py`) reads it later. A truncated or malformed file is Rejected('corrupt pdf'); an encrypted
one that the empty password does not open is Rejected('encrypted pdf').
"""

from __future__ import annotations

import io
import logging
from datetime import datetime
from typing import Any

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from vigil.errors import Rejected
from vigil.model import DocumentState, ParsedDocument

_PAGE_BREAK = "\n\n"

# pypdf reports every oddity of a malformed file as a warning; counts are
# enough, and the messages may quote the file.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def parse_pdf(data: bytes, max_text_chars: int) -> ParsedDocument:
    """A .pdf file; text longer than `max_text_chars` is Rejected."""
    try:
        return _parse(data, max_text_chars)
    except (Rejected, MemoryError):
        raise
    except FileNotDecryptedError:
        raise Rejected("encrypted pdf") from None
    except Exception:  # pypdf fails in many ways on hostile bytes
        raise Rejected("corrupt pdf") from None


def _parse(data: bytes, max_text_chars: int) -> ParsedDocument:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise Rejected("encrypted pdf")
    pages: list[str] = []
    total = 0
    scanned = 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        if not page_text.strip() and _shows_image(page):
            scanned += 1
        total += len(page_text) + len(_PAGE_BREAK)
        if total > max_text_chars:
            raise Rejected("text too long")
        pages.append(page_text.replace("\r\n", "\n").replace("\r", "\n").strip())
    text = _PAGE_BREAK.join(pages).strip()
    metadata, title = _info(reader)
    metadata["pages"] = len(pages)
    if scanned:
        metadata["pages_without_text"] = scanned
    return ParsedDocument(
        format="pdf",
        text=text,
        full_text=text,
        state=DocumentState.STORED if text and not scanned else DocumentState.NEEDS_OCR,
        title=title,
        metadata=metadata,
    )


def _shows_image(page: Any) -> bool:
    """Whether a page's resources hold an image (a scan), read without decoding it."""
    try:
        xobjects = page["/Resources"].get_object()["/XObject"].get_object()
        return any(
            xobject.get_object().get("/Subtype") == "/Image" for xobject in xobjects.values()
        )
    except Exception:  # no resources, no XObjects, or a broken dictionary: no image
        return False


def _info(reader: PdfReader) -> tuple[dict[str, Any], str | None]:
    """Title, author and creation date (metadata only: no page prints it)."""
    metadata: dict[str, Any] = {}
    try:
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError):
        info = None
    if info is None:
        return metadata, None
    title = _clean(info.title)
    author = _clean(info.author)
    if author:
        metadata["author"] = author
    created: datetime | None
    try:
        created = info.creation_date
    except (ValueError, TypeError):
        created = None
    if created is not None:
        metadata["created"] = created.date().isoformat()
    return metadata, title


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


__all__ = ["parse_pdf"]

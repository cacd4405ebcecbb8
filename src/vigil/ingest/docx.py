"""Word .docx: paragraphs and tables in order, read with python-docx.

Before python-docx sees the file, the zip is inspected: a declared
uncompressed size beyond a cap, or an absurd compression ratio, is a zip
bomb; any part with a DOCTYPE or an ENTITY declaration (billion laughs,
external entities) is refused, whatever its name (python-docx reads the main
part under any name the relationships give).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.table import Table

from vigil.errors import Rejected
from vigil.model import ParsedDocument

# Bytes of WordprocessingML per character of text, generously.
XML_BYTES_PER_CHAR = 20
# A part that expands more than this many times is a bomb ...
MAX_RATIO = 500
# ... once it is larger than this (tiny parts compress absurdly well).
RATIO_FLOOR_BYTES = 10 * 1024 * 1024
MAX_PARTS = 10_000
FORBIDDEN_MARKUP = (b"<!doctype", b"<!entity")


@dataclass(frozen=True)
class ZipLimits:
    """Caps on what a .docx may expand to."""

    max_total_bytes: int
    max_ratio: int = MAX_RATIO
    ratio_floor_bytes: int = RATIO_FLOOR_BYTES
    max_parts: int = MAX_PARTS

    @classmethod
    def for_settings(cls, max_file_bytes: int, max_text_chars: int) -> ZipLimits:
        """Room for the largest file plus the XML of the longest allowed text."""
        return cls(max_total_bytes=max_file_bytes + XML_BYTES_PER_CHAR * max_text_chars)


def inspect_zip(data: bytes, limits: ZipLimits, kind: str = "docx") -> None:
    """Reject a zip bomb, a corrupt zip or XML parts declaring entities (`kind` names
    the format in the reason)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_parts:
                raise Rejected("zip bomb")
            if sum(i.file_size for i in infos) > limits.max_total_bytes:
                raise Rejected("zip bomb")
            for info in infos:
                if (
                    info.file_size > limits.ratio_floor_bytes
                    and info.file_size > limits.max_ratio * max(info.compress_size, 1)
                ):
                    raise Rejected("zip bomb")
            for info in infos:
                _check_xml(archive, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise Rejected(f"corrupt {kind}") from None
    except NotImplementedError:
        raise Rejected(f"corrupt {kind}: unknown compression") from None


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with archive.open(info) as part:
        read = 0
        carry = b""
        while chunk := part.read(1 << 20):
            read += len(chunk)
            if read > info.file_size:  # the header lied about the size
                raise Rejected("zip bomb")
            # UTF-16 XML hides the markup between NUL bytes; `carry` catches
            # a declaration split across two chunks.
            window = carry + chunk.replace(b"\x00", b"").lower()
            if any(marker in window for marker in FORBIDDEN_MARKUP):
                raise Rejected("xml entities not allowed")
            carry = window[-16:]


def parse_docx(data: bytes, max_file_bytes: int, max_text_chars: int) -> ParsedDocument:
    """A .docx file, inspected first, then read paragraph by paragraph."""
    inspect_zip(data, ZipLimits.for_settings(max_file_bytes, max_text_chars))
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document, max_text_chars))
        metadata, title = _core(document)
    except (Rejected, MemoryError):
        raise
    except Exception:  # python-docx raises many kinds of error on a broken package
        raise Rejected("corrupt docx") from None
    text = "\n".join(blocks).strip()
    metadata["blocks"] = len(blocks)
    return ParsedDocument(format="docx", text=text, full_text=text, title=title, metadata=metadata)


def _blocks(document: Any, max_text_chars: int) -> Iterator[str]:
    total = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines = [_row_text(row) for row in block.rows]
            text = "\n".join(line for line in lines if line)
        else:
            text = block.text
        total += len(text) + 1
        if total > max_text_chars:
            raise Rejected("text too long")
        yield text


def _row_text(row: Any) -> str:
    seen: set[int] = set()
    cells: list[str] = []
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per grid column
            continue
        seen.add(id(cell._tc))
        cells.append(" ".join(p.text for p in cell.paragraphs).strip())
    return "\t".join(cells).strip()


def _core(document: Any) -> tuple[dict[str, Any], str | None]:
    props = document.core_properties
    metadata: dict[str, Any] = {}
    if props.author:
        metadata["author"] = str(props.author)
    if props.created is not None:
        metadata["created"] = props.created.isoformat()
    title = str(props.title).strip() if props.title else None
    return metadata, title or None


__all__ = ["ZipLimits", "inspect_zip", "parse_docx"]

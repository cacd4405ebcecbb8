"""Word 97-2003 documents (.doc): the main text, read from the file's piece table.

A .doc is an OLE2 compound file (read with olefile). The `WordDocument`
stream's header (FIB) says which table stream holds the piece table (CLX)
and whether the file is encrypted; each piece is a run of text stored either
as 8-bit cp1252 or as UTF-16. Field instructions (between the field's begin
and separator marks) are left out, their results kept; cell and row marks
become tabs and line ends. Older Word formats (6.0/95) are refused.
"""

from __future__ import annotations

import io
import struct

import olefile

from vigil.errors import Rejected
from vigil.model import ParsedDocument

WORD_97_IDENT = 0xA5EC
FIB_FLAGS = 0x0A
ENCRYPTED = 0x0100
WHICH_TABLE = 0x0200
FC_CLX = 0x01A2
CCP_TEXT = 0x004C
COMPRESSED = 0x40000000
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
MARKS = str.maketrans({"\r": "\n", "\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x1e": "-"})


def parse_doc(data: bytes, max_text_chars: int) -> ParsedDocument:
    """A .doc file; Rejected when encrypted, older than Word 97 or damaged."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile fails in many ways on hostile bytes
        raise Rejected("corrupt doc") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise Rejected("not a word document: no WordDocument stream")
        word = _stream(ole, "WordDocument")
        if len(word) < FC_CLX + 8 or struct.unpack_from("<H", word, 0)[0] != WORD_97_IDENT:
            raise Rejected("unsupported: Word 6.0/95 and older .doc files are not read")
        flags = struct.unpack_from("<H", word, FIB_FLAGS)[0]
        if flags & ENCRYPTED:
            raise Rejected("encrypted doc")
        table_name = "1Table" if flags & WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise Rejected("corrupt doc: no table stream")
        table = _stream(ole, table_name)
    text_chars = struct.unpack_from("<i", word, CCP_TEXT)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, FC_CLX)
    if lcb_clx == 0 or fc_clx + lcb_clx > len(table):
        raise Rejected("corrupt doc: no piece table")
    raw = _pieces(word, table[fc_clx : fc_clx + lcb_clx], max(text_chars, 0), max_text_chars)
    text = _strip_fields(raw).translate(MARKS)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return ParsedDocument(format="doc", text=text, full_text=text, metadata={})


def _stream(ole: olefile.OleFileIO, name: str) -> bytes:
    with ole.openstream(name) as stream:
        return bytes(stream.read())


def _pieces(word: bytes, clx: bytes, text_chars: int, max_text_chars: int) -> str:
    """The main document's characters (the first `text_chars`), piece by piece."""
    offset = 0
    while offset < len(clx) and clx[offset] == 0x01:  # Prc: formatting, skipped
        offset += 3 + struct.unpack_from("<H", clx, offset + 1)[0]
    if offset + 5 > len(clx) or clx[offset] != 0x02:
        raise Rejected("corrupt doc: bad piece table")
    size = struct.unpack_from("<I", clx, offset + 1)[0]
    plc = clx[offset + 5 : offset + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise Rejected("corrupt doc: empty piece table")
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    parts: list[str] = []
    total = 0
    for index in range(count):
        start, end = cps[index], cps[index + 1]
        if start >= text_chars:
            break
        length = max(0, min(end, text_chars) - start)
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        if fc & COMPRESSED:
            begin = (fc & ~COMPRESSED) // 2
            chunk = word[begin : begin + length].decode("cp1252", errors="replace")
        else:
            chunk = word[fc : fc + 2 * length].decode("utf-16-le", errors="replace")
        total += len(chunk)
        if total > max_text_chars:
            raise Rejected("text too long")
        parts.append(chunk)
    return "".join(parts)


def _strip_fields(text: str) -> str:
    """Field instructions out, results kept (nested fields included)."""
    out: list[str] = []
    fields: list[bool] = []  # per open field: still in its instruction part
    hidden = 0  # how many open fields are in their instruction part
    for char in text:
        if char == FIELD_BEGIN:
            fields.append(True)
            hidden += 1
        elif char == FIELD_SEPARATOR and fields and fields[-1]:
            fields[-1] = False
            hidden -= 1
        elif char == FIELD_END and fields:
            hidden -= fields.pop()
        elif not hidden:
            out.append(char)
    return "".join(out)


__all__ = ["parse_doc"]

"""Rich Text Format (.rtf): the text, read with striprtf.

striprtf decodes the `\\'hh` escapes in the code page the file declares
(`\\ansicpg`, a font's charset), cp1252 when it declares none. Groups nested deeper than
`MAX_GROUP_DEPTH` are refused before striprtf runs (a brace bomb).
"""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from vigil.errors import Rejected
from vigil.ingest.text import normalise_newlines
from vigil.model import ParsedDocument

MAX_GROUP_DEPTH = 500


def parse_rtf(data: bytes, max_text_chars: int) -> ParsedDocument:
    """An .rtf file; Rejected when it is nested too deeply or its text too long."""
    _check_depth(data)
    source = data.decode("latin-1")  # RTF is 7-bit; escapes carry the rest
    plain = rtf_to_text(source, encoding="cp1252", errors="replace")  # type: ignore[no-untyped-call]
    text = normalise_newlines(str(plain)).strip()
    if len(text) > max_text_chars:
        raise Rejected("text too long")
    return ParsedDocument(format="rtf", text=text, full_text=text)


def _check_depth(data: bytes) -> None:
    depth = 0
    escaped = False
    for byte in data:
        if escaped:
            escaped = False
        elif byte == 0x5C:  # backslash: the next character is literal (\{ \} \\)
            escaped = True
        elif byte == 0x7B:
            depth += 1
            if depth > MAX_GROUP_DEPTH:
                raise Rejected("rtf nested too deeply")
        elif byte == 0x7D:
            depth -= 1


__all__ = ["parse_rtf"]

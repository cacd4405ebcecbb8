"""Plain text and Markdown: decode, normalise newlines, mark boilerplate."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from vigil.errors import Rejected
from vigil.ingest import boilerplate
from vigil.model import ParsedDocument

# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# When the detector hesitates between equally good code pages, the common
# one wins (a short French text in cp1252 otherwise reads as cp1250).
PREFERRED_ENCODINGS: tuple[str, ...] = (
    "utf_8",
    "ascii",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1256",
    "cp1254",
    "iso8859_2",
    "cp1250",
)
# Share of control characters above which decoded "text" is binary data.
MAX_CONTROL_RATIO = 0.005
_TIE_CHAOS = 0.01
_TIE_COHERENCE = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding that read it."""

    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """Decode bytes of unknown encoding; binary or undecodable data is Rejected."""
    decoded = _decode(data)
    text = decoded.text
    if text and len(_CONTROL.findall(text)) > MAX_CONTROL_RATIO * len(text):
        raise Rejected("binary data")
    return decoded


def _decode(data: bytes) -> Decoded:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.removesuffix("-sig"))
            except UnicodeDecodeError:
                raise Rejected("undecodable text") from None
    if b"\x00" in data:
        raise Rejected("binary data")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Rejected("undecodable text")
    chosen = best
    for match in matches:
        tied = (
            match.chaos <= best.chaos + _TIE_CHAOS
            and match.coherence >= best.coherence - _TIE_COHERENCE
        )
        if tied and _rank(match.encoding) < _rank(chosen.encoding):
            chosen = match
    try:
        return Decoded(data.decode(chosen.encoding), chosen.encoding)
    except (UnicodeDecodeError, LookupError):
        raise Rejected("undecodable text") from None


def _rank(encoding: str) -> int:
    try:
        return PREFERRED_ENCODINGS.index(encoding)
    except ValueError:
        return len(PREFERRED_ENCODINGS)


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`; a leading BOM character goes."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_text(data: bytes, fmt: str = "txt") -> ParsedDocument:
    """A .txt or .md file: decoded, newlines normalised, boilerplate marked."""
    decoded = decode(data)
    full_text = normalise_newlines(decoded.text)
    marked = boilerplate.mark(full_text)
    return ParsedDocument(
        format=fmt,
        text=marked.text,
        full_text=marked.full_text,
        boilerplate=marked.boilerplate,
        metadata={"encoding": decoded.encoding, "boilerplate_lines": len(marked.boilerplate)},
    )


def parse_markdown(data: bytes) -> ParsedDocument:
    """A .md file: read as plain text."""
    return parse_text(data, "md")


__all__ = ["Decoded", "decode", "normalise_newlines", "parse_markdown", "parse_text"]

"""Valid text only: what every parser's output passes through before it leaves the parser.

Python strings may hold what no encoding can write: lone UTF-16 surrogates
(pypdf decodes ToUnicode maps with `surrogatepass`, the e-mail package keeps
undecodable header bytes with `surrogateescape`, `utf-7` and `unicode_escape`
produce them on demand) and NUL, which PostgreSQL refuses in text. Here:

1. `scrub` replaces each such code point with U+FFFD, one for one (so
   boilerplate spans keep their offsets), and counts them;
2. `clean_document` scrubs every string of a `ParsedDocument` (text, title,
   metadata, attachment names) and records the count and a warning;
3. `text_codec` says whether a declared charset is a real text encoding:
   codecs such as `utf-7`, `unicode_escape`, `punycode`, `rot13` or `base64`
   are not, and text declaring them is decoded as a best guess instead;
4. `invalid_text` is the last check before a document is stored.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from vigil.model import Attachment, ParsedDocument

REPLACEMENT = "\ufffd"
_INVALID = re.compile("[\x00\ud800-\udfff]")
NOT_TEXT_CODECS: frozenset[str] = frozenset(
    {
        "utf-7",
        "unicode-escape",
        "raw-unicode-escape",
        "punycode",
        "idna",
        "undefined",
        "charmap",
        "rot-13",
        "base64",
        "hex",
        "zlib",
        "bz2",
        "uu",
        "quopri",
    }
)
"""Codecs Python knows that do not read text in an encoding (after `codecs.lookup`)."""
WARNINGS_KEY = "warnings"
REPLACED_KEY = "replaced_characters"


def scrub(text: str) -> tuple[str, int]:
    """`text` with lone surrogates and NUL replaced by U+FFFD, and how many were."""
    count = 0

    def replace(_match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return REPLACEMENT

    if _INVALID.search(text) is None:
        return text, 0
    return _INVALID.sub(replace, text), count


def text_codec(name: str | None) -> str | None:
    """The codec's canonical name if `name` is a real text encoding, else None."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if info.name in NOT_TEXT_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def best_guess(data: bytes) -> str:
    """Bytes of no trustworthy encoding: UTF-8 if they are, else Latin-1 (never fails)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def add_warning(metadata: dict[str, Any], warning: str) -> None:
    """Append `warning` (a short fixed phrase, never document text) to the metadata."""
    warnings = metadata.setdefault(WARNINGS_KEY, [])
    if isinstance(warnings, list) and warning not in warnings:
        warnings.append(warning)


def clean_document(document: ParsedDocument) -> ParsedDocument:
    """Scrub every string of `document` in place; count the replacements in its metadata."""
    counter = _Counter()
    document.text = counter.text(document.text)
    document.full_text = counter.text(document.full_text)
    document.title = counter.optional(document.title)
    document.published = counter.optional(document.published)
    document.language = counter.optional(document.language)
    document.metadata = counter.value(document.metadata)
    document.attachments = [
        Attachment(counter.text(a.filename), a.data) for a in document.attachments
    ]
    if counter.count:
        document.metadata[REPLACED_KEY] = counter.count
        add_warning(document.metadata, "invalid characters replaced")
    return document


def invalid_text(document: ParsedDocument) -> str | None:
    """Why `document` cannot be stored as text (a reason without its content), or None."""
    for name, value in (
        ("text", document.text),
        ("full text", document.full_text),
        ("title", document.title or ""),
    ):
        found = _INVALID.search(value)
        if found is not None:
            return f"invalid text: U+{ord(found.group()):04X} in the {name}"
    return None


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def text(self, value: str) -> str:
        cleaned, count = scrub(value)
        self.count += count
        return cleaned

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value


__all__ = [
    "NOT_TEXT_CODECS",
    "REPLACEMENT",
    "add_warning",
    "best_guess",
    "clean_document",
    "invalid_text",
    "scrub",
    "text_codec",
]

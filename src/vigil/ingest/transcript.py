"""A transcript by hand: a person's reading of a document stored as its text.

For a scan OCR could not read, a handwritten letter, or a text a person
corrected. The file is decoded like a .txt (`text.decode`), made valid
Unicode, checked against `max_text_chars`, its language detected; the
original stays as it was, and the store records the origin (`transcript`),
who gave it and when, and logs the change. The document is back in `stored`,
so extraction runs on the transcript next (`transcribe` does both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from vigil.errors import Rejected
from vigil.ingest.codepoints import scrub
from vigil.ingest.extraction import extract_stored
from vigil.ingest.language import detect_language
from vigil.ingest.text import decode, normalise_newlines
from vigil.model import TextOrigin
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.texts import NewText, replace_text


def set_transcript(
    store: Store, settings: Settings, doc_id: int, data: bytes, actor: str = "local"
) -> NewText:
    """Store the text in `data` as document `doc_id`'s transcript; return what was stored."""
    if len(data) > settings.max_file_bytes:
        raise Rejected("transcript too large")
    text, _ = scrub(normalise_newlines(decode(data).text).strip())
    if not text:
        raise Rejected("empty transcript: give the text to store")
    if len(text) > settings.max_text_chars:
        raise Rejected("transcript too long (max_text_chars)")
    store.get(doc_id)  # DocumentNotFound before anything is read further
    new = NewText(
        text=text,
        origin=TextOrigin.TRANSCRIPT,
        language=detect_language(text, settings.languages),
        record={
            "by": actor,
            "chars": len(text),
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    replace_text(store, doc_id, new, actor=actor)
    return new


@dataclass(frozen=True)
class Transcribed:
    """What `transcribe` did (counts only)."""

    document_id: int
    chars: int
    extracted: bool


def transcribe(
    store: Store,
    settings: Settings,
    doc_id: int,
    data: bytes,
    actor: str = "local",
    *,
    extract: bool = True,
) -> Transcribed:
    """Store a transcript (`set_transcript`), then extract the document again."""
    new = set_transcript(store, settings, doc_id, data, actor)
    extracted = (
        bool(extract_stored(store, settings, "pending", only=[doc_id], actor=actor))
        if extract
        else False
    )
    return Transcribed(doc_id, len(new.text), extracted)


__all__ = ["Transcribed", "set_transcript", "transcribe"]

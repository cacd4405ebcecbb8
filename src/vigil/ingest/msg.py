"""Outlook messages (.msg): headers, body and attachments, read with olefile.

A .msg is an OLE2 compound file whose MAPI properties are streams named
`__substg1.0_<tag><type>` (type 001F: UTF-16; 001E: 8-bit; 0102: binary).
The body is the plain text body, else the HTML body read as a page. Each
attached file comes back as an `Attachment` for the pipeline to ingest as
its own document, linked to the message; an attached Outlook item (a
message inside the message) is counted, not read. The date comes from the
transport headers when the message has them.
"""

from __future__ import annotations

import io
from email import policy
from email.parser import HeaderParser
from typing import Any

import olefile

from vigil.errors import Rejected
from vigil.ingest.html import html_to_text
from vigil.ingest.members import member_name
from vigil.ingest.text import normalise_newlines
from vigil.model import Attachment, ParsedDocument

PROPERTIES: dict[str, str] = {
    "0037": "subject",
    "0C1A": "from",
    "0E04": "to",
    "0E03": "cc",
    "1035": "message-id",
}
BODY, HTML_BODY, TRANSPORT_HEADERS = "1000", "1013", "007D"
ATTACHMENT_DATA, LONG_NAME, SHORT_NAME = "3701", "3707", "3704"
MAX_ATTACHMENTS = 1000


def parse_msg(data: bytes) -> ParsedDocument:
    """A .msg file; Rejected when it is not an Outlook message or is damaged."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile fails in many ways on hostile bytes
        raise Rejected("corrupt msg") from None
    with ole:
        if not ole.exists(f"__substg1.0_{BODY}001F") and not _has_any(ole):
            raise Rejected("not an outlook message: no message properties")
        metadata: dict[str, Any] = {}
        for tag, name in PROPERTIES.items():
            value = _text(ole, "", tag)
            if value and value.strip():
                metadata[name] = value.strip()
        body = _text(ole, "", BODY)
        if not body:
            html = _text(ole, "", HTML_BODY) or _decode(_binary(ole, "", HTML_BODY))
            body = html_to_text(html) if html else ""
        body = normalise_newlines(body).strip()
        attachments, items = _attachments(ole)
        published = _date(_text(ole, "", TRANSPORT_HEADERS))
    metadata["attachments"] = len(attachments)
    if items:
        metadata["attached_items_skipped"] = items
    return ParsedDocument(
        format="msg",
        text=body,
        full_text=body,
        title=metadata.get("subject"),
        published=published,
        metadata=metadata,
        attachments=attachments,
    )


def _has_any(ole: olefile.OleFileIO) -> bool:
    return any(entry[0].startswith("__substg1.0_") for entry in ole.listdir(storages=False))


def _text(ole: olefile.OleFileIO, storage: str, tag: str) -> str | None:
    raw = _binary(ole, storage, tag, "001F")
    if raw is not None:
        return raw.decode("utf-16-le", errors="replace").rstrip("\x00")
    raw = _binary(ole, storage, tag, "001E")
    if raw is not None:
        return raw.decode("cp1252", errors="replace").rstrip("\x00")
    return None


def _binary(ole: olefile.OleFileIO, storage: str, tag: str, kind: str = "0102") -> bytes | None:
    path = f"{storage}__substg1.0_{tag}{kind}"
    if not ole.exists(path):
        return None
    with ole.openstream(path) as stream:
        return bytes(stream.read())


def _decode(raw: bytes | None) -> str | None:
    return raw.decode("utf-8", errors="replace") if raw else None


def _attachments(ole: olefile.OleFileIO) -> tuple[list[Attachment], int]:
    storages = sorted(
        {entry[0] for entry in ole.listdir() if entry and entry[0].startswith("__attach_")}
    )
    found: list[Attachment] = []
    items = 0
    for number, storage in enumerate(storages[:MAX_ATTACHMENTS], start=1):
        prefix = f"{storage}/"
        content = _binary(ole, prefix, ATTACHMENT_DATA)
        if content is None:
            items += 1  # an attached Outlook item (a storage, not bytes)
            continue
        raw = _text(ole, prefix, LONG_NAME) or _text(ole, prefix, SHORT_NAME)
        found.append(Attachment(member_name(raw, f"attachment-{number}"), content))
    return found, items


def _date(headers: str | None) -> str | None:
    if not headers:
        return None
    try:
        header = HeaderParser(policy=policy.default).parsestr(headers).get("Date")
        moment = getattr(header, "datetime", None)
    except Exception:  # a malformed date header: no date
        return None
    return moment.date().isoformat() if moment is not None else None


__all__ = ["parse_msg"]

"""E-mail messages (.eml): headers, body text and attachments.

The body is the text/plain part, else the HTML part read as a page. A body
declaring a charset that is not a real text encoding (`utf-7`,
`unicode_escape`, `base64`, ...) is decoded as a best guess (UTF-8, else
Latin-1) and the message is flagged. Each
attachment comes back as an `Attachment` for the pipeline to ingest as its
own document, linked to the message.
"""

from __future__ import annotations

import email
import email.message
from email import policy
from typing import Any

from vigil.errors import Rejected
from vigil.ingest.codepoints import add_warning, best_guess, text_codec
from vigil.ingest.html import html_to_text
from vigil.ingest.members import member_name
from vigil.ingest.text import normalise_newlines
from vigil.model import Attachment, ParsedDocument

HEADERS: tuple[str, ...] = ("From", "To", "Cc", "Subject", "Date", "Message-ID")


def parse_eml(data: bytes) -> ParsedDocument:
    """An .eml file (RFC 5322 message, MIME parts)."""
    message = email.message_from_bytes(data, policy=policy.default)
    if not isinstance(message, email.message.EmailMessage) or not message.keys():
        raise Rejected("not an e-mail message: no headers")
    metadata: dict[str, Any] = {}
    for name in HEADERS:
        value = _header(message, name)
        if value:
            metadata[name.lower()] = value
    body = normalise_newlines(_body(message, metadata)).strip()
    attachments = _attachments(message)
    metadata["attachments"] = len(attachments)
    return ParsedDocument(
        format="eml",
        text=body,
        full_text=body,
        title=metadata.get("subject"),
        published=_date(message),
        metadata=metadata,
        attachments=attachments,
    )


def _header(message: email.message.EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError, LookupError, AttributeError):
        return None
    return str(value).strip() or None if value is not None else None


def _date(message: email.message.EmailMessage) -> str | None:
    try:
        header = message.get("Date")
        moment = getattr(header, "datetime", None)
    except (ValueError, TypeError, IndexError, LookupError, AttributeError):
        return None
    return moment.date().isoformat() if moment is not None else None


def _body(message: email.message.EmailMessage, metadata: dict[str, Any]) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (ValueError, TypeError, KeyError, IndexError, LookupError, AttributeError):
        part = None
    if part is None:
        return ""
    content = _content(part, metadata)
    if part.get_content_subtype() == "html":
        return html_to_text(content)
    return content


def _content(part: email.message.MIMEPart, metadata: dict[str, Any]) -> str:
    try:
        declared = part.get_content_charset()
    except (ValueError, TypeError, LookupError, AttributeError):
        declared = None
    if declared is not None and text_codec(declared) is None:
        add_warning(metadata, "charset is not a text encoding: decoded as a best guess")
        raw = part.get_payload(decode=True)
        return best_guess(raw) if isinstance(raw, bytes) else ""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except (LookupError, ValueError, TypeError, AssertionError, KeyError, AttributeError):
        pass
    raw = part.get_payload(decode=True)
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""


def _attachments(message: email.message.EmailMessage) -> list[Attachment]:
    found: list[Attachment] = []
    try:
        parts = list(message.iter_attachments())
    except (ValueError, TypeError, KeyError, IndexError, LookupError, AttributeError):
        return found
    for number, part in enumerate(parts, start=1):
        if not isinstance(part, email.message.MIMEPart):
            continue
        name = _safe_filename(part, number)
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], email.message.Message):
                found.append(Attachment(name, inner[0].as_bytes(policy=policy.default)))
            continue
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            found.append(Attachment(name, data))
    return found


def _safe_filename(part: email.message.MIMEPart, number: int) -> str:
    """The attachment's own name, without any path, or a numbered name."""
    try:
        raw = part.get_filename()
    except (ValueError, TypeError, IndexError, LookupError, AttributeError):
        raw = None
    fallback = (
        f"attachment-{number}.eml"
        if part.get_content_type() == "message/rfc822"
        else f"attachment-{number}"
    )
    return member_name(raw, fallback)


__all__ = ["parse_eml"]

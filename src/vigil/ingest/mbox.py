"""Mailboxes (.mbox): each message becomes its own document (read as an .eml, its
attachments linked to it), linked to the mailbox.

The mailbox is split in memory at its `From ` separator lines (a `From ` line
at the start or after a blank line; `>From ` lines of the mboxrd dialect are
unescaped). The mailbox's own text lists its messages' subjects. Maildir
folders need no module: a file in a `cur` or `new` folder is read as an .eml
(`formats.py`).
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesHeaderParser

from vigil.errors import Rejected
from vigil.ingest.members import listing
from vigil.model import Attachment, ParsedDocument

MAX_MESSAGES = 100_000
_SEPARATOR = re.compile(rb"^From [^\r\n]*\r?\n", re.M)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)
_HEADERS = BytesHeaderParser(policy=policy.default)


def parse_mbox(data: bytes) -> ParsedDocument:
    """An .mbox file: its messages as attachments named `message-N.eml`."""
    if not data.startswith(b"From "):
        raise Rejected("not a mailbox: it does not start with a 'From ' line")
    starts = [
        m for m in _SEPARATOR.finditer(data) if m.start() == 0 or _after_blank_line(data, m.start())
    ]
    if len(starts) > MAX_MESSAGES:
        raise Rejected("mailbox has too many messages")
    attachments: list[Attachment] = []
    subjects: list[str] = []
    for number, match in enumerate(starts, start=1):
        end = starts[number].start() if number < len(starts) else len(data)
        message = _ESCAPED_FROM.sub(rb"\1", data[match.end() : end])
        if not message.strip():
            continue
        attachments.append(Attachment(f"message-{number}.eml", message))
        subjects.append(f"{number}. {_subject(message)}")
    text = listing(subjects)
    return ParsedDocument(
        format="mbox",
        text=text,
        full_text=text,
        metadata={"messages": len(attachments)},
        attachments=attachments,
    )


def _after_blank_line(data: bytes, start: int) -> bool:
    return data[max(0, start - 2) : start] == b"\n\n" or data[max(0, start - 4) : start] == (
        b"\r\n\r\n"
    )


def _subject(message: bytes) -> str:
    try:
        value = _HEADERS.parsebytes(message[:65536]).get("Subject")
    except Exception:  # a header the parser cannot read: the message itself says more
        value = None
    subject = " ".join(str(value).split()) if value is not None else ""
    return subject[:200] or "(no subject)"


__all__ = ["parse_mbox"]

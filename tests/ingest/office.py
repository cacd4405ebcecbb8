"""Synthetic OpenDocument, RTF, mailbox and zip files for the format tests."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt(paragraphs: list[str], *, title: str | None = None, content: bytes | None = None) -> bytes:
    """An .odt with one paragraph per item (or the `content.xml` given)."""
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    xml = content or (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    ).encode()
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
        f"<dc:title>{escape(title or '')}</dc:title></office:meta></office:document-meta>"
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE)
        package.writestr("content.xml", xml)
        package.writestr("meta.xml", meta)
    return buffer.getvalue()


def rtf(text: str) -> bytes:
    """An .rtf in cp1252 whose paragraphs are the lines of `text`."""
    escaped = "".join(
        f"\\'{ord(c.encode('cp1252')):02x}" if ord(c) > 127 else c for c in text
    ).replace("\n", "\\par\n")
    header = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times;}}\\f0 "
    return (header + escaped + "}").encode("ascii")


def message(subject: str, body: str, sender: str = "committee@example.org") -> bytes:
    return (
        f"From: {sender}\nTo: minister@example.gov\nSubject: {subject}\n"
        f"Date: Tue, 12 Mar 2024 10:00:00 +0000\n\n{body}\n"
    ).encode()


def mbox(messages: list[bytes]) -> bytes:
    return b"".join(
        b"From sender@example.org Tue Mar 12 10:00:00 2024\n"
        + m.replace(b"\nFrom ", b"\n>From ")
        + b"\n"
        for m in messages
    )


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()

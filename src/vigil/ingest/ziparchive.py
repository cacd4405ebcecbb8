"""Zip archives (.zip): each file inside becomes its own document, linked to the archive.

The archive is inspected before anything is read (`docx.inspect_zip`'s limits:
declared sizes, compression ratio, number of members); an encrypted member is
skipped and counted; folders and names are flattened to safe base names. The
archive's own text is the list of its members. Archives inside archives are
read by the pipeline in turn, up to its nesting limit; the same bytes twice
(a zip that holds itself) are one document.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from vigil.errors import Rejected
from vigil.ingest.members import listing, member_name
from vigil.model import Attachment, ParsedDocument

MAX_MEMBERS = 10_000
MAX_RATIO = 500
RATIO_FLOOR_BYTES = 10 * 1024 * 1024


def parse_zip(data: bytes, max_file_bytes: int) -> ParsedDocument:
    """A .zip file: its members as attachments; a bomb or a broken archive is Rejected."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            _check_limits(infos, max_file_bytes)
            attachments: list[Attachment] = []
            skipped = 0
            for number, info in enumerate(infos, start=1):
                if info.flag_bits & 0x1:  # encrypted: no password to read it with
                    skipped += 1
                    continue
                content = _read(archive, info)
                name = member_name(info.filename, f"member-{number}")
                attachments.append(Attachment(name, content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise Rejected("corrupt zip") from None
    except NotImplementedError:
        raise Rejected("corrupt zip: unknown compression") from None
    metadata: dict[str, Any] = {"members": len(attachments)}
    if skipped:
        metadata["encrypted_members_skipped"] = skipped
    text = listing([a.filename for a in attachments])
    return ParsedDocument(
        format="zip", text=text, full_text=text, metadata=metadata, attachments=attachments
    )


def _check_limits(infos: list[zipfile.ZipInfo], max_file_bytes: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise Rejected("zip bomb: too many members")
    if sum(i.file_size for i in infos) > 2 * max_file_bytes:
        raise Rejected("zip bomb: expands beyond twice max_file_bytes")
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise Rejected("zip bomb: compression ratio")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than its header declared (a lying header is a bomb)."""
    with archive.open(info) as member:
        content = member.read(info.file_size + 1)
    if len(content) > info.file_size:
        raise Rejected("zip bomb: a member is larger than declared")
    return content


__all__ = ["parse_zip"]

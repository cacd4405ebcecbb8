"""Zip archives: members become attachments with safe names; bombs refused."""

from __future__ import annotations

import pytest

from tests.ingest import office
from vigil.errors import Rejected
from vigil.ingest.ziparchive import parse_zip

LIMIT = 1024 * 1024


def test_zip_members_become_attachments_with_base_names() -> None:
    doc = parse_zip(
        office.zipped({"letters/../../etc/letter.txt": b"Dear Minister", "folder/": b""}), LIMIT
    )
    assert [(a.filename, a.data) for a in doc.attachments] == [("letter.txt", b"Dear Minister")]
    assert (doc.format, doc.text, doc.metadata["members"]) == ("zip", "letter.txt", 1)


def test_zip_bombs_are_refused() -> None:
    with pytest.raises(Rejected, match="zip bomb"):
        parse_zip(office.zipped({"zeros": bytes(3 * LIMIT)}), LIMIT)
    with pytest.raises(Rejected, match="compression ratio"):
        parse_zip(office.zipped({"zeros": bytes(16 * 1024 * 1024)}), 64 * 1024 * 1024)


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from vigil.ingest import ziparchive

    monkeypatch.setattr(ziparchive, "MAX_MEMBERS", 10)
    with pytest.raises(Rejected, match="too many members"):
        parse_zip(office.zipped({f"{i}.txt": b"x" for i in range(11)}), LIMIT)


def test_encrypted_member_is_skipped_and_counted() -> None:
    data = bytearray(office.zipped({"secret.txt": b"hidden words", "open.txt": b"open words"}))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        index = data.find(signature)  # the first member's local and central headers
        data[index + flag_at] |= 0x01
    doc = parse_zip(bytes(data), LIMIT)
    assert [a.filename for a in doc.attachments] == ["open.txt"]
    assert doc.metadata["encrypted_members_skipped"] == 1

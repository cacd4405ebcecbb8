"""Mailboxes: each message an attachment read as .eml; Maildir files read as e-mail."""

from __future__ import annotations

import pytest

from tests.ingest import office
from vigil.errors import Rejected
from vigil.ingest.formats import is_maildir_message, parse
from vigil.ingest.mbox import parse_mbox
from vigil.settings import Settings


def test_mbox_splits_messages_and_unescapes_from_lines() -> None:
    first = office.message("First appeal", "Body one\nFrom the start we asked.")
    second = office.message("Second appeal", "Body two")
    doc = parse_mbox(office.mbox([first, second]))
    assert doc.format == "mbox" and doc.metadata["messages"] == 2
    assert doc.text == "1. First appeal\n2. Second appeal"
    assert [a.filename for a in doc.attachments] == ["message-1.eml", "message-2.eml"]
    assert b"\nFrom the start we asked." in doc.attachments[0].data


def test_from_line_inside_a_paragraph_does_not_split() -> None:
    body = "Line one\nFrom inside the paragraph, not after a blank line."
    raw = b"From a@b Tue Mar 12 10:00:00 2024\n" + office.message("Only", body)
    assert parse_mbox(raw).metadata["messages"] == 1


def test_not_a_mailbox_is_refused() -> None:
    with pytest.raises(Rejected, match="not a mailbox"):
        parse_mbox(b"Subject: hello\n\nbody")


def test_maildir_files_are_read_as_email(tmp_path: object) -> None:
    assert is_maildir_message("/home/a/Maildir/cur/1700000000.M1P2.host:2,S")
    assert not is_maildir_message("/home/a/letters/cur.txt")
    doc = parse(
        office.message("From the Maildir", "Body"),
        "/home/a/Maildir/new/1700000000.M1P2.host",
        Settings(),
    )
    assert (doc.format, doc.title) == ("eml", "From the Maildir")

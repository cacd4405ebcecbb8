"""Outlook .msg: headers, body, date and attachments; damaged files refused."""

from __future__ import annotations

import pytest

from tests.ingest import ole
from vigil.errors import Rejected
from vigil.ingest.msg import parse_msg


def test_msg_round_trips_headers_body_and_attachment() -> None:
    note = b"An attached note about the detention. " * 120
    data = ole.outlook_message(
        "Appeal for release",
        "Example Committee",
        "Minister of the Interior",
        "Dear Minister,\r\nPlease release the teacher.",
        ("../../note.txt", note),
    )
    doc = parse_msg(data)
    assert doc.text == "Dear Minister,\nPlease release the teacher."
    assert (doc.format, doc.title, doc.published) == ("msg", "Appeal for release", "2024-03-12")
    assert doc.metadata["from"] == "Example Committee"
    assert doc.metadata["to"] == "Minister of the Interior"
    assert [(a.filename, a.data) for a in doc.attachments] == [("note.txt", note)]


def test_damaged_or_foreign_compound_files_are_refused() -> None:
    with pytest.raises(Rejected, match="corrupt msg"):
        parse_msg(ole.outlook_message("S", "A", "B", "Body")[:1200])
    with pytest.raises(Rejected, match="not an outlook message"):
        parse_msg(ole.word_97("A Word file"))

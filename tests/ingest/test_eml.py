"""E-mail: headers, body choice, attachments."""

from __future__ import annotations

import pytest

from tests.ingest import samples
from vigil.errors import Rejected
from vigil.ingest.eml import parse_eml


def test_eml_headers_become_metadata_title_and_date() -> None:
    doc = parse_eml(samples.eml())
    assert doc.format == "eml"
    assert doc.title == "Appeal for a detained colleague"
    assert doc.published == "2022-03-15"
    assert doc.metadata["from"] == "Example Org <office@example.org>"
    assert doc.metadata["to"] == "Minister <minister@example.gov>"
    assert doc.metadata["cc"] == "Embassy <embassy@example.net>"
    assert doc.metadata["message-id"] == "<appeal-1@example.org>"


def test_eml_prefers_the_plain_text_body() -> None:
    doc = parse_eml(samples.eml(html="<p>HTML version of the letter</p>"))
    assert doc.text.startswith("Dear Minister,")
    assert "HTML version" not in doc.text


def test_eml_html_only_body_is_converted_to_text() -> None:
    html = (
        "<html><body><p>Dear Minister, we write about a colleague held without charge "
        "since January.</p><script>x()</script></body></html>"
    )
    doc = parse_eml(samples.eml(body=None, html=html))
    assert "held without charge" in doc.text
    assert "<p>" not in doc.text
    assert "x()" not in doc.text


def test_eml_attachments_are_returned_with_safe_names() -> None:
    pdf = samples.pdf([["attached letter"]])
    data = samples.eml(
        attachments=[("../../etc/letter.pdf", pdf, "application/pdf"), ("", b"abc", "text/plain")]
    )
    doc = parse_eml(data)
    assert [a.filename for a in doc.attachments] == ["letter.pdf", "attachment-2"]
    assert doc.attachments[0].data == pdf
    assert doc.metadata["attachments"] == 2


def test_bytes_without_headers_are_not_an_email() -> None:
    with pytest.raises(Rejected, match="not an e-mail"):
        parse_eml(b"\n\njust a body")

"""OpenDocument text: blocks in order, spaces and breaks kept, hostile packages refused."""

from __future__ import annotations

import pytest

from tests.ingest import office, samples
from vigil.errors import Rejected
from vigil.ingest.odt import parse_odt

LIMITS = (10 * 1024 * 1024, 100_000)
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def test_odt_round_trips_paragraphs_and_title() -> None:
    data = office.odt(["Monsieur le Ministre,", "Libération immédiate."], title="Appel")
    doc = parse_odt(data, *LIMITS)
    assert doc.text == "Monsieur le Ministre,\nLibération immédiate."
    assert (doc.format, doc.title, doc.metadata["blocks"]) == ("odt", "Appel", 2)


def test_odt_keeps_spaces_tabs_breaks_and_leaves_notes_out() -> None:
    content = (
        f"<office:document-content {NS}><office:body><office:text>"
        '<text:h>Appeal</text:h><text:p>A<text:s text:c="3"/>B<text:tab/>C<text:line-break/>D'
        "<text:note><text:note-body><text:p>footnote</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>item</text:p></text:list-item></text:list>"
        "</office:text></office:body></office:document-content>"
    ).encode()
    doc = parse_odt(office.odt([], content=content), *LIMITS)
    assert doc.text == "Appeal\nA   B\tC\nD\nitem"


def test_spreadsheet_named_odt_is_refused() -> None:
    data = office.odt(["x"]).replace(
        b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.sheet"
    )
    with pytest.raises(Rejected):
        parse_odt(data, *LIMITS)


def test_odt_without_content_is_corrupt() -> None:
    with pytest.raises(Rejected, match="corrupt odt"):
        parse_odt(office.zipped({"mimetype": office.ODT_MIMETYPE}), *LIMITS)


def test_odt_entities_and_bombs_are_refused() -> None:
    with pytest.raises(Rejected, match="xml entities"):
        parse_odt(office.odt([], content=samples.LAUGHS.encode()), *LIMITS)
    with pytest.raises(Rejected, match="zip bomb"):
        parse_odt(samples.zip_bomb_docx(16 * 1024 * 1024), 1024 * 1024, 1000)


def test_odt_text_over_the_limit_is_refused() -> None:
    with pytest.raises(Rejected, match="text too long"):
        parse_odt(office.odt(["word " * 100] * 100), LIMITS[0], 1000)

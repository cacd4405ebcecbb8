"""Valid text out of every parser: surrogates and NUL replaced and counted, real charsets only."""

from __future__ import annotations

import pytest

from tests.ingest import hostile
from vigil.ingest.codepoints import clean_document, invalid_text, scrub, text_codec
from vigil.ingest.eml import parse_eml
from vigil.ingest.formats import parse
from vigil.ingest.html import decode_html
from vigil.model import ParsedDocument, Span
from vigil.settings import Settings


def test_scrub_replaces_lone_surrogates_and_nul_one_for_one() -> None:
    text, count = scrub("a\ud800b\x00c\udfff")
    assert text == "a\ufffdb\ufffdc\ufffd"
    assert count == 3
    assert scrub("plain é 😀") == ("plain é 😀", 0)


@pytest.mark.parametrize(
    "name",
    ["utf-7", "UTF7", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "rot13",
     "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "no-such-codec", ""],
)
def test_codecs_that_do_not_read_text_are_refused(name: str) -> None:
    assert text_codec(name) is None


@pytest.mark.parametrize("name", ["utf-8", "cp1252", "latin1", "koi8-r", "cp1256", "utf-16"])
def test_real_text_encodings_are_accepted(name: str) -> None:
    assert text_codec(name) is not None


def test_clean_document_keeps_offsets_and_counts_in_metadata() -> None:
    doc = ParsedDocument(
        format="txt",
        text="x\ud800y",
        full_text="menu\nx\ud800y",
        title="t\udc80",
        metadata={"from": "a\x00b", "nested": ["\ud801"]},
        boilerplate=[Span(0, 4)],
    )
    cleaned = clean_document(doc)
    assert invalid_text(cleaned) is None
    assert cleaned.full_text == "menu\nx\ufffdy"
    assert cleaned.metadata["replaced_characters"] == 5
    assert "invalid characters replaced" in cleaned.metadata["warnings"]
    assert cleaned.full_text[cleaned.boilerplate[0].start : cleaned.boilerplate[0].end] == "menu"


def test_invalid_text_names_the_field_not_the_content() -> None:
    doc = ParsedDocument(format="txt", text="secret \ud800 words", full_text="")
    assert invalid_text(doc) == "invalid text: U+D800 in the text"


def test_pdf_with_a_surrogate_in_its_tounicode_map_is_clean_and_counted() -> None:
    doc = parse(hostile.surrogate_pdf(), "letter.pdf", Settings(languages=("en", "fr")))
    assert invalid_text(doc) is None
    assert "\ufffd" in doc.text
    assert doc.metadata["replaced_characters"] >= 1


@pytest.mark.parametrize(
    ("charset", "body"),
    [("utf-7", b"Dear Minister, +2AA- we write."),
     ("unicode_escape", b"Dear Minister, \\ud800 we write."),
     ("zlib", b"Dear Minister, we write.")],
)
def test_email_charset_that_is_no_text_encoding_is_a_flagged_best_guess(
    charset: str, body: bytes
) -> None:
    doc = parse_eml(hostile.charset_eml(charset, body))
    assert doc.text == body.decode()
    assert doc.metadata["warnings"] == ["charset is not a text encoding: decoded as a best guess"]


def test_email_with_nul_and_header_surrogates_leaves_the_parser_valid() -> None:
    settings = Settings(languages=("en", "fr"))
    for name in ("nul.eml", "header-surrogate.eml", "utf7.eml", "unicode-escape.eml"):
        doc = parse(hostile.hostile_files()[name], name, settings)
        assert invalid_text(doc) is None, name
        assert all("\x00" not in str(v) for v in doc.metadata.values()), name


def test_html_declaring_utf7_is_decoded_by_detection() -> None:
    assert "\ud800" not in decode_html(hostile.hostile_files()["utf7.html"])
    assert "+2AA-" in decode_html(hostile.hostile_files()["utf7.html"])

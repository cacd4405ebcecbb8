"""RTF: text in its declared code page; brace bombs refused."""

from __future__ import annotations

import pytest

from tests.ingest import office
from vigil.errors import Rejected
from vigil.ingest.rtf import parse_rtf


def test_rtf_round_trips_accented_text() -> None:
    doc = parse_rtf(office.rtf("Monsieur le Ministre,\nLibération immédiate."), 100_000)
    assert doc.text == "Monsieur le Ministre,\nLibération immédiate."
    assert doc.format == "rtf"


def test_rtf_in_a_cyrillic_code_page() -> None:
    data = b"{\\rtf1\\ansi\\ansicpg1251 \\'c8\\'e2\\'e0\\'ed}"
    assert parse_rtf(data, 100).text == "Иван"


def test_unknown_code_page_is_read_without_failing() -> None:
    assert parse_rtf(b"{\\rtf1\\ansi\\ansicpg99999 caf\\'e9}", 100).text.startswith("caf")


def test_rtf_brace_bomb_is_refused_and_escaped_braces_are_text() -> None:
    with pytest.raises(Rejected, match="nested too deeply"):
        parse_rtf(b"{\\rtf1" + b"{" * 1000 + b"}" * 1000 + b"}", 100)
    assert parse_rtf(b"{\\rtf1 " + b"\\{" * 1000 + b"}", 10_000).text == "{" * 1000


def test_rtf_text_over_the_limit_is_refused() -> None:
    with pytest.raises(Rejected, match="text too long"):
        parse_rtf(office.rtf("word " * 1000), 100)

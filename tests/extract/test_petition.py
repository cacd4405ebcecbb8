"""Petition: a petition page's head lines name its targets and its starter."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract
from vigil.extract.petition import targets
from vigil.settings import Settings

PAGE = """Harbourwatch | Start a petition | Browse | Log in

Stop the removal of Ana Example to Northland

Petition to: Minister for Migration of the Republic of Southland, Southland Migration Board
Started by Lena Sample · 3 May 2030
8,412 have signed. Let's get to 10,000!
Sign this petition

Ana Example is 29. She fled Northland in 2024 after she was beaten in custody. The
Southland Migration Board refused her asylum claim and she now faces removal.

Please stop her removal and let her stay.
"""


def test_petition_head_lines_give_its_addressees_and_starter() -> None:
    result = extract(ExtractInput(text=PAGE, language="en"), Settings())
    assert result.kind is not None and result.kind.value == "petition"
    assert [a.name for a in result.addressees] == [
        "Minister for Migration of the Republic of Southland", "Southland Migration Board"
    ]
    assert result.addressees[0].title == "Minister for Migration"
    assert result.addressees[0].prov.rule == "en.petition_targets.petition_to_line"
    assert [(s.name, s.kind) for s in result.senders] == [("Lena Sample", "person")]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("High Commissioner for Peace and Harbour Representative in Southland",
         ["High Commissioner for Peace", "Harbour Representative in Southland"]),
        ("Staatsministerium des Innern, für Sport und Integration; Ausschuss des Landtags",
         ["Staatsministerium des Innern, für Sport und Integration", "Ausschuss des Landtags"]),
        ("Ministry of Ports and Harbours", ["Ministry of Ports and Harbours"]),
    ],
)
def test_petition_targets_split_only_into_names(line: str, parts: list[str]) -> None:
    assert targets(line) == parts

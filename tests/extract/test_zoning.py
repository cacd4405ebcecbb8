# Synthetic letters in several scripts: long lines and non-Latin letters are intended.
# ruff: noqa: E501, RUF001
"""The zones stage: the model's labels, and the copy lists read by rule over them."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.extract.zones.features import ZoneLine
from vigil.extract.zones.labels import Zone
from vigil.extract.zones.read import Zoned
from vigil.extract.zoning import copy_lists, copy_marker
from vigil.settings import Settings


def _zoned(*rows: tuple[str, Zone]) -> list[Zoned]:
    out, offset = [], 0
    for index, (text, zone) in enumerate(rows):
        line = ZoneLine(index, offset, offset + len(text), text, False, False)
        out.append(Zoned(line, zone, 0.9))
        offset += len(text) + 1
    return out


def test_a_copy_marker_is_a_marker_alone_or_with_its_punctuation() -> None:
    assert copy_marker("Copy to:")
    assert copy_marker("cc: Minister of Justice")
    assert copy_marker("Копия:")
    assert not copy_marker("Copyright 2024 Nordland Refugee Aid")
    assert not copy_marker("Copia de la sentencia adjunta")


def test_the_lines_under_a_copy_marker_are_copies_until_the_salutation() -> None:
    zoned = _zoned(
        ("To: The Director, Northtown Police", Zone.ADDRESSEE),
        ("Copy to:", Zone.BODY),
        ("Prosecutor General of Nordland", Zone.BODY),
        ("Ombudsman of Nordland", Zone.BODY),
        ("Dear Director,", Zone.SALUTATION),
        ("We write about Dario Velt.", Zone.BODY),
    )
    assert [z.zone for z in copy_lists(zoned)] == [
        Zone.ADDRESSEE, Zone.COPIES, Zone.COPIES, Zone.COPIES, Zone.SALUTATION, Zone.BODY,
    ]


def test_a_copy_list_ends_at_a_blank_line() -> None:
    lines = [ZoneLine(0, 0, 7, "Копия:", False, False), ZoneLine(1, 8, 30, "— Генеральному прокурору", False, True),
             ZoneLine(3, 32, 50, "Ковальчук О. С.", True, False)]
    zoned = [Zoned(lines[0], Zone.SIGNATURE, 0.9), Zoned(lines[1], Zone.SIGNATURE, 0.9), Zoned(lines[2], Zone.BODY, 0.9)]
    assert [z.zone for z in copy_lists(zoned)] == [Zone.COPIES, Zone.COPIES, Zone.BODY]


def test_a_copy_list_above_the_salutation_is_read(settings: Settings) -> None:
    text = (
        "NORDLAND REFUGEE AID\n12 May 2024\n\nTo: The Director\nNorthtown Police Directorate\n\nCopy to:\n"
        "Special Rapporteur on torture\nOmbudsman of Nordland\n\nDear Director,\n\nWe ask you to release Dario Velt, "
        "detained since 3 March 2024.\n\nYours sincerely,\n\nAda Brenn\nNordland Refugee Aid\n"
    )
    copies = extract(ExtractInput(text=text), settings).to_contract("t")["copies_to"]
    assert [c["name"] for c in copies] == ["Special Rapporteur on torture", "Ombudsman of Nordland"]  # type: ignore[index]


def test_an_arabic_script_copy_line_splits_at_its_semicolons(settings: Settings) -> None:
    text = (
        "جناب آقای وزیر\n\nبا سلام و احترام،\n\nما خواستار آزادی برادرمان هستیم.\n\nبا تشکر\nسعید نوروزی\n\n"
        "رونوشت: دادستان کل کشور؛ کمیسیون حقوق بشر اسلامی\n"
    )
    copies = extract(ExtractInput(text=text, language="fa"), settings).to_contract("t")["copies_to"]
    assert [c["name"] for c in copies] == ["دادستان کل کشور", "کمیسیون حقوق بشر اسلامی"]  # type: ignore[index]


def test_a_copy_recipients_town_is_its_place_not_its_name(settings: Settings) -> None:
    text = (
        "12 May 2024\n\nDear Minister,\n\nWe ask you to release Dario Velt, detained since 3 March 2024.\n\n"
        "Yours sincerely,\n\nAda Brenn\nNordland Refugee Aid\n\ncc: Embassy of Nordland, Northtown\n"
    )
    copies = extract(ExtractInput(text=text), settings).to_contract("t")["copies_to"]
    assert [(c["name"], c.get("place")) for c in copies] == [("Embassy of Nordland", "Northtown")]  # type: ignore[index]

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pyrage
import pytest

from vigil import cases
from vigil.errors import ArchiveError
from vigil.outputs import spreadsheet
from vigil.outputs.sealing import Protection
from vigil.store import Store

from .conftest import PERSIAN


def rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Minister = head", "Minister = head"),
        (None, ""),
        (12, "12"),
    ],
)
def test_cells_that_start_like_a_formula_are_escaped(value: object, cell: str) -> None:
    assert spreadsheet.escape_cell(value) == cell


def test_interventions_csv_has_the_columns_a_spreadsheet_user_expects(case_store: Store) -> None:
    table = rows(spreadsheet.interventions_csv(case_store))
    header = table[0]
    for column in ["date", "senders", "addressees", "about whom", "case", "status", "due",
                   "responses"]:  # fmt: skip
        assert column in header
    by_date = {r[header.index("date")]: dict(zip(header, r, strict=True)) for r in table[1:]}
    letter = by_date["2024-05-12"]
    assert letter["senders"] == "Clara Jensen; Nordic Detention Watch"
    assert letter["addressees"] == "Ana Lindqvist"
    assert "Omar Benali" in letter["about whom"]
    assert letter["case"] == "Omar Benali"
    assert letter["status"] == "sent"
    assert letter["due"] == "2024-06-11"
    assert PERSIAN in by_date["2024-06-01"]["about whom"]


def test_a_formula_in_a_name_is_escaped_in_the_file(case_store: Store) -> None:
    cases.new_intervention(case_store, when="2024-07-01", to=["=cmd|'/c calc'!A1"])
    table = rows(spreadsheet.interventions_csv(case_store))
    header = table[0]
    addressees = [r[header.index("addressees")] for r in table[1:]]
    assert "'=cmd|'/c calc'!A1" in addressees
    assert not any(a.startswith("=") for a in addressees)


def test_cases_and_parties_csv(case_store: Store) -> None:
    case_rows = rows(spreadsheet.cases_csv(case_store))
    assert case_rows[0][:3] == ["id", "name", "status"]
    assert PERSIAN in case_rows[1][case_rows[0].index("people at risk")]
    party_rows = rows(spreadsheet.parties_csv(case_store))
    names = [r[1] for r in party_rows[1:]]
    assert {"Omar Benali", "Clara Jensen", PERSIAN} <= set(names)


def test_csv_export_is_a_sealed_zip_of_three_tables(case_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "out.zip.age"
    summary = spreadsheet.export_csv(case_store, target, Protection(passphrase="export pass"))
    assert summary.encrypted and summary.rows["interventions"] == 3
    raw = target.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    assert b"Benali" not in raw
    plain = pyrage.passphrase.decrypt(raw, "export pass")
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        assert sorted(archive.namelist()) == ["cases.csv", "interventions.csv", "parties.csv"]
        assert PERSIAN in archive.read("parties.csv").decode("utf-8-sig")


def test_csv_export_refuses_an_existing_file_and_writes_nothing_else(
    case_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"keep")
    with pytest.raises(ArchiveError):
        spreadsheet.export_csv(case_store, target, Protection(plaintext=True))
    assert target.read_bytes() == b"keep"
    with pytest.raises(ArchiveError):
        spreadsheet.export_csv(case_store, tmp_path / "new.zip", Protection())
    assert not (tmp_path / "new.zip").exists()

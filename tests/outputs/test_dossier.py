from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from vigil import cases
from vigil.errors import OutputError, UnknownRecord
from vigil.outputs import dossier
from vigil.store import Store

from .conftest import PERSIAN
from .test_letters import accept_events

CANARY = "Zqxwitnesscanary"


def pdf_text(path: Path) -> tuple[str, dict[str, object]]:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text, dict(reader.metadata or {})


def test_dossier_holds_people_events_letters_sources_and_a_persian_name(
    case_store: Store, tmp_path: Path
) -> None:
    accept_events(case_store)
    cases.respond(case_store, 3, when="2024-06-20", type_="acknowledgement")
    target = tmp_path / "dossier.pdf"
    dossier.write_dossier(case_store, 1, target, made_by="Clara", today=date(2024, 7, 1))
    text, meta = pdf_text(target)
    flat = " ".join(text.split())
    for expected in ["Omar Benali", PERSIAN, "Ana Lindqvist", "Minister of Justice", "Arrest",
                     "2024-04-02", "Malmo", "Alleged by: Clara Jensen", "arrested by the police",
                     "line 8", "2024-05-12", "2024-06-20: acknowledgement",
                     case_store.get(1).sha256]:  # fmt: skip
        assert expected in flat, expected
    assert set(meta) <= {"/Title", "/Producer", "/CreationDate"}
    assert meta["/Title"] == "Case dossier"
    assert target.stat().st_mode & 0o077 == 0


def test_redaction_removes_names_and_contacts_for_real(case_store: Store, tmp_path: Path) -> None:
    cases.new_intervention(
        case_store, when="2024-06-05", to=[f"{CANARY} +41 22 917 9000"], case_id=1
    )
    plain = dossier.dossier_html(case_store, 1)
    assert CANARY in plain and "917 9000" in plain
    target = tmp_path / "redacted.pdf"
    redaction = dossier.Redaction.parse("contacts,Omar Benali," + CANARY.upper())
    dossier.write_dossier(case_store, 1, target, redaction=redaction)
    text, meta = pdf_text(target)
    raw = target.read_bytes()
    assert CANARY.casefold() not in text.casefold()
    assert "917 9000" not in text and "Benali" not in text
    assert "[redacted]" in text
    assert PERSIAN in text
    assert CANARY.encode() not in raw
    assert all("Benali" not in str(v) for v in meta.values())


def test_redaction_spec_is_parsed() -> None:
    r = dossier.Redaction.parse(["contacts, witnesses", "Jane Roe"])
    assert (r.contacts, r.witnesses, r.names) == (True, True, ("Jane Roe",))
    with pytest.raises(OutputError):
        dossier.Redaction.parse("x")


def test_bad_input_writes_nothing(case_store: Store, tmp_path: Path) -> None:
    with pytest.raises(UnknownRecord):
        dossier.write_dossier(case_store, 42, tmp_path / "a.pdf")
    existing = tmp_path / "b.pdf"
    existing.write_bytes(b"keep")
    with pytest.raises(OutputError):
        dossier.write_dossier(case_store, 1, existing)
    assert existing.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.glob("*.pdf*")) == ["b.pdf"]

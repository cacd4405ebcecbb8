"""Names and quotes taken from documents are text on every casework page, never markup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from vigil import cases
from vigil.accounts import Role
from vigil.model import ParsedDocument
from vigil.store import Store
from vigil.store.suggestions import save_extraction

from ..cases.conftest import LETTER, letter_record
from .conftest import Browser

HOSTILE = '<img src=x onerror="alert(1)">Omar</b>'


def test_a_hostile_name_is_escaped_on_every_casework_page(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    record = letter_record()
    record = replace(
        record,
        suggestions=[
            replace(s, value=HOSTILE) if s.field == "persons_at_risk" else s
            for s in record.suggestions
        ],
    )
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, record)
    cases.build_from_extractions(store)
    party = next(p.id for p in cases.list_parties(store) if p.name == HOSTILE)
    # markup is no name, so no case is suggested for it: one is made by hand
    case_id = cases.new_case(store, HOSTILE)
    cases.add_to_case(store, case_id, party_id=party)
    letter = next(i.id for i in cases.list_interventions(store) if i.key == "letter")
    viewer = signed_in(Role.VIEWER)
    pages = [
        "/cases",
        f"/cases/{case_id}",
        "/interventions",
        f"/interventions/{letter}",
        "/parties",
        f"/parties/{party}",
        "/review",
        f"/documents/{doc_id}",
    ]
    for url in pages:
        html = viewer.page(url)
        at = html.find("<img")
        assert at < 0, (url, html[max(0, at - 300) : at + 200])
    assert "&lt;img src=x" in viewer.page(f"/cases/{case_id}")

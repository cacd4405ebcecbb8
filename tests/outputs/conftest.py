"""A small fictional case for the outputs: one extracted letter, a letter by hand, a
response, and a person at risk with a Persian name (SQLite only; outputs read the same
views on both backends)."""

from __future__ import annotations

import pytest

from vigil import cases
from vigil.model import ParsedDocument
from vigil.store import Store
from vigil.store.suggestions import save_extraction

from ..cases.conftest import LETTER, letter_record

PERSIAN = "رضا محمدی"
"""A fictional Persian name (Reza Mohammadi): must come out of every output intact."""


@pytest.fixture
def case_store(store: Store) -> Store:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Appeal")
    doc_id = store.add_document(parsed, LETTER.encode(), locator="appeal.txt")
    save_extraction(store, doc_id, letter_record())
    cases.build_from_extractions(store)
    cases.suggest_cases(store)
    case_id = cases.list_cases(store)[0].id
    cases.new_intervention(
        store, when="2024-06-01", to=["Minister of Justice"], from_=["Clara Jensen"],
        on_behalf=[PERSIAN], case_id=case_id, demands=["release"],
    )  # fmt: skip
    persian = next(p for p in cases.list_parties(store) if p.name == PERSIAN)
    cases.add_to_case(store, case_id, party_id=persian.id)
    return store

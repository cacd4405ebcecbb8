"""Case-file tests run on SQLite and PostgreSQL (those marked `sqlite_only` on SQLite).

`letter_store` holds one fictional letter with a hand-made extraction (fast,
no NLP); the shared example letters are ingested and extracted for real in
`test_seed_letters.py`.
"""

from __future__ import annotations

import pytest

from vigil import cases
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store.suggestions import save_extraction

from ..conftest import parametrise_backends

LETTER = """12 May 2024

Ms. Ana Lindqvist
Minister of the Interior

Dear Minister,

We write about Mr. Omar Benali, who was arrested by the police in Malmo on
2 April 2024. We wrote to the Minister of Justice in April and received no reply.
We urge you to release him.

Clara Jensen
Director, Nordic Detention Watch
"""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrise_backends(metafunc)


def _span(text: str) -> list[Span]:
    start = LETTER.index(text)
    return [Span(start, start + len(text))]


def _s(field: str, value: object, text: str, component: str = "test") -> SuggestionRecord:
    return SuggestionRecord(field, value, _span(text), component, "rule", 0.8)


def letter_record() -> ExtractionRecord:
    return ExtractionRecord(
        pipeline_version="test",
        contract={"kind": "letter", "date": "2024-05-12"},
        suggestions=[
            _s("date", "2024-05-12", "12 May 2024"),
            _s("senders", {"name": "Clara Jensen", "kind": "person",
                           "organization": "Nordic Detention Watch"}, "Clara Jensen"),
            _s("addressees", {"name": "Ana Lindqvist", "kind": "person"}, "Ms. Ana Lindqvist"),
            _s("persons_at_risk", "Omar Benali", "Mr. Omar Benali"),
            _s("demands", "release", "We urge you to release him."),
            _s("events", {"type": "arrest", "subjects": ["Omar Benali"], "actors": ["the police"],
                          "place": "Malmo", "date": "2024-04-02", "modality": "asserted"},
               "arrested by the police in Malmo"),
            _s("prior_interventions", {"to": "Minister of Justice", "by": "Clara Jensen",
                                       "status": "no_response"}, "received no reply"),
        ],
        errors=[],
        truncated=False,
    )  # fmt: skip


@pytest.fixture
def letter_store(store: Store) -> Store:
    """A store with one extracted letter, built into the case file, its case suggested."""
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER)
    doc_id = store.add_document(parsed, LETTER.encode(), locator="letter.txt")
    save_extraction(store, doc_id, letter_record())
    cases.build_from_extractions(store)
    cases.suggest_cases(store)
    return store

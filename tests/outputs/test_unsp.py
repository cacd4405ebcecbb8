from __future__ import annotations

from datetime import date

import pytest

from vigil.errors import UnknownRecord
from vigil.outputs.unsp import draft_submission
from vigil.store import Store

from .conftest import PERSIAN
from .test_letters import accept_events


def test_submission_follows_the_questionnaire_and_lists_what_is_missing(
    case_store: Store,
) -> None:
    draft = draft_submission(case_store, 1, today=date(2024, 7, 1))
    for heading in ["## 1. Identity of the person(s) concerned",
                    "## 2. Alleged violation: date, place and circumstances",
                    "## 3. Alleged perpetrators", "## 4. Steps taken domestically",
                    "## 5. Identity of the submitter", "## 6. Consent"]:  # fmt: skip
        assert heading in draft.text
    assert PERSIAN in draft.text and "Arrest (Omar Benali): 2024-04-02, Malmo" in draft.text
    assert "the police (as alleged)" in draft.text
    assert any("not yet reviewed" in m for m in draft.missing)
    assert any("consent" in m for m in draft.missing)
    assert any("submitter" in m for m in draft.missing)
    assert "Working Group on Arbitrary Detention" in draft.mandates
    assert any(c.startswith("Category I:") for c in draft.wgad_categories)


def test_reviewed_events_and_a_submitter_leave_less_missing(case_store: Store) -> None:
    accept_events(case_store)
    draft = draft_submission(case_store, 1, submitter="Clara Jensen | Nordic Detention Watch")
    assert not any("reviewed" in m or "submitter" in m for m in draft.missing)
    assert "Nordic Detention Watch" in draft.text


def test_unknown_case_is_a_clear_error(case_store: Store) -> None:
    with pytest.raises(UnknownRecord):
        draft_submission(case_store, 42)

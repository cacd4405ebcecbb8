"""Cases: suggested per person or group at risk, made, grown, merged, closed and shown."""

from __future__ import annotations

from vigil.errors import CaseError
from vigil.model import CaseSummary, CaseView
from vigil.store import Store
from vigil.store import cases as case_store


def suggest_cases(store: Store, actor: str = "local") -> list[int]:
    """One suggested case per party at risk that has none yet; returns the new case ids."""
    made: list[int] = []
    for party_id, name in case_store.at_risk_parties(store):
        case_id = case_store.create_case(
            store,
            name,
            members=[party_id],
            suggested_for=party_id,
            review_state="suggested",
            actor=actor,
        )
        if case_id is not None:
            made.append(case_id)
    return made


def new_case(store: Store, name: str, actor: str = "local") -> int:
    if not name.strip():
        raise CaseError("give the case a name, e.g. `vigil case new 'Family of X'`")
    case_id = case_store.create_case(store, name.strip(), actor=actor)
    assert case_id is not None  # only suggested cases can already exist
    return case_id


def add_to_case(
    store: Store,
    case_id: int,
    *,
    party_id: int | None = None,
    document_id: int | None = None,
    actor: str = "local",
) -> bool:
    if (party_id is None) == (document_id is None):
        raise CaseError("give exactly one of --party or --document")
    return case_store.add_to_case(
        store, case_id, party_id=party_id, document_id=document_id, actor=actor
    )


def merge_cases(store: Store, into: int, other: int, actor: str = "local") -> None:
    case_store.merge_cases(store, into, other, actor)


def close_case(store: Store, case_id: int, actor: str = "local") -> None:
    case_store.close_case(store, case_id, actor)


def list_cases(store: Store) -> list[CaseSummary]:
    return case_store.list_cases(store)


def show_case(store: Store, case_id: int) -> CaseView:
    return case_store.case_view(store, case_id)

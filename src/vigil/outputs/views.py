"""What every output reads: the case-file views the pages use, gathered once.

No SQL and no formatting here: `cases.show_case`, `cases.list_interventions`,
`cases.list_parties` and `cases.intervention_detail` are the only sources, so a
dossier, a letter and a CSV row say what the case page says.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil import cases
from vigil.model import (
    CaseSummary,
    CaseView,
    ExtractionRecord,
    InterventionSummary,
    PartySummary,
)
from vigil.store import Store
from vigil.store.suggestions import get_extraction


@dataclass(frozen=True)
class CaseFile:
    """Every case with its view, every intervention and party, and which case holds what."""

    cases: list[CaseSummary]
    views: dict[int, CaseView]
    interventions: list[InterventionSummary]
    parties: list[PartySummary]

    def cases_of_intervention(self, intervention_id: int) -> list[CaseSummary]:
        return [
            c
            for c in self.cases
            if any(
                i.what == "intervention" and i.id == intervention_id
                for i in self.views[c.id].timeline
            )
        ]

    def cases_of_party(self, party_id: int) -> list[CaseSummary]:
        return [
            c for c in self.cases if any(p.party_id == party_id for p in self.views[c.id].parties)
        ]


def read_case_file(store: Store) -> CaseFile:
    """The whole case file as the pages show it (merged cases left out)."""
    summaries = [c for c in cases.list_cases(store) if c.status != "merged"]
    return CaseFile(
        cases=summaries,
        views={c.id: cases.show_case(store, c.id) for c in summaries},
        interventions=cases.list_interventions(store),
        parties=cases.list_parties(store),
    )


REVIEWED = frozenset({"accepted", "edited", "confirmed"})
"""Review states of a fact an output may state as alleged (a person looked at it)."""


def event_review_states(store: Store, view: CaseView) -> dict[int, str]:
    """Each event's review state: the decision a person made on the suggestion behind it.

    The case file's event rows keep the state they were built with; the decision lives on
    the extraction's suggestion with the same field and first span.
    """
    records: dict[int, ExtractionRecord | None] = {}
    states: dict[int, str] = {}
    for item in view.timeline:
        if item.what != "event":
            continue
        state = item.review_state
        if item.quote is not None and item.quote.spans and item.document_id is not None:
            if item.document_id not in records:
                records[item.document_id] = get_extraction(store, item.document_id)
            record = records[item.document_id]
            for s in record.suggestions if record else []:
                if s.field == "events" and s.spans and s.spans[0] == item.quote.spans[0]:
                    state = s.review_state
                    break
        states[item.id] = state
    return states

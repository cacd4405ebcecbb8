"""Cases: suggested per person or group at risk, made, grown, merged, closed and shown."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence

from vigil.cases.at_risk import (
    Candidate,
    Verdict,
    folded_words,
    judge,
    titled_in,
    within_organisation_names,
)
from vigil.cases.build import build_from_extractions
from vigil.cases.facts import DEFAULT_FOLLOW_UP_DAYS
from vigil.cases.review import settle
from vigil.errors import CaseError
from vigil.model import AtRiskParty, CaseFileUpdate, CaseSummary, CaseView
from vigil.store import Store
from vigil.store import cases as case_store
from vigil.store import facts as fact_store
from vigil.store import name_keys as key_store

log = logging.getLogger(__name__)


def suggest_cases(
    store: Store, actor: str = "local", documents: Iterable[int] | None = None
) -> list[int]:
    """One suggested case per person or specific group at risk that has none yet.

    `at_risk.judge` decides which parties are worth a case; the verdicts are
    logged as counts. Returns the new case ids. With `documents` (an update) only
    the parties they mention at risk can get a case: the others' verdicts have not
    changed, or only away from a case (another role, another title). They are judged
    with the parties at risk sharing a surname with them (an official whose shorter
    name they may be, `short_forms_of_officials`), not with every party.
    """
    among: list[int] | None = None
    touched: set[int] | None = None
    if documents is not None:
        touched = set(
            key_store.parties_of_documents(store, list(documents), case_store.AT_RISK_ROLES)
        )
        if not touched:
            return []
        surnames = key_store.keys_of_parties(store, sorted(touched), surnames=True)
        sharing = key_store.parties_sharing(store, surnames, case_store.AT_RISK_ROLES)
        among = sorted(touched | set(sharing))
    made: list[int] = []
    verdicts: Counter[str] = Counter()
    for party, verdict in judge_at_risk(store, among, touched):
        if touched is not None and party.party_id not in touched:
            continue
        verdicts[verdict.value] += 1
        if verdict is not Verdict.CASE:
            continue
        case_id = case_store.create_case(
            store,
            party.name,
            members=[party.party_id],
            suggested_for=party.party_id,
            review_state="suggested",
            actor=actor,
        )
        if case_id is not None:
            made.append(case_id)
    log.info("case suggestions: %d made; verdicts %s", len(made), dict(verdicts))
    return made


def update_case_file(
    store: Store,
    documents: Iterable[int] | None = None,
    *,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    actor: str = "local",
) -> CaseFileUpdate:
    """Build the facts of `documents` (all when None) and suggest the cases they bring.

    What `vigil ingest`, a web upload and `vigil cases suggest` each run. The
    documents' sure facts about themselves (language, kind, date, title) are
    settled first (`review.settle`): nobody needs to review them, nor what agrees with
    a decision already taken.
    """
    chosen = None if documents is None else list(documents)
    settle(store, chosen)
    report = build_from_extractions(
        store, follow_up_days=follow_up_days, actor=actor, documents=chosen
    )
    return CaseFileUpdate(report, suggest_cases(store, actor, chosen))


def judge_at_risk(
    store: Store, among: Sequence[int] | None = None, wanted: set[int] | None = None
) -> list[tuple[AtRiskParty, Verdict]]:
    """Every party mentioned at risk (of `among`, when given) with the verdict on it
    (`at_risk.judge`). With `wanted`, the others are judged only when they may be an
    official whose shorter name a wanted party has (`short_forms_of_officials`): their
    texts are not read for nothing."""
    texts: dict[int, str] = {}

    def text(document_id: int) -> str:
        if document_id not in texts:
            texts[document_id] = fact_store.document_text(store, document_id)
        return texts[document_id]

    judged: list[tuple[AtRiskParty, Verdict]] = []
    found = case_store.at_risk_candidates(store, among)
    if wanted is not None:
        shorter = [set(folded_words(p.name)) for p in found if p.party_id in wanted]
        found = [
            p
            for p in found
            if p.party_id in wanted or any(w < set(folded_words(p.name)) for w in shorter)
        ]
    for party in found:
        candidate = Candidate(
            party.party_id,
            party.name,
            party.kind,
            party.roles,
            dismissed=party.review_state == "rejected",
        )
        verdict = judge(candidate)
        if verdict is Verdict.CASE and party.kind != "group":
            docs = [text(d) for d in party.documents]
            if any(titled_in(name, docs) for name in party.names if " " in name.strip()):
                verdict = Verdict.OFFICIAL
            elif all(within_organisation_names(name, docs) for name in party.names):
                verdict = Verdict.NOT_PEOPLE
        judged.append((party, verdict))
    return short_forms_of_officials(judged)


def short_forms_of_officials(
    judged: list[tuple[AtRiskParty, Verdict]],
) -> list[tuple[AtRiskParty, Verdict]]:
    """A person whose name is a shorter form of an official's ('Jane Doe' of 'Mary Jane
    Doe', the minister) is that official, even where no title stands beside it."""
    officials = [set(folded_words(p.name)) for p, v in judged if v is Verdict.OFFICIAL]
    return [
        (p, Verdict.OFFICIAL)
        if v is Verdict.CASE
        and p.kind != "group"
        and any(set(folded_words(p.name)) < words for words in officials)
        else (p, v)
        for p, v in judged
    ]


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


def dismiss_case(store: Store, case_id: int, actor: str = "local") -> None:
    """Not a case: closed, kept as rejected, never suggested again for its party."""
    case_store.dismiss_case(store, case_id, actor)


def list_cases(store: Store, *, dismissed: bool = False) -> list[CaseSummary]:
    """Cases in id order; dismissed ones only when asked."""
    found = case_store.list_cases(store)
    return found if dismissed else [c for c in found if c.review_state != "rejected"]


def show_case(store: Store, case_id: int) -> CaseView:
    return case_store.case_view(store, case_id)

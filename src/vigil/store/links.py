"""What points at what, for pages that link everything: document titles, the cases, people
at risk and places around each intervention, what a document feeds, a party's letters.

Read-only; one query per kind of link over every id asked for, never one per row.
Merged and dismissed cases are left out of every answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Connection, and_, func, select, true

from vigil.model import InterventionSummary, PartyRole, display_title
from vigil.store import tables
from vigil.store.case_tables import (
    case_documents,
    case_members,
    cases,
    event_parties,
    events,
    intervention_events,
    intervention_hand_parties,
    intervention_parties,
    intervention_sources,
    interventions,
    mentions,
    parties,
)
from vigil.store.extraction_tables import suggestions
from vigil.store.interventions import hand_parties_of, intervention_summaries, live_party
from vigil.store.store import Store


@dataclass(frozen=True)
class CaseRef:
    id: int
    name: str
    status: str


@dataclass(frozen=True)
class InterventionContext:
    """Around one intervention: the people at risk it speaks for, its cases, event places."""

    about: list[PartyRole] = field(default_factory=list)
    """On-behalf parties, then the subjects of the events it is about (role `subject`)."""
    cases: list[CaseRef] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentLinks:
    """What one document feeds: interventions, cases and parties (with their roles)."""

    interventions: list[int]
    cases: list[CaseRef]
    parties: list[PartyRole]


@dataclass(frozen=True)
class PartyEvent:
    """An event a party is the subject or actor of."""

    id: int
    type: str
    date: str | None
    role: str
    document_id: int | None


@dataclass(frozen=True)
class PartyLetters:
    """The interventions a party wrote, received (or was copied), or that speak about it,
    and the events it is the subject or actor of."""

    by_role: dict[str, list[int]]
    """'sender', 'addressee', 'copy', 'on_behalf', 'subject' -> intervention ids."""
    events: list[PartyEvent]
    """By date (undated last)."""


def _live_cases() -> list[ColumnElement[bool]]:
    return [cases.c.status != "merged", cases.c.review_state != "rejected"]


def document_titles(store: Store, ids: Iterable[int]) -> dict[int, str]:
    """Per document id, its name on every page (`model.display_title`: the title, else the
    file name of its first source)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    d, s = tables.documents.c, tables.sources.c
    first = (
        select(s.document_id, func.min(s.id).label("sid"))
        .where(s.document_id.in_(wanted))
        .group_by(s.document_id)
        .subquery()
    )
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(d.id, d.title, s.locator)
            .select_from(tables.documents)
            .outerjoin(first, first.c.document_id == d.id)
            .outerjoin(tables.sources, s.id == first.c.sid)
            .where(d.id.in_(wanted))
        )
        return {int(r.id): display_title(r.title, r.locator, int(r.id)) for r in rows}


def _on_behalf(conn: Connection, ids: Sequence[int] | None) -> list[tuple[int, PartyRole]]:
    ip = intervention_parties.c
    query = (
        select(ip.intervention_id, parties.c.id, parties.c.name, parties.c.kind)
        .select_from(intervention_parties)
        .join(mentions, mentions.c.id == ip.mention_id)
        .join(parties, parties.c.id == mentions.c.party_id)
        .where(ip.role == "on_behalf")
        .order_by(ip.intervention_id, mentions.c.id)
    )
    if ids is not None:
        query = query.where(ip.intervention_id.in_(ids))
    out = [
        (int(r.intervention_id), PartyRole(int(r.id), r.name, r.kind, "on_behalf"))
        for r in conn.execute(query)
    ]
    h = intervention_hand_parties.c
    where = (h.role == "on_behalf") & (h.intervention_id.in_(ids) if ids is not None else true())
    for iid, hand in hand_parties_of(conn, where):
        out.extend((iid, role) for role in hand)
    return out


def _subjects(conn: Connection, ids: Sequence[int] | None) -> list[tuple[int, PartyRole, str]]:
    """(intervention, subject party, event place or '') over the events each is about."""
    ie, ep = intervention_events.c, event_parties.c
    query = (
        select(ie.intervention_id, parties.c.id, parties.c.name, parties.c.kind, events.c.place)
        .select_from(intervention_events)
        .join(events, events.c.id == ie.event_id)
        .join(event_parties, and_(ep.event_id == ie.event_id, ep.role == "subject"))
        .join(mentions, mentions.c.id == ep.mention_id)
        .join(parties, parties.c.id == mentions.c.party_id)
        .where(events.c.review_state != "rejected")
        .order_by(ie.intervention_id, mentions.c.id)
    )
    if ids is not None:
        query = query.where(ie.intervention_id.in_(ids))
    return [
        (int(r.intervention_id), PartyRole(int(r.id), r.name, r.kind, "subject"), r.place or "")
        for r in conn.execute(query)
    ]


def _places(conn: Connection, ids: Sequence[int] | None) -> list[tuple[int, str]]:
    ie = intervention_events.c
    query = (
        select(ie.intervention_id, events.c.place)
        .join(events, events.c.id == ie.event_id)
        .where(events.c.place.is_not(None), events.c.review_state != "rejected")
    )
    if ids is not None:
        query = query.where(ie.intervention_id.in_(ids))
    return [(int(r.intervention_id), str(r.place)) for r in conn.execute(query)]


def _cases_of(
    conn: Connection, ids: Sequence[int] | None, about: dict[int, list[PartyRole]]
) -> dict[int, list[CaseRef]]:
    """As a case page gathers them: the case holds the letter's document, or the letter
    speaks on behalf of one of the case's members."""
    iv, cd = interventions.c, case_documents.c
    by_doc = (
        select(iv.id, cases.c.id.label("case_id"), cases.c.name, cases.c.status)
        .join(case_documents, cd.document_id == iv.document_id)
        .join(cases, cases.c.id == cd.case_id)
        .where(*_live_cases())
    )
    if ids is not None:
        by_doc = by_doc.where(iv.id.in_(ids))
    found: dict[int, dict[int, CaseRef]] = {}
    for r in conn.execute(by_doc):
        found.setdefault(int(r.id), {})[int(r.case_id)] = CaseRef(int(r.case_id), r.name, r.status)
    behalf = {p.party_id for roles in about.values() for p in roles if p.role == "on_behalf"}
    members: dict[int, list[CaseRef]] = {}
    if behalf:
        rows = conn.execute(
            select(case_members.c.party_id, cases.c.id, cases.c.name, cases.c.status)
            .join(cases, cases.c.id == case_members.c.case_id)
            .where(case_members.c.party_id.in_(sorted(behalf)), *_live_cases())
        )
        for r in rows:
            members.setdefault(int(r.party_id), []).append(CaseRef(int(r.id), r.name, r.status))
    for iid, roles in about.items():
        for p in roles:
            if p.role == "on_behalf":
                for ref in members.get(p.party_id, []):
                    found.setdefault(iid, {})[ref.id] = ref
    return {iid: sorted(refs.values(), key=lambda c: c.id) for iid, refs in found.items()}


def intervention_contexts(
    store: Store, ids: Sequence[int] | None = None
) -> dict[int, InterventionContext]:
    """Per intervention id (every one when `ids` is None): whom it is about, its cases and
    the places of its events. Interventions with none of these are absent."""
    with store.engine.connect() as conn:
        about: dict[int, list[PartyRole]] = {}
        for iid, role in _on_behalf(conn, ids):
            about.setdefault(iid, []).append(role)
        for iid, role, _place in _subjects(conn, ids):
            about.setdefault(iid, []).append(role)
        deduped = {iid: _unique_parties(roles) for iid, roles in about.items()}
        case_refs = _cases_of(conn, ids, about)
        places: dict[int, list[str]] = {}
        for iid, place in _places(conn, ids):
            places.setdefault(iid, [])
            if place not in places[iid]:
                places[iid].append(place)
    keys = set(deduped) | set(case_refs) | set(places)
    return {
        iid: InterventionContext(deduped.get(iid, []), case_refs.get(iid, []), places.get(iid, []))
        for iid in keys
    }


def _unique_parties(roles: list[PartyRole]) -> list[PartyRole]:
    """Each party once, at its first role (on behalf before subject)."""
    seen: dict[int, PartyRole] = {}
    for role in roles:
        seen.setdefault(role.party_id, role)
    return list(seen.values())


def document_links(store: Store, doc_id: int) -> DocumentLinks:
    """The interventions a document carries (or reposts), its cases, and its parties."""
    iv, src = interventions.c, intervention_sources.c
    with store.engine.connect() as conn:
        carried = set(conn.scalars(select(iv.id).where(iv.document_id == doc_id)))
        carried |= set(
            conn.scalars(select(src.intervention_id).where(src.document_id == doc_id))
        )
        in_cases = _document_cases(conn, doc_id, sorted(carried))
        party_rows = conn.execute(
            select(parties.c.id, parties.c.name, parties.c.kind, mentions.c.role)
            .join(mentions, mentions.c.party_id == parties.c.id)
            .where(mentions.c.document_id == doc_id)
            .order_by(parties.c.name, parties.c.id)
        )
        found = _unique_parties([PartyRole(int(r.id), r.name, r.kind, r.role) for r in party_rows])
    return DocumentLinks(sorted(carried), in_cases, found)


def _document_cases(conn: Connection, doc_id: int, carried: list[int]) -> list[CaseRef]:
    """As a case page gathers its documents: the case holds the document, or a member of
    the case is the subject of one of its events or the one its letters speak for."""
    ep = event_parties.c
    found = set(
        conn.scalars(
            select(mentions.c.party_id)
            .join(event_parties, ep.mention_id == mentions.c.id)
            .join(events, events.c.id == ep.event_id)
            .where(
                events.c.document_id == doc_id,
                events.c.review_state != "rejected",
                ep.role == "subject",
            )
        )
    )
    found |= {p.party_id for _iid, p in _on_behalf(conn, carried)}
    members = sorted(m for m in found if m is not None)
    cm, cd = case_members.c, case_documents.c
    rows = conn.execute(
        select(cases.c.id, cases.c.name, cases.c.status)
        .where(
            *_live_cases(),
            cases.c.id.in_(select(cd.case_id).where(cd.document_id == doc_id))
            | cases.c.id.in_(select(cm.case_id).where(cm.party_id.in_(members))),
        )
        .order_by(cases.c.id)
    )
    return [CaseRef(int(r.id), r.name, r.status) for r in rows]


def party_letters(store: Store, party_id: int) -> PartyLetters:
    """The interventions a party takes part in by role, those about it, and its events."""
    ip, h, ep = intervention_parties.c, intervention_hand_parties.c, event_parties.c
    by_role: dict[str, set[int]] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(
            select(ip.intervention_id, ip.role)
            .join(mentions, mentions.c.id == ip.mention_id)
            .where(mentions.c.party_id == party_id)
        ):
            by_role.setdefault(str(r.role), set()).add(int(r.intervention_id))
        for link in conn.execute(select(h.intervention_id, h.party_id, h.role)):
            if live_party(conn, int(link.party_id)) == party_id:
                by_role.setdefault(str(link.role), set()).add(int(link.intervention_id))
        subject_of = select(ep.event_id).join(mentions, mentions.c.id == ep.mention_id).where(
            mentions.c.party_id == party_id, ep.role == "subject"
        )
        by_role.setdefault("subject", set()).update(
            conn.scalars(
                select(intervention_events.c.intervention_id).where(
                    intervention_events.c.event_id.in_(subject_of)
                )
            )
        )
        event_rows = conn.execute(
            select(events.c.id, events.c.type, events.c.date, ep.role, events.c.document_id)
            .select_from(event_parties)
            .join(events, events.c.id == ep.event_id)
            .join(mentions, mentions.c.id == ep.mention_id)
            .where(mentions.c.party_id == party_id, events.c.review_state != "rejected")
            .order_by(events.c.date.is_(None), events.c.date, events.c.id)
        )
        found = list(
            dict.fromkeys(
                PartyEvent(int(r.id), str(r.type), r.date, str(r.role), r.document_id)
                for r in event_rows
            )
        )
    return PartyLetters({k: sorted(v) for k, v in by_role.items() if v}, found)


def waiting_review_by_field(store: Store) -> dict[str, int]:
    """How many machine suggestions wait for a person, per field."""
    s = suggestions
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(s.c.field, func.count())
            .where(s.c.review_state == "suggested")
            .group_by(s.c.field)
        )
        return {str(f): int(n) for f, n in rows}



def interventions_by_id(store: Store, ids: Sequence[int]) -> list[InterventionSummary]:
    """The summaries of these interventions, in id order."""
    if not ids:
        return []
    with store.engine.connect() as conn:
        return intervention_summaries(conn, sorted(set(ids)))

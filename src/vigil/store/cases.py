"""Cases in the store: suggested and made by hand, members and documents, merge, close, view.

Every change a person makes is checked and applied in one transaction, and
appended to the change log as ids and field names only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from vigil.errors import InvalidMerge
from vigil.model import AtRiskParty, CaseSummary, CaseView, PartyRole, TimelineItem
from vigil.store import tables
from vigil.store.case_fields import fields_of
from vigil.store.case_rows import (
    alleged_by,
    case_member_roles,
    event_party_roles,
    inserted_id,
    quote_of,
    require_open_case,
    require_row,
    utc_now,
)
from vigil.store.case_tables import (
    case_documents,
    case_members,
    cases,
    event_parties,
    events,
    intervention_hand_parties,
    intervention_parties,
    interventions,
    mentions,
    parties,
)
from vigil.store.changes import log_change
from vigil.store.interventions import intervention_summaries, live_party
from vigil.store.store import Store

AT_RISK_ROLES = ("person_at_risk", "group_at_risk")


def at_risk_candidates(store: Store, among: Sequence[int] | None = None) -> list[AtRiskParty]:
    """Every live party mentioned at risk (of `among`, when given) that has no case
    suggested yet (nor dismissed), with its roles, documents and spellings, in order of
    first at-risk mention."""
    m = mentions.c
    with store.engine.connect() as conn:
        # one lookup per party in the unique index, not a list of every case
        has_case = select(cases.c.id).where(cases.c.suggested_for == m.party_id).exists()
        query = (
            select(m.party_id, func.min(m.id).label("first"))
            .where(
                m.role.in_(AT_RISK_ROLES),
                m.party_id.is_not(None),
                ~has_case,
            )
            .group_by(m.party_id)
        )
        if among is not None:
            query = query.where(m.party_id.in_(sorted(set(among))))
        first = {int(r.party_id): int(r.first) for r in conn.execute(query)}
        found = {
            int(r.id): AtRiskParty(int(r.id), r.name, r.kind, r.review_state, {}, (), ())
            for r in conn.execute(
                select(parties.c.id, parties.c.name, parties.c.kind, parties.c.review_state).where(
                    parties.c.id.in_(list(first))
                )
            )
        }
        roles: dict[int, dict[str, int]] = {}
        docs: dict[int, set[int]] = {}
        names: dict[int, set[str]] = {}
        for r in conn.execute(
            select(m.party_id, m.role, m.document_id, m.name).where(m.party_id.in_(list(first)))
        ):
            party = int(r.party_id)
            roles.setdefault(party, {})
            roles[party][r.role] = roles[party].get(r.role, 0) + 1
            if r.document_id is not None:  # None: an event entered by hand
                docs.setdefault(party, set()).add(int(r.document_id))
            names.setdefault(party, set()).add(r.name)
    return [
        AtRiskParty(
            p.party_id,
            p.name,
            p.kind,
            p.review_state,
            roles.get(p.party_id, {}),
            tuple(sorted(docs.get(p.party_id, ()))),
            tuple(sorted(names.get(p.party_id, ()))),
        )
        for p in sorted(found.values(), key=lambda p: first[p.party_id])
    ]


def create_case(
    store: Store,
    name: str,
    *,
    members: Iterable[int] = (),
    suggested_for: int | None = None,
    review_state: str = "confirmed",
    actor: str = "local",
) -> int | None:
    """Create a case; None if one was already suggested for `suggested_for`."""
    now = utc_now()
    with store.engine.begin() as conn:
        if suggested_for is not None and conn.scalar(
            select(cases.c.id).where(cases.c.suggested_for == suggested_for)
        ):
            return None
        member_ids = list(dict.fromkeys(members))
        for party_id in member_ids:
            require_row(conn, parties, party_id, "party")
        case_id = inserted_id(
            conn,
            cases.insert().values(
                name=name,
                status="open",
                suggested_for=suggested_for,
                review_state=review_state,
                created_at=now,
                updated_at=now,
            ),
        )
        for party_id in member_ids:
            conn.execute(
                case_members.insert().values(
                    case_id=case_id, party_id=party_id, role="at_risk", review_state=review_state
                )
            )
        log_change(conn, actor, "create", "case", case_id, {"members": member_ids})
    return case_id


def add_to_case(
    store: Store,
    case_id: int,
    *,
    party_id: int | None = None,
    document_id: int | None = None,
    actor: str = "local",
) -> bool:
    """Add a party at risk or a document to a case; False if it was there already."""
    with store.engine.begin() as conn:
        require_open_case(conn, case_id)
        if party_id is not None:
            require_row(conn, parties, party_id, "party")
            if conn.scalar(
                select(func.count())
                .select_from(case_members)
                .where(case_members.c.case_id == case_id, case_members.c.party_id == party_id)
            ):
                return False
            conn.execute(
                case_members.insert().values(
                    case_id=case_id, party_id=party_id, role="at_risk", review_state="confirmed"
                )
            )
            log_change(conn, actor, "add_party", "case", case_id, {"party_id": party_id})
        if document_id is not None:
            require_row(conn, tables.documents, document_id, "document")
            if conn.scalar(
                select(func.count())
                .select_from(case_documents)
                .where(
                    case_documents.c.case_id == case_id, case_documents.c.document_id == document_id
                )
            ):
                return False
            conn.execute(case_documents.insert().values(case_id=case_id, document_id=document_id))
            log_change(conn, actor, "add_document", "case", case_id, {"document_id": document_id})
    return True


def merge_cases(store: Store, into: int, other: int, actor: str = "local") -> None:
    """Move the members and documents of `other` into `into`; `other` is marked merged."""
    if into == other:
        raise InvalidMerge(f"case {into} cannot be merged into itself; give two different ids")
    with store.engine.begin() as conn:
        require_open_case(conn, into)
        require_open_case(conn, other)
        have = set(
            conn.scalars(select(case_members.c.party_id).where(case_members.c.case_id == into))
        )
        for row in conn.execute(
            select(case_members).where(case_members.c.case_id == other)
        ).mappings():
            if row["party_id"] not in have:
                conn.execute(case_members.insert().values({**row, "case_id": into}))
        docs = set(
            conn.scalars(
                select(case_documents.c.document_id).where(case_documents.c.case_id == into)
            )
        )
        for doc_id in conn.scalars(
            select(case_documents.c.document_id).where(case_documents.c.case_id == other)
        ):
            if doc_id not in docs:
                conn.execute(case_documents.insert().values(case_id=into, document_id=doc_id))
        conn.execute(
            update(cases)
            .where(cases.c.id == other)
            .values(status="merged", merged_into=into, updated_at=utc_now())
        )
        conn.execute(update(cases).where(cases.c.id == into).values(updated_at=utc_now()))
        log_change(
            conn,
            actor,
            "merge",
            "case",
            into,
            {"merged": other, "fields": ["status", "merged_into"]},
        )


def dismiss_case(store: Store, case_id: int, actor: str = "local") -> None:
    """A case that is none: closed and kept as rejected, so it is never suggested again."""
    with store.engine.begin() as conn:
        require_row(conn, cases, case_id, "case")
        conn.execute(
            update(cases)
            .where(cases.c.id == case_id)
            .values(status="closed", review_state="rejected", updated_at=utc_now())
        )
        log_change(conn, actor, "dismiss", "case", case_id, {"fields": ["status", "review_state"]})


def close_case(store: Store, case_id: int, actor: str = "local") -> None:
    with store.engine.begin() as conn:
        row = require_open_case(conn, case_id)
        if row["status"] == "closed":
            return
        conn.execute(
            update(cases).where(cases.c.id == case_id).values(status="closed", updated_at=utc_now())
        )
        log_change(conn, actor, "close", "case", case_id, {"fields": ["status"]})


def _summary(conn: Connection, row: Any) -> CaseSummary:
    return CaseSummary(
        id=int(row["id"]),
        name=row["name"],
        status=row["status"],
        merged_into=row["merged_into"],
        review_state=row["review_state"],
        members=case_member_roles(conn, int(row["id"])),
        fields=fields_of(row),
    )


def list_cases(store: Store) -> list[CaseSummary]:
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(cases).order_by(cases.c.id)).mappings())
        return [_summary(conn, r) for r in rows]


def find_cases(
    store: Store, party_ids: Iterable[int], name: str, limit: int = 10
) -> list[CaseSummary]:
    """Live cases (not merged, not dismissed) with one of the parties as a member, or whose
    name contains `name` (ignoring case), in id order; at most `limit`."""
    c = cases.c
    members = select(case_members.c.case_id).where(
        case_members.c.party_id.in_(sorted(set(party_ids)))
    )
    needle = name.strip().lower()
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = (
        select(cases)
        .where(
            c.merged_into.is_(None),
            c.review_state != "rejected",
            or_(c.id.in_(members), func.lower(c.name).like(f"%{escaped}%", escape="\\")),
        )
        .order_by(c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = list(conn.execute(query).mappings())
        return [_summary(conn, r) for r in rows]


@dataclass(frozen=True)
class CaseContents:
    """The ids a case's page gathers: the documents put in it by hand, and every event and
    intervention about its members or from those documents (rejected ones included)."""

    explicit: frozenset[int]
    events: frozenset[int]
    interventions: frozenset[int]


def case_contents(conn: Connection, case_id: int, member_ids: Sequence[int]) -> CaseContents:
    """What belongs to a case (the one rule `case_view` and `store.scope` share)."""
    explicit = set(
        conn.scalars(
            select(case_documents.c.document_id).where(case_documents.c.case_id == case_id)
        )
    )
    ev_ids = set(
        conn.scalars(
            select(event_parties.c.event_id)
            .join(mentions, mentions.c.id == event_parties.c.mention_id)
            .where(mentions.c.party_id.in_(member_ids), event_parties.c.role == "subject")
        )
    )
    ev_ids |= set(conn.scalars(select(events.c.id).where(events.c.document_id.in_(explicit))))
    iv_ids = set(
        conn.scalars(
            select(intervention_parties.c.intervention_id)
            .join(mentions, mentions.c.id == intervention_parties.c.mention_id)
            .where(mentions.c.party_id.in_(member_ids), intervention_parties.c.role == "on_behalf")
        )
    )
    iv_ids |= set(
        conn.scalars(select(interventions.c.id).where(interventions.c.document_id.in_(explicit)))
    )
    h = intervention_hand_parties.c
    hand = conn.execute(select(h.intervention_id, h.party_id).where(h.role == "on_behalf")).all()
    iv_ids |= {
        int(r.intervention_id) for r in hand if live_party(conn, int(r.party_id)) in member_ids
    }
    return CaseContents(frozenset(explicit), frozenset(ev_ids), frozenset(iv_ids))


def case_view(store: Store, case_id: int) -> CaseView:
    """A case with every event and intervention about its members or its documents."""
    with store.engine.connect() as conn:
        summary = _summary(conn, require_row(conn, cases, case_id, "case"))
        contents = case_contents(conn, case_id, [p.party_id for p in summary.members])
        explicit = sorted(contents.explicit)
        ev_ids, iv_ids = contents.events, contents.interventions
        items: list[TimelineItem] = []
        texts: dict[int, str] = {}
        live_events = select(events).where(
            events.c.id.in_(ev_ids), events.c.review_state != "rejected"
        )
        for row in conn.execute(live_events).mappings():
            roles = event_party_roles(conn, int(row["id"]))
            items.append(
                TimelineItem(
                    what="event",
                    id=int(row["id"]),
                    label=row["type"],
                    date=row["date"],
                    date_precision=row["date_precision"],
                    document_id=row["document_id"],
                    parties=roles,
                    alleged_by=alleged_by(conn, int(row["id"])),
                    quote=quote_of(conn, texts, row["document_id"], row["spans"]),
                    review_state=row["review_state"],
                    place=row["place"],
                    modality=row["modality"],
                    entered_by=row["entered_by"],
                    entered_at=row["entered_at"],
                )
            )
        for summary_iv in intervention_summaries(conn, sorted(iv_ids)):
            items.append(
                TimelineItem(
                    what="intervention",
                    id=summary_iv.id,
                    label=summary_iv.key or "by hand",
                    date=summary_iv.date,
                    date_precision=summary_iv.date_precision,
                    document_id=summary_iv.document_id,
                    parties=summary_iv.parties,
                    alleged_by=summary_iv.names("sender") if summary_iv.key != "letter" else [],
                    quote=quote_of(
                        conn,
                        texts,
                        summary_iv.document_id,
                        conn.scalar(
                            select(interventions.c.spans).where(interventions.c.id == summary_iv.id)
                        )
                        or "[]",
                    ),
                    status=summary_iv.status,
                    review_state=summary_iv.review_state,
                )
            )
    dated = sorted((i for i in items if i.date), key=lambda i: (i.date or "", i.what, i.id))
    undated = sorted(
        (i for i in items if not i.date),
        key=lambda i: (
            i.document_id or 0,
            i.quote.spans[0].start if i.quote and i.quote.spans else 0,
            i.what,
            i.id,
        ),
    )
    seen: dict[tuple[int, str], PartyRole] = {(p.party_id, p.role): p for p in summary.members}
    for item in items:
        for p in item.parties:
            seen.setdefault((p.party_id, p.role), p)
    documents = sorted(set(explicit) | {i.document_id for i in items if i.document_id is not None})
    return CaseView(summary, list(seen.values()), documents, dated + undated)

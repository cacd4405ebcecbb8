"""Offices and their holders (table `office_holders`, migration 16).

`link_offices` reads the office mentions `cases.facts` made (role `office`, key
`<holder's key>.office`) in some documents, finds the party of the holder's mention
beside each, and records the link once per document, dated by the document's own
date when it has one. `office_links` lists the links between parties not merged away.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import aliased

from vigil.model import OfficeLink
from vigil.store import tables
from vigil.store.case_rows import utc_now
from vigil.store.case_tables import mentions, office_holders, parties
from vigil.store.changes import log_change
from vigil.store.store import Store

SUFFIX = ".office"


def link_offices(store: Store, documents: Sequence[int] | None, actor: str = "local") -> int:
    """Link each office mentioned in `documents` (all when None) to its holder; returns
    the links made (a link already recorded for a document is not made twice)."""
    m, d = mentions.c, tables.documents.c
    holder = aliased(mentions)
    query = (
        select(m.party_id, holder.c.party_id.label("holder"), m.document_id, m.spans, d.published)
        .join(holder, (holder.c.document_id == m.document_id))
        .join(tables.documents, d.id == m.document_id)
        .where(
            m.role == "office",
            m.party_id.is_not(None),
            holder.c.party_id.is_not(None),
            holder.c.key + SUFFIX == m.key,
        )
        .order_by(m.id)
    )
    if documents is not None:
        query = query.where(m.document_id.in_(sorted(set(documents))))
    made = 0
    o = office_holders.c
    with store.engine.begin() as conn:
        for row in conn.execute(query).all():
            if row.party_id == row.holder:
                continue
            known = conn.scalar(
                select(o.id).where(
                    o.office_id == row.party_id,
                    o.holder_id == row.holder,
                    o.document_id == row.document_id,
                )
            )
            if known is not None:
                continue
            conn.execute(
                office_holders.insert().values(
                    office_id=row.party_id,
                    holder_id=row.holder,
                    since=row.published or None,
                    document_id=row.document_id,
                    spans=row.spans,
                    created_at=utc_now(),
                    actor=actor,
                )
            )
            log_change(
                conn,
                actor,
                "link_office",
                "party",
                int(row.party_id),
                {"holder": int(row.holder), "document": int(row.document_id)},
            )
            made += 1
    return made


def office_links(store: Store, party_id: int | None = None) -> list[OfficeLink]:
    """Links between live parties (a merged party's links follow it), of `party_id` on
    either side when given; one per (office, holder), with the earliest date given."""
    o, p = office_holders.c, parties.c
    merged = p.get("merged_into")
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(o.office_id, o.holder_id, o.since, o.document_id)
            .where(o.review_state != "rejected")
            .order_by(o.id)
        ).all()
        into: dict[int, int] = {}
        if merged is not None:
            into = {
                int(a): int(b)
                for a, b in conn.execute(select(p.id, merged).where(merged.is_not(None)))
            }

        def live(party: int) -> int:
            seen = {party}
            while party in into and into[party] not in seen:
                party = into[party]
                seen.add(party)
            return party

        pairs = [(live(int(r.office_id)), live(int(r.holder_id)), r) for r in rows]
        ids = sorted({x for a, b, _ in pairs for x in (a, b)})
        names = dict(conn.execute(select(p.id, p.name).where(p.id.in_(ids))).all()) if ids else {}
    found: dict[tuple[int, int], OfficeLink] = {}
    for office, holder, r in pairs:
        if office == holder or (party_id is not None and party_id not in (office, holder)):
            continue
        link = OfficeLink(office, names[office], holder, names[holder], r.since, r.document_id)
        earlier = found.get((office, holder))
        if earlier is None or (
            link.since and (earlier.since is None or link.since < earlier.since)
        ):
            found[(office, holder)] = link
    return sorted(found.values(), key=lambda k: (k.office_id, k.holder_id))

"""Interventions in the store: summaries, one in full, statuses, responses, ones made by hand.

A status is appended to the intervention's history, never overwritten; a
response is a record of its own. Every change is checked and applied in one
transaction, and appended to the change log as ids and field names only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, select, true, update
from sqlalchemy.orm import aliased

from vigil.errors import InvalidIntervention, InvalidResponse
from vigil.model import (
    InterventionDetail,
    InterventionSummary,
    LetterSides,
    PartyRole,
    ResponseRecord,
    StatusChange,
    TimelineItem,
)
from vigil.store import tables
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
    events,
    intervention_demands,
    intervention_events,
    intervention_hand_parties,
    intervention_parties,
    intervention_sources,
    intervention_status_history,
    interventions,
    mention_keys,
    mentions,
    parties,
    party_names,
    responses,
)
from vigil.store.changes import log_change
from vigil.store.facts import script_of
from vigil.store.store import Store


def _by_intervention(conn: Connection, column: Any, of: Any) -> dict[int, list[Any]]:
    """One column of a table keyed by intervention_id, as a sorted list per intervention."""
    key = column.table.c.intervention_id
    found: dict[int, list[Any]] = {}
    for iid, value in conn.execute(select(key, column).where(of(key)).order_by(key, column)):
        found.setdefault(int(iid), []).append(value)
    return found


def intervention_summaries(
    conn: Connection, ids: Sequence[int] | None
) -> list[InterventionSummary]:
    """The summaries of the interventions with these ids (all when None), in id order.

    One query per kind of row (parties, parties named by hand, sources, demands,
    responses, statuses) for all of them, not one per intervention."""
    query = select(interventions).order_by(interventions.c.id)
    if ids is not None:
        query = query.where(interventions.c.id.in_(ids))
    rows = list(conn.execute(query).mappings())
    chosen = [int(r["id"]) for r in rows]

    def of(column: Any) -> Any:
        return column.in_(chosen) if ids is not None else true()

    ip = intervention_parties.c
    roles: dict[int, list[PartyRole]] = {}
    for r in conn.execute(
        select(ip.intervention_id, parties.c.id, parties.c.name, parties.c.kind, ip.role)
        .select_from(intervention_parties)
        .join(mentions, mentions.c.id == ip.mention_id)
        .join(parties, parties.c.id == mentions.c.party_id)
        .where(of(ip.intervention_id))
        .order_by(ip.intervention_id, mentions.c.id)
    ):
        roles.setdefault(int(r.intervention_id), []).append(
            PartyRole(int(r.id), r.name, r.kind, r.role)
        )
    for iid, hand in hand_parties_of(conn, of(intervention_hand_parties.c.intervention_id)):
        roles.setdefault(iid, []).extend(hand)
    extra = _by_intervention(conn, intervention_sources.c.document_id, of)
    demands = _by_intervention(conn, intervention_demands.c.demand, of)
    answers: dict[int, list[ResponseRecord]] = {}
    for r in conn.execute(
        select(responses).where(of(responses.c.intervention_id)).order_by(responses.c.id)
    ):
        iid = int(r.intervention_id)
        answers.setdefault(iid, []).append(
            ResponseRecord(int(r.id), iid, r.from_party, r.date, r.type, r.summary, r.document_id)
        )
    h = intervention_status_history.c
    statuses: dict[int, str] = {}
    for change in conn.execute(
        select(h.intervention_id, h.status).where(of(h.intervention_id)).order_by(h.id)
    ):
        statuses[int(change.intervention_id)] = change.status  # the latest wins
    out: list[InterventionSummary] = []
    for row in rows:
        iid = int(row["id"])
        out.append(
            InterventionSummary(
                id=iid,
                document_id=row["document_id"],
                key=row["key"],
                date=row["date"],
                date_precision=row["date_precision"],
                date_is_recorded=bool(row["date_is_recorded"]),
                due_date=row["due_date"],
                status=str(statuses.get(iid) or "unknown"),
                parties=list(dict.fromkeys(roles.get(iid, []))),
                demands=demands.get(iid, []),
                responses=answers.get(iid, []),
                review_state=row["review_state"],
                source_documents=list(
                    dict.fromkeys(
                        [*([row["document_id"]] if row["document_id"] else []), *extra.get(iid, [])]
                    )
                ),
            )
        )
    return out


_HAND_ROLES = ("sender", "addressee", "copy", "on_behalf")


def live_party(conn: Connection, party_id: int) -> int:
    """The party a merged one now lives in (itself when not merged)."""
    column = parties.c.get("merged_into")
    seen = {party_id}
    while column is not None:
        into = conn.scalar(select(column).where(parties.c.id == party_id))
        if into is None or into in seen:
            break
        party_id = int(into)
        seen.add(party_id)
    return party_id


def _role_order(role: str) -> int:
    return _HAND_ROLES.index(role) if role in _HAND_ROLES else len(_HAND_ROLES)


def hand_parties_of(conn: Connection, where: Any) -> list[tuple[int, list[PartyRole]]]:
    """Per intervention (of those `where` keeps), the parties a person named for it, merged
    ones followed, in role order then party id."""
    h = intervention_hand_parties.c
    links = conn.execute(select(h.intervention_id, h.party_id, h.role).where(where)).all()
    live = {p: live_party(conn, p) for p in {int(link.party_id) for link in links}}
    found = {
        int(r.id): r
        for r in conn.execute(
            select(parties.c.id, parties.c.name, parties.c.kind).where(
                parties.c.id.in_(sorted(set(live.values())))
            )
        )
    }
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    for link in links:
        grouped.setdefault(int(link.intervention_id), []).append(
            (_role_order(link.role), int(link.party_id), link.role)
        )
    out: list[tuple[int, list[PartyRole]]] = []
    for iid in sorted(grouped):
        roles = []
        for _order, party_id, role in sorted(grouped[iid]):
            row = found.get(live[party_id])
            if row is not None:
                roles.append(PartyRole(int(row.id), row.name, row.kind, role))
        out.append((iid, roles))
    return out


def _hand_parties(conn: Connection, intervention_id: int) -> list[PartyRole]:
    """Parties a person named for an intervention recorded by hand, merged ones followed."""
    found = hand_parties_of(conn, intervention_hand_parties.c.intervention_id == intervention_id)
    return found[0][1] if found else []


def addressed_to_keys(store: Store, keys: Sequence[str]) -> list[int]:
    """Interventions with an addressee or copy whose party has a mention with one of the
    name `keys` (`name_keys`), and those with recipients named by hand."""
    if not keys:
        return []
    k, m, ip = mention_keys.c, mentions.c, intervention_parties.c
    named = aliased(mentions)
    keyed = select(m.party_id).where(m.id.in_(select(k.mention_id).where(k.key.in_(keys))))
    # from the keyed parties' mentions to their letters (index of migration 18), not
    # from every letter's recipients
    their_mentions = select(named.c.id).where(named.c.party_id.in_(keyed))
    query = (
        select(ip.intervention_id)
        .where(ip.mention_id.in_(their_mentions), ip.role.in_(("addressee", "copy")))
        .union(
            select(intervention_hand_parties.c.intervention_id).where(
                intervention_hand_parties.c.role.in_(("addressee", "copy"))
            )
        )
    )
    with store.engine.connect() as conn:
        return sorted({int(x) for x in conn.scalars(query)})


def letter_sides(store: Store, ids: Sequence[int] | None = None) -> list[LetterSides]:
    """Each intervention's (of `ids`, all when None) date, senders and recipients, in three
    queries (the names as `intervention_summaries` gives them), for matching replies."""
    ip, i = intervention_parties.c, interventions.c
    names: dict[int, list[tuple[str, int, str]]] = {}
    with store.engine.connect() as conn:
        heads_query = select(i.id, i.document_id, i.date, i.date_is_recorded).order_by(i.id)
        if ids is not None:
            heads_query = heads_query.where(i.id.in_(sorted(set(ids))))
        rows = conn.execute(heads_query)
        heads = [(int(r.id), r.document_id, r.date, bool(r.date_is_recorded)) for r in rows]
        linked = (
            select(ip.intervention_id, ip.role, parties.c.id, parties.c.name)
            .select_from(intervention_parties)
            .join(mentions, mentions.c.id == ip.mention_id)
            .join(parties, parties.c.id == mentions.c.party_id)
            .where(ip.role.in_(("sender", "addressee", "copy")))
            .order_by(ip.intervention_id, mentions.c.id)
        )
        if ids is not None:
            linked = linked.where(ip.intervention_id.in_(sorted(set(ids))))
        for r in conn.execute(linked):
            names.setdefault(int(r.intervention_id), []).append((r.role, int(r.id), r.name))
        h = intervention_hand_parties.c
        hand_query = select(h.intervention_id).where(h.role.in_(("sender", "addressee", "copy")))
        if ids is not None:
            hand_query = hand_query.where(h.intervention_id.in_(sorted(set(ids))))
        hand = conn.execute(hand_query.distinct())
        for iid in [int(x) for x in hand.scalars()]:
            names.setdefault(iid, []).extend(
                (p.role, p.party_id, p.name) for p in _hand_parties(conn, iid)
            )
    out: list[LetterSides] = []
    for iid, document_id, when, recorded in heads:
        sides = list(dict.fromkeys(names.get(iid, [])))
        out.append(
            LetterSides(
                iid,
                document_id,
                when,
                recorded,
                tuple(n for role, _, n in sides if role == "sender"),
                tuple(n for role, _, n in sides if role == "addressee")
                + tuple(n for role, _, n in sides if role == "copy"),
            )
        )
    return out


def list_interventions(store: Store) -> list[InterventionSummary]:
    with store.engine.connect() as conn:
        return intervention_summaries(conn, None)


def get_intervention(store: Store, intervention_id: int) -> InterventionSummary:
    with store.engine.connect() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        return intervention_summaries(conn, [intervention_id])[0]


def intervention_addressees(store: Store, intervention_id: int) -> list[str]:
    """The addressee names (as written, or as named by hand) of one intervention."""
    with store.engine.connect() as conn:
        written = conn.scalars(
            select(mentions.c.name)
            .join(intervention_parties, intervention_parties.c.mention_id == mentions.c.id)
            .where(
                intervention_parties.c.intervention_id == intervention_id,
                intervention_parties.c.role == "addressee",
            )
        ).all()
        by_hand = [p.name for p in _hand_parties(conn, intervention_id) if p.role == "addressee"]
        return [*written, *by_hand]


def intervention_detail(store: Store, intervention_id: int) -> InterventionDetail:
    """The intervention, its status history oldest first, the events it is about."""
    h = intervention_status_history.c
    with store.engine.connect() as conn:
        row = require_row(conn, interventions, intervention_id, "intervention")
        summary = intervention_summaries(conn, [intervention_id])[0]
        history = [
            StatusChange(r.status, r.at, r.actor, r.source)
            for r in conn.execute(
                select(h.status, h.at, h.actor, h.source)
                .where(h.intervention_id == intervention_id)
                .order_by(h.id)
            )
        ]
        texts: dict[int, str] = {}
        items = [
            TimelineItem(
                what="event",
                id=int(ev["id"]),
                label=ev["type"],
                date=ev["date"],
                date_precision=ev["date_precision"],
                document_id=ev["document_id"],
                parties=event_party_roles(conn, int(ev["id"])),
                alleged_by=alleged_by(conn, int(ev["id"])),
                quote=quote_of(conn, texts, ev["document_id"], ev["spans"]),
                review_state=ev["review_state"],
            )
            for ev in conn.execute(
                select(events)
                .join(intervention_events, intervention_events.c.event_id == events.c.id)
                .where(intervention_events.c.intervention_id == intervention_id)
                .order_by(events.c.id)
            ).mappings()
        ]
        quote = quote_of(conn, texts, row["document_id"], row["spans"] or "[]")
    return InterventionDetail(summary, history, items, quote)


def response_documents(store: Store) -> set[int]:
    """Documents recorded as someone's response: a reply is not an intervention of its own."""
    with store.engine.connect() as conn:
        column = responses.c.document_id
        return {int(r[0]) for r in conn.execute(select(column).where(column.is_not(None)))}


DRAFTED = "letter_draft"
"""The `component` of an intervention Vigil drafted (`vigil letter draft`)."""


def drafted_documents(store: Store) -> set[int]:
    """Documents holding the text of a letter Vigil drafted: not a letter to extract facts from."""
    with store.engine.connect() as conn:
        column = interventions.c.document_id
        query = select(column).where(interventions.c.component == DRAFTED, column.is_not(None))
        return {int(r[0]) for r in conn.execute(query)}


def mark_sent(
    store: Store, intervention_id: int, *, when: date, due_date: str, actor: str = "local"
) -> None:
    """A draft goes out: its date and due date are set and `sent` joins its history."""
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        conn.execute(
            update(interventions)
            .where(interventions.c.id == intervention_id)
            .values(date=when.isoformat(), date_precision="day", due_date=due_date)
        )
        conn.execute(
            intervention_status_history.insert().values(
                intervention_id=intervention_id, status="sent", at=utc_now(), actor=actor,
                source="hand",
            )
        )  # fmt: skip
        log_change(
            conn, actor, "sent", "intervention", intervention_id, {"fields": ["date", "due_date"]}
        )


def set_date(
    store: Store,
    intervention_id: int,
    *,
    when: str,
    precision: str,
    due_date: str | None,
    actor: str = "local",
) -> None:
    """Correct an intervention's date (now written, not recorded) and its due date."""
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        conn.execute(
            update(interventions)
            .where(interventions.c.id == intervention_id)
            .values(date=when, date_precision=precision, date_is_recorded=False, due_date=due_date)
        )
        log_change(
            conn,
            actor,
            "edit",
            "intervention",
            intervention_id,
            {"fields": ["date", "date_precision", "date_is_recorded", "due_date"]},
        )


def link_party(
    store: Store, intervention_id: int, party_id: int, role: str, actor: str = "local"
) -> bool:
    """Name a party as sender, addressee, copy or on whose behalf, by hand; False if it was."""
    h = intervention_hand_parties.c
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        require_row(conn, parties, party_id, "party")
        where = (h.intervention_id == intervention_id, h.party_id == party_id, h.role == role)
        if conn.scalar(select(func.count()).select_from(intervention_hand_parties).where(*where)):
            return False
        conn.execute(
            intervention_hand_parties.insert().values(
                intervention_id=intervention_id, party_id=party_id, role=role
            )
        )
        log_change(
            conn,
            actor,
            "link",
            "intervention",
            intervention_id,
            {"party_id": party_id, "role": role},
        )
    return True


def unlink_party(
    store: Store, intervention_id: int, party_id: int, role: str, actor: str = "local"
) -> int:
    """Take a party off an intervention in one role (read from the text or named by hand);
    a rebuild does not put it back. Returns the links removed."""
    h, ip, m = intervention_hand_parties.c, intervention_parties.c, mentions.c
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        read = select(m.id).where(m.party_id == party_id)
        removed = conn.execute(
            delete(intervention_parties).where(
                ip.intervention_id == intervention_id, ip.role == role, ip.mention_id.in_(read)
            )
        ).rowcount
        removed += conn.execute(
            delete(intervention_hand_parties).where(
                h.intervention_id == intervention_id, h.party_id == party_id, h.role == role
            )
        ).rowcount
        if removed:
            log_change(
                conn,
                actor,
                "unlink",
                "intervention",
                intervention_id,
                {"party_id": party_id, "role": role, "links": removed},
            )
    return int(removed)


def add_status(
    store: Store, intervention_id: int, status: str, *, source: str = "hand", actor: str = "local"
) -> None:
    """Append a status to the intervention's history (never overwritten)."""
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        conn.execute(
            intervention_status_history.insert().values(
                intervention_id=intervention_id,
                status=status,
                at=utc_now(),
                actor=actor,
                source=source,
            )
        )
        log_change(conn, actor, "status", "intervention", intervention_id, {"fields": ["status"]})


def add_response(
    store: Store,
    intervention_id: int,
    *,
    when: date,
    type_: str,
    status: str | None,
    summary: str | None = None,
    document_id: int | None = None,
    from_party: int | None = None,
    actor: str = "local",
) -> int:
    """Record a response (and the status it brings); refused if dated before its letter."""
    with store.engine.begin() as conn:
        row = require_row(conn, interventions, intervention_id, "intervention")
        if row["date"] and when.isoformat() < row["date"]:
            raise InvalidResponse(
                f"a response dated {when.isoformat()} is before its letter ({row['date']}); "
                "check the date"
            )
        if document_id is not None:
            require_row(conn, tables.documents, document_id, "document")
        if from_party is not None:
            require_row(conn, parties, from_party, "party")
        response_id = inserted_id(
            conn,
            responses.insert().values(
                intervention_id=intervention_id,
                from_party=from_party,
                date=when.isoformat(),
                type=type_,
                summary=summary,
                document_id=document_id,
                actor=actor,
                created_at=utc_now(),
            ),
        )
        if status is not None:
            conn.execute(
                intervention_status_history.insert().values(
                    intervention_id=intervention_id,
                    status=status,
                    at=utc_now(),
                    actor=actor,
                    source="response",
                )
            )
        fields = ["date", "type"] + [
            f
            for f, v in (
                ("summary", summary),
                ("document_id", document_id),
                ("from_party", from_party),
            )
            if v is not None
        ]
        log_change(
            conn,
            actor,
            "respond",
            "intervention",
            intervention_id,
            {"response_id": response_id, "fields": fields},
        )
    return response_id


def create_intervention(
    store: Store,
    *,
    when: date,
    due_date: str | None,
    channel: str,
    named: Sequence[tuple[str, str, int | None]],
    demands: Sequence[str],
    case_id: int | None = None,
    document_id: int | None = None,
    status: str = "sent",
    component: str = "hand",
    actor: str = "local",
) -> int:
    """Record an intervention a person sent outside Vigil; one transaction.

    `named` holds (role, name as typed, existing party id or None): a name
    without a party becomes a new party (one per distinct spelling). With a
    case, the intervention is on behalf of the case's parties at risk, and its
    document (if any) joins the case.
    """
    with store.engine.begin() as conn:
        if document_id is not None:
            require_row(conn, tables.documents, document_id, "document")
        members: list[int] = []
        if case_id is not None:
            require_open_case(conn, case_id)
            members = [p.party_id for p in case_member_roles(conn, case_id)]
            if not members and document_id is None:
                raise InvalidIntervention(
                    f"case {case_id} has no party at risk yet: add one with "
                    f"`vigil case add {case_id} --party P`, or give --document"
                )
        made: dict[str, int] = {}
        links: dict[tuple[int, str], None] = {}
        for role, name, party_id in named:
            if party_id is None:
                spelling = name.strip()
                if spelling.casefold() not in made:
                    new_id = inserted_id(
                        conn,
                        parties.insert().values(
                            name=spelling, review_state="confirmed", created_at=utc_now()
                        ),
                    )
                    conn.execute(
                        party_names.insert().values(
                            party_id=new_id, name=spelling, script=script_of(spelling)
                        )
                    )
                    log_change(conn, actor, "create", "party", new_id, {"by_hand": True})
                    made[spelling.casefold()] = new_id
                party_id = made[spelling.casefold()]
            else:
                require_row(conn, parties, party_id, "party")
            links[(party_id, role)] = None
        for member in members:
            links[(member, "on_behalf")] = None
        intervention_id = inserted_id(
            conn,
            interventions.insert().values(
                document_id=document_id,
                key=None,
                date=when.isoformat(),
                date_precision="day",
                date_is_recorded=False,
                channel=channel,
                due_date=due_date,
                spans="[]",
                component=component,
                rule="",
                confidence=1.0,
                review_state="confirmed",
                created_at=utc_now(),
            ),
        )
        for party_id, role in links:
            conn.execute(
                intervention_hand_parties.insert().values(
                    intervention_id=intervention_id, party_id=party_id, role=role
                )
            )
        for demand in dict.fromkeys(demands):
            _add_hand_demand(conn, intervention_id, demand)
        conn.execute(
            intervention_status_history.insert().values(
                intervention_id=intervention_id,
                status=status,
                at=utc_now(),
                actor=actor,
                source="hand",
            )
        )
        if case_id is not None and document_id is not None:
            have = conn.scalar(
                select(func.count())
                .select_from(case_documents)
                .where(
                    case_documents.c.case_id == case_id, case_documents.c.document_id == document_id
                )
            )
            if not have:
                conn.execute(
                    case_documents.insert().values(case_id=case_id, document_id=document_id)
                )
        log_change(
            conn,
            actor,
            "create",
            "intervention",
            intervention_id,
            {
                "parties": len(links),
                "new_parties": sorted(made.values()),
                "demands": len(dict.fromkeys(demands)),
                "case_id": case_id,
                "document_id": document_id,
            },
        )
    return intervention_id


def _add_hand_demand(conn: Connection, intervention_id: int, demand: str) -> None:
    """Record a demand named by hand (confirmed, with no span in any text)."""
    conn.execute(
        intervention_demands.insert().values(
            intervention_id=intervention_id,
            demand=demand,
            spans="[]",
            component="hand",
            rule="",
            confidence=1.0,
            review_state="confirmed",
        )
    )


def set_demands(
    store: Store, intervention_id: int, demands: Sequence[str], actor: str = "local"
) -> tuple[list[str], list[str]]:
    """Make an intervention's demands exactly `demands` (read from the text or named by
    hand); a rebuild does not put a removed one back. Returns (added, removed)."""
    d = intervention_demands.c
    with store.engine.begin() as conn:
        require_row(conn, interventions, intervention_id, "intervention")
        had = set(conn.scalars(select(d.demand).where(d.intervention_id == intervention_id)))
        wanted = list(dict.fromkeys(demands))
        added = [x for x in wanted if x not in had]
        removed = sorted(had - set(wanted))
        if removed:
            conn.execute(
                delete(intervention_demands).where(
                    d.intervention_id == intervention_id, d.demand.in_(removed)
                )
            )
        for demand in added:
            _add_hand_demand(conn, intervention_id, demand)
        if added or removed:
            log_change(
                conn,
                actor,
                "edit",
                "intervention",
                intervention_id,
                {"fields": ["demands"], "added": added, "removed": removed},
            )
    return added, removed

"""Per-case access: restrict a case, grant and revoke it (to a user or a group), and the one
rule of what a user sees.

`scope_for` is the only place that decides visibility. Given a user, it finds the
restricted cases they are not granted, neither directly nor through a group they are a
member of (admins and personal mode: none), and hides

- those cases (and cases merged into them);
- every document the case gathers (`store.cases.case_contents`: put in by hand,
  or the source of one of its events or interventions) and their attachments;
- every event and intervention of those documents or of the case;
- every party that appears only there: a member of a hidden case, or named in a
  hidden document, that is neither named in a visible document, nor a member of a
  visible case, nor a party named by hand on a visible intervention.

A document gathered by a restricted case is hidden even if another case gathers it
too. The resulting `Scope` is applied by `store.scope` to every read of a store view.
Each change writes one change-log entry (ids only) with the real actor.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from vigil.errors import UnknownRecord
from vigil.model import CaseAccess, CaseGrant, CaseGroupGrant
from vigil.store.access_tables import (
    case_grants,
    case_group_grants,
    case_restrictions,
    group_members,
    user_groups,
)
from vigil.store.account_tables import users
from vigil.store.case_rows import require_row, utc_now
from vigil.store.case_tables import (
    case_members,
    cases,
    events,
    intervention_hand_parties,
    interventions,
    mentions,
)
from vigil.store.cases import case_contents
from vigil.store.changes import actor_of, log_change
from vigil.store.groups import require_group
from vigil.store.scope import EVERYTHING, Scope
from vigil.store.store import Store
from vigil.store.tables import documents


def _require_case(conn: Connection, case_id: int) -> None:
    require_row(conn, cases, case_id, "case")


def _require_user(conn: Connection, user_id: int) -> None:
    if conn.scalar(select(users.c.id).where(users.c.id == user_id)) is None:
        raise UnknownRecord(f"no user with id {user_id}")


def restrict_case(store: Store, case_id: int, actor: str = "local") -> bool:
    """Restrict a case to admins and the users granted it; False if it already was."""
    with store.begin() as conn:
        _require_case(conn, case_id)
        if _is_restricted(conn, case_id):
            return False
        conn.execute(
            insert(case_restrictions).values(
                case_id=case_id, restricted_at=utc_now(), restricted_by=actor_of(conn, actor)
            )
        )
        log_change(conn, actor, "restrict", "case", case_id, {})
    return True


def unrestrict_case(store: Store, case_id: int, actor: str = "local") -> bool:
    """Let everyone see a case again (its grants are kept); False if it was not restricted."""
    with store.begin() as conn:
        _require_case(conn, case_id)
        gone = conn.execute(
            delete(case_restrictions).where(case_restrictions.c.case_id == case_id)
        ).rowcount
        if not gone:
            return False
        log_change(conn, actor, "unrestrict", "case", case_id, {})
    return True


def grant_case(store: Store, case_id: int, user_id: int, actor: str = "local") -> bool:
    """Let a user see a restricted case; False if they already could."""
    with store.begin() as conn:
        _require_case(conn, case_id)
        _require_user(conn, user_id)
        if _granted(conn, case_id, user_id):
            return False
        conn.execute(
            insert(case_grants).values(
                case_id=case_id,
                user_id=user_id,
                granted_at=utc_now(),
                granted_by=actor_of(conn, actor),
            )
        )
        log_change(conn, actor, "grant", "case", case_id, {"user": user_id})
    return True


def revoke_case(store: Store, case_id: int, user_id: int, actor: str = "local") -> bool:
    """Take a user's grant of a case away; False if they had none."""
    with store.begin() as conn:
        _require_case(conn, case_id)
        _require_user(conn, user_id)
        g = case_grants.c
        gone = conn.execute(
            delete(case_grants).where(g.case_id == case_id, g.user_id == user_id)
        ).rowcount
        if not gone:
            return False
        log_change(conn, actor, "revoke", "case", case_id, {"user": user_id})
    return True


def grant_case_to_group(store: Store, case_id: int, group_id: int, actor: str = "local") -> bool:
    """Let every member of a group see a restricted case; False if the group already could."""
    with store.begin() as conn:
        _require_case(conn, case_id)
        require_group(conn, group_id)
        g = case_group_grants.c
        if conn.scalar(select(g.case_id).where(g.case_id == case_id, g.group_id == group_id)):
            return False
        conn.execute(
            insert(case_group_grants).values(
                case_id=case_id,
                group_id=group_id,
                granted_at=utc_now(),
                granted_by=actor_of(conn, actor),
            )
        )
        log_change(conn, actor, "grant", "case", case_id, {"group": group_id})
    return True


def revoke_case_from_group(store: Store, case_id: int, group_id: int, actor: str = "local") -> bool:
    """Take a group's grant of a case away; False if it had none."""
    with store.begin() as conn:
        _require_case(conn, case_id)
        require_group(conn, group_id)
        g = case_group_grants.c
        gone = conn.execute(
            delete(case_group_grants).where(g.case_id == case_id, g.group_id == group_id)
        ).rowcount
        if not gone:
            return False
        log_change(conn, actor, "revoke", "case", case_id, {"group": group_id})
    return True


def case_access(store: Store, case_id: int) -> CaseAccess:
    """Whether a case is restricted, the users granted it (in user name order) and the groups
    granted it (in group name order)."""
    with store.engine.connect() as conn:
        _require_case(conn, case_id)
        g = case_grants.c
        rows = conn.execute(
            select(g.user_id, users.c.name, g.granted_at, g.granted_by)
            .join(users, users.c.id == g.user_id)
            .where(g.case_id == case_id)
            .order_by(users.c.name)
        )
        grants = [CaseGrant(int(r.user_id), r.name, r.granted_at, r.granted_by) for r in rows]
        gg = case_group_grants.c
        rows = conn.execute(
            select(gg.group_id, user_groups.c.name, gg.granted_at, gg.granted_by)
            .join(user_groups, user_groups.c.id == gg.group_id)
            .where(gg.case_id == case_id)
            .order_by(user_groups.c.name)
        )
        group_grants = [
            CaseGroupGrant(int(r.group_id), r.name, r.granted_at, r.granted_by) for r in rows
        ]
        return CaseAccess(case_id, _is_restricted(conn, case_id), grants, group_grants)


def restricted_cases(store: Store) -> list[int]:
    """The ids of every restricted case."""
    with store.engine.connect() as conn:
        return sorted(int(i) for i in conn.scalars(select(case_restrictions.c.case_id)))


def _is_restricted(conn: Connection, case_id: int) -> bool:
    r = case_restrictions.c
    return conn.scalar(select(r.case_id).where(r.case_id == case_id)) is not None


def _granted(conn: Connection, case_id: int, user_id: int) -> bool:
    g = case_grants.c
    found = conn.scalar(select(g.case_id).where(g.case_id == case_id, g.user_id == user_id))
    return found is not None


def scope_for(store: Store, user_id: int | None, *, admin: bool = False) -> Scope:
    """What `user_id` may not see (nothing for an admin, or without a user: personal mode
    and the CLI). Read through the whole store, whatever view `store` is."""
    if admin or user_id is None:
        return EVERYTHING
    with store.engine.execution_options(vigil_scope=None).connect() as conn:
        restricted = set(conn.scalars(select(case_restrictions.c.case_id)))
        if not restricted:
            return EVERYTHING
        g, gg, m = case_grants.c, case_group_grants.c, group_members.c
        granted = set(conn.scalars(select(g.case_id).where(g.user_id == user_id)))
        granted |= set(
            conn.scalars(
                select(gg.case_id)
                .join(group_members, m.group_id == gg.group_id)
                .where(m.user_id == user_id)
            )
        )
        hidden_cases = _with_merged(conn, restricted - granted)
        if not hidden_cases:
            return EVERYTHING
        return _hide(conn, hidden_cases)


def _with_merged(conn: Connection, case_ids: set[int]) -> set[int]:
    """The cases and, transitively, every case merged into one of them."""
    found = set(case_ids)
    frontier = set(case_ids)
    while frontier:
        frontier = {
            int(i)
            for i in conn.scalars(select(cases.c.id).where(cases.c.merged_into.in_(frontier)))
        } - found
        found |= frontier
    return found


def _hide(conn: Connection, hidden_cases: set[int]) -> Scope:
    docs: set[int] = set()
    evs: set[int] = set()
    ivs: set[int] = set()
    m = case_members.c
    members: dict[int, list[int]] = {c: [] for c in hidden_cases}
    for r in conn.execute(select(m.case_id, m.party_id).where(m.case_id.in_(hidden_cases))):
        members[int(r.case_id)].append(int(r.party_id))
    for case_id, inside in members.items():
        contents = case_contents(conn, case_id, inside)
        docs |= contents.explicit
        evs |= contents.events
        ivs |= contents.interventions
    docs |= _documents_of(conn, evs, ivs)
    docs = _with_attachments(conn, docs)
    evs |= set(conn.scalars(select(events.c.id).where(events.c.document_id.in_(docs))))
    ivs |= set(
        conn.scalars(select(interventions.c.id).where(interventions.c.document_id.in_(docs)))
    )
    parties = _parties_only_in(conn, hidden_cases, docs, ivs)
    return Scope(
        cases=frozenset(hidden_cases),
        documents=frozenset(docs),
        events=frozenset(evs),
        interventions=frozenset(ivs),
        parties=frozenset(parties),
    )


def _documents_of(conn: Connection, evs: set[int], ivs: set[int]) -> set[int]:
    found = set(
        conn.scalars(
            select(events.c.document_id).where(
                events.c.id.in_(evs), events.c.document_id.is_not(None)
            )
        )
    )
    found |= set(
        conn.scalars(
            select(interventions.c.document_id).where(
                interventions.c.id.in_(ivs), interventions.c.document_id.is_not(None)
            )
        )
    )
    return {int(d) for d in found}


def _with_attachments(conn: Connection, docs: set[int]) -> set[int]:
    found = set(docs)
    frontier = set(docs)
    while frontier:
        frontier = {
            int(i)
            for i in conn.scalars(select(documents.c.id).where(documents.c.parent_id.in_(frontier)))
        } - found
        found |= frontier
    return found


def _parties_only_in(
    conn: Connection, hidden_cases: set[int], docs: set[int], ivs: set[int]
) -> set[int]:
    m, cm, h = mentions.c, case_members.c, intervention_hand_parties.c
    near = set(conn.scalars(select(cm.party_id).where(cm.case_id.in_(hidden_cases))))
    near |= set(
        conn.scalars(select(m.party_id).where(m.document_id.in_(docs), m.party_id.is_not(None)))
    )
    near |= set(conn.scalars(select(h.party_id).where(h.intervention_id.in_(ivs))))
    if not near:
        return set()
    seen = set(
        conn.scalars(select(m.party_id).where(m.party_id.in_(near), m.document_id.not_in(docs)))
    )
    seen |= set(
        conn.scalars(
            select(cm.party_id).where(cm.party_id.in_(near), cm.case_id.not_in(hidden_cases))
        )
    )
    seen |= set(
        conn.scalars(select(h.party_id).where(h.party_id.in_(near), h.intervention_id.not_in(ivs)))
    )
    return {int(p) for p in near - seen}

"""Who is connected to whom in a case: a pure function of its `CaseView`, no SQL.

Every link ends at a party at risk (the case's members, the subjects of its
events, those its interventions are on behalf of): alleged actors of an
event ('actor'), and the senders, addressees and copies of an intervention
('sender', 'addressee', 'copy'). Senders are also linked to the addressees
they wrote to ('wrote_to'). Links say which timeline items support them, so
the page can point at the sources; a link is an allegation of its source,
never a finding.
"""

from __future__ import annotations

from vigil.model import CaseNetwork, CaseView, GraphEdge, GraphNode, PartyRole, TimelineItem

MAX_NODES = 200
"""The page draws at most this many parties; the rest are counted, not drawn."""
CATEGORIES = ("at_risk", "actor", "authority", "sender", "other")
"""A node's category is the first of these its roles give, in this order."""
_CATEGORY_OF_ROLE = {
    "at_risk": "at_risk",
    "subject": "at_risk",
    "on_behalf": "at_risk",
    "actor": "actor",
    "addressee": "authority",
    "copy": "authority",
    "sender": "sender",
}


def case_network(view: CaseView, max_nodes: int = MAX_NODES) -> CaseNetwork:
    """The parties of `view` and the links between them, at most `max_nodes` parties."""
    members = [p.party_id for p in view.case.members]
    links: dict[tuple[int, int, str], tuple[list[str], list[tuple[str, int]]]] = {}

    def link(source: int, target: int, relation: str, item: TimelineItem, detail: str) -> None:
        if source == target:
            return
        details, items = links.setdefault((source, target, relation), ([], []))
        if detail and detail not in details:
            details.append(detail)
        if (item.what, item.id) not in items:
            items.append((item.what, item.id))

    for item in view.timeline:
        ids = _ids_by_role(item.parties)
        if item.what == "event":
            for actor in ids.get("actor", []):
                for subject in ids.get("subject") or members:
                    link(actor, subject, "actor", item, item.label)
            continue
        for role in ("sender", "addressee", "copy"):
            for party in ids.get(role, []):
                for at_risk in ids.get("on_behalf") or members:
                    link(party, at_risk, role, item, "")
        for sender in ids.get("sender", []):
            for addressee in ids.get("addressee", []):
                link(sender, addressee, "wrote_to", item, "")

    roles: dict[int, list[str]] = {}
    names: dict[int, PartyRole] = {}
    everyone = [*view.case.members, *view.parties, *(p for i in view.timeline for p in i.parties)]
    for named in everyone:
        names.setdefault(named.party_id, named)
        if named.role not in roles.setdefault(named.party_id, []):
            roles[named.party_id].append(named.role)
    degree: dict[int, int] = dict.fromkeys(members, 0)
    for source, target, _relation in links:
        degree[source] = degree.get(source, 0) + 1
        degree[target] = degree.get(target, 0) + 1

    def category(party_id: int) -> str:
        found = {_CATEGORY_OF_ROLE.get(r, "other") for r in roles.get(party_id, [])}
        return next((c for c in CATEGORIES if c in found), "other")

    ranked = sorted(
        degree, key=lambda p: (category(p) != "at_risk", p not in members, -degree[p], p)
    )
    kept = set(ranked[:max_nodes])
    order = sorted(kept, key=lambda p: (CATEGORIES.index(category(p)), p))
    nodes = [
        GraphNode(p, names[p].name, names[p].kind, category(p), sorted(roles.get(p, [])))
        for p in order
    ]
    edges = [
        GraphEdge(source, target, relation, details, items)
        for (source, target, relation), (details, items) in links.items()
        if source in kept and target in kept
    ]
    edges.sort(key=lambda e: (e.target, e.relation, e.source))
    return CaseNetwork(nodes, edges, len(degree) - len(kept))


def _ids_by_role(parties: list[PartyRole]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for party in parties:
        ids = found.setdefault(party.role, [])
        if party.party_id not in ids:
            ids.append(party.party_id)
    return found

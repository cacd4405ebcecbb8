"""The case network: a pure function of a CaseView (no store)."""

from __future__ import annotations

from vigil.cases.network import case_network
from vigil.model import CaseNetwork, CaseSummary, CaseView, PartyRole, TimelineItem

AT_RISK = PartyRole(4, "Lena Varga", "person", "at_risk")
NAMES = {
    1: "Tomas Reed",
    2: "Harbour Rights Group",
    3: "Minister of the Interior",
    4: "Lena Varga",
    5: "the border guard",
    6: "Minister of Justice",
    7: "Ombudsman",
    8: "Kai Varga",
}


def role(party_id: int, name: str) -> PartyRole:
    return PartyRole(party_id, NAMES[party_id], None, name)


def item(what: str, item_id: int, label: str, *parties: PartyRole) -> TimelineItem:
    return TimelineItem(what, item_id, label, None, None, 1, list(parties), [], None)


def view(*timeline: TimelineItem, members: tuple[PartyRole, ...] = (AT_RISK,)) -> CaseView:
    summary = CaseSummary(1, "Lena Varga", "open", None, "suggested", list(members))
    everyone = list(members) + [p for i in timeline for p in i.parties]
    return CaseView(summary, list(dict.fromkeys(everyone)), [1], list(timeline))


def letter_case() -> CaseView:
    return view(
        item("event", 1, "arrest", role(4, "subject"), role(5, "actor")),
        item(
            "intervention",
            1,
            "letter",
            role(1, "sender"),
            role(2, "sender"),
            role(3, "addressee"),
            role(7, "copy"),
            role(4, "on_behalf"),
        ),
        item(
            "intervention",
            2,
            "prior_interventions[0]",
            role(4, "on_behalf"),
            role(1, "sender"),
            role(6, "addressee"),
        ),
    )


def links(network: CaseNetwork) -> set[tuple[int, int, str]]:
    return {(e.source, e.target, e.relation) for e in network.edges}


def test_letter_case_links_every_party_to_the_person_at_risk() -> None:
    network = case_network(letter_case())
    assert links(network) == {
        (5, 4, "actor"),
        (1, 4, "sender"),
        (2, 4, "sender"),
        (3, 4, "addressee"),
        (7, 4, "copy"),
        (6, 4, "addressee"),
        (1, 3, "wrote_to"),
        (2, 3, "wrote_to"),
        (1, 6, "wrote_to"),
    }
    categories = {n.id: n.category for n in network.nodes}
    assert categories == {
        4: "at_risk",
        5: "actor",
        3: "authority",
        6: "authority",
        7: "authority",
        1: "sender",
        2: "sender",
    }
    assert [n.id for n in network.nodes] == [4, 5, 3, 6, 7, 1, 2]  # by category, then id
    assert network.left_out == 0


def test_a_link_keeps_every_item_behind_it_once() -> None:
    network = case_network(letter_case())
    by_link = {(e.source, e.target, e.relation): e for e in network.edges}
    assert by_link[(1, 4, "sender")].items == [("intervention", 1), ("intervention", 2)]
    assert by_link[(5, 4, "actor")].details == ["arrest"]
    assert by_link[(5, 4, "actor")].items == [("event", 1)]
    assert by_link[(3, 4, "addressee")].details == []


def test_one_actor_in_two_events_is_one_link_with_both_event_types() -> None:
    network = case_network(
        view(
            item("event", 1, "arrest", role(4, "subject"), role(5, "actor")),
            item("event", 2, "detention", role(4, "subject"), role(5, "actor")),
            item("event", 3, "arrest", role(4, "subject"), role(5, "actor")),
        )
    )
    (edge,) = network.edges
    assert (edge.source, edge.target, edge.details) == (5, 4, ["arrest", "detention"])
    assert edge.items == [("event", 1), ("event", 2), ("event", 3)]


def test_without_subjects_or_on_behalf_the_case_members_are_linked() -> None:
    network = case_network(
        view(
            item("event", 1, "killing", role(5, "actor")),
            item("intervention", 1, "letter", role(1, "sender"), role(3, "addressee")),
        )
    )
    assert links(network) == {(5, 4, "actor"), (1, 4, "sender"), (3, 4, "addressee"),
                              (1, 3, "wrote_to")}  # fmt: skip


def test_a_party_is_never_linked_to_itself() -> None:
    network = case_network(
        view(item("event", 1, "threat", role(4, "subject"), role(4, "actor"), role(8, "actor")))
    )
    assert links(network) == {(8, 4, "actor")}
    assert {n.id: sorted(n.roles) for n in network.nodes} == {
        4: ["actor", "at_risk", "subject"],
        8: ["actor"],
    }
    assert {n.id: n.category for n in network.nodes} == {4: "at_risk", 8: "actor"}


def test_a_case_without_events_or_interventions_has_its_members_only() -> None:
    network = case_network(view())
    assert [(n.id, n.name, n.category) for n in network.nodes] == [(4, "Lena Varga", "at_risk")]
    assert network.edges == []


def test_a_large_network_keeps_the_people_at_risk_and_the_best_linked() -> None:
    actors = [PartyRole(100 + n, f"unit {n}", "organization", "actor") for n in range(60)]
    events = [item("event", n, "raid", role(4, "subject"), a) for n, a in enumerate(actors)]
    events.append(item("event", 99, "raid", role(4, "subject"), actors[59], role(8, "subject")))
    network = case_network(view(*events), max_nodes=20)
    kept = [n.id for n in network.nodes]
    assert len(kept) == 20 and network.left_out == 42  # 60 actors and 2 people at risk
    assert kept[:2] == [4, 8]  # at risk first, whatever their degree
    assert 159 in kept  # two links: kept before the actors with one
    assert all(e.source in kept and e.target in kept for e in network.edges)
    assert len(network.edges) == 19


def test_the_network_does_not_depend_on_the_timeline_order() -> None:
    forward = letter_case()
    backward = view(*reversed(forward.timeline))
    one, other = case_network(forward), case_network(backward)
    assert one.nodes == other.nodes
    assert [(e.source, e.target, e.relation) for e in one.edges] == [
        (e.source, e.target, e.relation) for e in other.edges
    ]

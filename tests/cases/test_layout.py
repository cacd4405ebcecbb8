"""The network's layout: 200 synthetic parties, no two labels overlap, the parties at risk
are nearest the centre, long names are cut (the page carries them whole)."""

from __future__ import annotations

import itertools
import math

import pytest

from vigil.cases.layout import (
    CHAR_PX,
    LABEL_PX,
    MAX_LABEL,
    NODE_R,
    layout_network,
    short_label,
)
from vigil.cases.network import MAX_NODES
from vigil.model import CaseNetwork, GraphEdge, GraphNode

SYLLABLES = ["ka", "lo", "mer", "ti", "van", "os", "re", "du", "shan", "pel", "ix", "om"]


def invented_name(i: int) -> str:
    """A made-up name of 1 to 6 words, some far longer than a label."""
    words = [
        "".join(SYLLABLES[(i * 7 + j * 5 + k) % len(SYLLABLES)] for k in range(1 + (i + j) % 3))
        for j in range(1 + i % 6)
    ]
    return " ".join(w.capitalize() for w in words)


def synthetic_network(counts: dict[str, int]) -> CaseNetwork:
    nodes: list[GraphNode] = []
    ids = itertools.count(1)
    for category, n in counts.items():
        for _ in range(n):
            i = next(ids)
            nodes.append(GraphNode(i, invented_name(i), None, category, [category]))
    at_risk = [n.id for n in nodes if n.category == "at_risk"]
    edges = [
        GraphEdge(n.id, at_risk[n.id % len(at_risk)], "actor", [], [("event", n.id)])
        for n in nodes
        if n.category != "at_risk"
    ]
    return CaseNetwork(nodes, edges, 0)


SHAPES = {
    "two hundred": {"at_risk": 12, "actor": 60, "sender": 40, "authority": 70, "other": 18},
    "many at risk": {"at_risk": 70, "actor": 50, "authority": 80},
    "one at risk": {"at_risk": 1, "authority": 199},
    "small": {"at_risk": 1, "actor": 2, "sender": 1, "authority": 1},
}


def _label_box(x: float, y: float, anchor: str, label: str) -> tuple[float, float, float, float]:
    """The box the label's glyphs take: from the text's anchor point, in the label face."""
    width = len(label) * CHAR_PX
    left = x if anchor == "start" else x - width
    return (left, y - LABEL_PX / 2, left + width, y + LABEL_PX / 2)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_no_two_labels_overlap_and_none_covers_a_node(shape: str) -> None:
    network = synthetic_network(SHAPES[shape])
    assert len(network.nodes) <= MAX_NODES
    layout = layout_network(network)
    assert len(layout.nodes) == len(network.nodes)
    labels = [_label_box(p.label_x, p.y, p.anchor, p.label) for p in layout.nodes]
    circles = [(p.x - NODE_R, p.y - NODE_R, p.x + NODE_R, p.y + NODE_R) for p in layout.nodes]
    clashes = [
        (a.node.id, b.node.id)
        for (i, a), (j, b) in itertools.combinations(enumerate(layout.nodes), 2)
        if _overlap(labels[i], labels[j])
        or _overlap(labels[i], circles[j])
        or _overlap(labels[j], circles[i])
        or _overlap(circles[i], circles[j])
    ]
    assert clashes == []
    for box in labels + circles:  # everything inside the picture
        assert box[0] >= 0 and box[2] <= layout.width and box[1] >= 0 and box[3] <= layout.height


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_the_parties_at_risk_are_nearest_the_centre(shape: str) -> None:
    layout = layout_network(synthetic_network(SHAPES[shape]))
    cx, cy = layout.centre

    def distance(x: float, y: float) -> float:
        return math.hypot(x - cx, y - cy)

    at_risk = [distance(p.x, p.y) for p in layout.nodes if p.node.category == "at_risk"]
    others = [distance(p.x, p.y) for p in layout.nodes if p.node.category != "at_risk"]
    assert at_risk and others
    assert max(at_risk) < min(others)


def test_long_names_are_cut_and_the_layout_is_deterministic() -> None:
    network = synthetic_network(SHAPES["two hundred"])
    layout = layout_network(network)
    for placed in layout.nodes:
        assert len(placed.label) <= MAX_LABEL
        if len(placed.node.name) > MAX_LABEL:
            assert placed.label.endswith("\u2026")
            assert placed.node.name.startswith(placed.label[:-1])
        else:
            assert placed.label == placed.node.name
    assert layout_network(network) == layout
    assert short_label("  Ana   Example ") == "Ana Example"


def test_edges_join_the_placed_nodes() -> None:
    network = synthetic_network(SHAPES["small"])
    layout = layout_network(network)
    where = {p.node.id: (p.x, p.y) for p in layout.nodes}
    assert [(e.source.node.id, e.target.node.id) for e in layout.edges] == [
        (e.source, e.target) for e in network.edges
    ]
    for e in layout.edges:
        assert (e.source.x, e.source.y) == where[e.source.node.id]

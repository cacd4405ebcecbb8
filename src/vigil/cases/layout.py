"""Where each party of a case's network is drawn: a pure, deterministic layout for SVG.

The parties at risk are in the middle column, nearest the centre; alleged
actors and senders stand to the left, addressees and copies (authorities)
and others to the right, each category in columns of at most
`rows_per_column`, further out as it grows; when one side holds two columns
more than the other, its outermost columns move across. Labels are set in a monospace
face, so their boxes are known on the server: a label is at most
`MAX_LABEL` characters (the full name goes in the node's `<title>`), left
of its node on the left side and right of it elsewhere, and every column is
as wide as its longest label, so no two labels overlap at any size up to
`cases.network.MAX_NODES`. No JavaScript is needed to draw it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vigil.model import CaseNetwork, GraphNode

FONT_PX = 12
CHAR_PX = 7.3
"""Advance of one character of the label face (monospace 0.6 em at 12 px, rounded up)."""
LABEL_PX = 15
"""Height of a label's box."""
ROW_PX = 20
NODE_R = 6
GAP_PX = 6
"""Between a node and its label."""
COLUMN_GAP_PX = 28
MAX_LABEL = 26
MIN_ROWS, MAX_ROWS = 8, 40
"""A column holds about 2.5 x the square root of the node count, within these bounds, so
the picture stays about three times as wide as tall whatever the size."""
MARGIN_PX = 12
LEFT = ("actor", "sender")
RIGHT = ("authority", "other")


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True)
class PlacedNode:
    node: GraphNode
    x: float
    y: float
    label: str
    """The name, cut to `MAX_LABEL` characters with an ellipsis."""
    anchor: str
    """'start' (label right of the node) or 'end' (left of it)."""

    @property
    def label_x(self) -> float:
        return self.x + (NODE_R + GAP_PX) * (1 if self.anchor == "start" else -1)

    @property
    def label_box(self) -> Box:
        width = len(self.label) * CHAR_PX
        left = self.label_x if self.anchor == "start" else self.label_x - width
        return Box(left, self.y - LABEL_PX / 2, width, LABEL_PX)


@dataclass(frozen=True)
class PlacedEdge:
    source: PlacedNode
    target: PlacedNode
    relation: str


@dataclass(frozen=True)
class NetworkLayout:
    width: float
    height: float
    centre: tuple[float, float]
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]


def short_label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "\u2026"


def rows_per_column(count: int) -> int:
    return min(MAX_ROWS, max(MIN_ROWS, math.ceil(2.5 * math.sqrt(count))))


def _columns(nodes: list[GraphNode], rows: int) -> list[list[GraphNode]]:
    return [nodes[i : i + rows] for i in range(0, len(nodes), rows)]


def _label_width(column: list[GraphNode]) -> float:
    return max((len(short_label(n.name)) for n in column), default=0) * CHAR_PX


def layout_network(network: CaseNetwork) -> NetworkLayout:
    """Positions of every node and edge of `network`, in a picture of the size returned."""
    by_category: dict[str, list[GraphNode]] = {}
    for node in network.nodes:
        by_category.setdefault(node.category, []).append(node)
    rows = rows_per_column(len(network.nodes))
    middle = _columns(by_category.get("at_risk", []), rows)
    left = [c for cat in LEFT for c in _columns(by_category.get(cat, []), rows)]
    right = [c for cat in RIGHT for c in _columns(by_category.get(cat, []), rows)]
    while len(right) - len(left) >= 2:
        left.append(right.pop())
    while len(left) - len(right) >= 2:
        right.append(left.pop())
    tallest = max((len(c) for c in [*middle, *left, *right]), default=1)
    half_height = tallest * ROW_PX / 2

    # x offsets from the centre: middle columns (labels to the right) side by side.
    xs_middle: list[float] = []
    x = 0.0
    for column in middle:
        xs_middle.append(x)
        x += NODE_R + GAP_PX + _label_width(column) + COLUMN_GAP_PX
    middle_width = max(x - COLUMN_GAP_PX, NODE_R)
    shift = -middle_width / 2 if len(middle) > 1 else 0.0
    xs_middle = [v + shift for v in xs_middle]
    middle_right = middle_width + shift
    middle_left = shift - NODE_R
    # The parties at risk must be nearest: the side columns start beyond the middle's
    # reach (its half-height and width), whatever the number of rows.
    middle_reach = max(
        (abs(v) + NODE_R for v in xs_middle), default=0.0
    ) + len(max(middle, key=len, default=[])) * ROW_PX / 2
    right_x = max(middle_right + COLUMN_GAP_PX, middle_reach + COLUMN_GAP_PX) + NODE_R
    xs_right: list[float] = []
    for column in right:
        xs_right.append(right_x)
        right_x += NODE_R * 2 + GAP_PX + _label_width(column) + COLUMN_GAP_PX
    left_x = min(middle_left - COLUMN_GAP_PX, -(middle_reach + COLUMN_GAP_PX)) - NODE_R
    xs_left: list[float] = []
    for column in left:
        xs_left.append(left_x)
        left_x -= NODE_R * 2 + GAP_PX + _label_width(column) + COLUMN_GAP_PX

    relative: list[tuple[GraphNode, float, float, str]] = []
    for columns, xs, anchor in (
        (middle, xs_middle, "start"),
        (left, xs_left, "end"),
        (right, xs_right, "start"),
    ):
        for column, cx in zip(columns, xs, strict=True):
            top = -(len(column) - 1) * ROW_PX / 2
            for row, node in enumerate(column):
                relative.append((node, cx, top + row * ROW_PX, anchor))

    provisional = [PlacedNode(n, x, y, short_label(n.name), a) for n, x, y, a in relative]
    boxes = [p.label_box for p in provisional]
    min_x = min([b.x for b in boxes] + [p.x - NODE_R for p in provisional] + [0.0])
    max_x = max([b.x + b.width for b in boxes] + [p.x + NODE_R for p in provisional] + [0.0])
    dx = MARGIN_PX - min_x
    dy = MARGIN_PX + max(half_height, LABEL_PX)
    placed = [
        PlacedNode(p.node, p.x + dx, p.y + dy, p.label, p.anchor) for p in provisional
    ]
    where = {p.node.id: p for p in placed}
    edges = [
        PlacedEdge(where[e.source], where[e.target], e.relation)
        for e in network.edges
        if e.source in where and e.target in where
    ]
    return NetworkLayout(
        width=max_x - min_x + 2 * MARGIN_PX,
        height=2 * dy,
        centre=(dx, dy),
        nodes=placed,
        edges=edges,
    )

"""Resolve many mentions at once: block, compare within blocks, join merges.

1. Mentions spelled alike (the same text and kind) are one entry.
2. Each entry is normalised once and gets its blocking keys (`keys.py`),
   of which only the rarest word keys are kept (`keys.rarest`).
3. Entries that share a key are compared (`compare`, `decide`); a block
   larger than `max_block` is a key too common to tell anything (a word like
   'ministry') and is left out, the other keys still pair its names; in a block
   larger than `window` each name meets only its sorted neighbours.
4. Merges join entries with union-find, unless the first names of the two
   groups are judged distinct (a chain Tuhi ~ Tuhe ~ Tuhu must not join its
   ends): that pair goes to review instead. Review pairs come out for a
   person, unless their two sides ended up merged anyway.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from vigil.resolve.compare import compare
from vigil.resolve.decide import decide, resolve_kind
from vigil.resolve.keys import blocking_keys, rarest
from vigil.resolve.model import Decision, MatchDecision, Mention, Resolution, ReviewPair
from vigil.resolve.normalise import NormalName, normalise

MAX_BLOCK = 200
WINDOW = 8
"""Within a block larger than this, each name meets only its nearest neighbours in
two sort orders (its words, and its words reversed): comparisons then grow with the
number of names, not with its square, however common a key becomes."""


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(
    mentions: Sequence[Mention], *, max_block: int = MAX_BLOCK, window: int = WINDOW
) -> Resolution:
    """Group `mentions` into proposed parties, with the pairs a person should review."""
    entries: dict[tuple[str, str | None], int] = {}
    entry_of: list[int] = []
    first_mention: list[int] = []
    for index, mention in enumerate(mentions):
        key = (mention.name.strip(), mention.kind)
        if key not in entries:
            entries[key] = len(first_mention)
            first_mention.append(index)
        entry_of.append(entries[key])

    names = [normalise(name, resolve_kind(kind, None)) for name, kind in entries]
    all_keys = [blocking_keys(name, kind) for (_, kind), name in zip(entries, names, strict=True)]
    blocks: dict[str, list[int]] = defaultdict(list)
    for number, name_keys in enumerate(rarest(all_keys)):
        for block_key in name_keys:
            blocks[block_key].append(number)

    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= window:
            pairs.update(combinations(members, 2))
        elif window < len(members) <= max_block:
            pairs.update(_neighbours(members, names, window))

    found = _UnionFind(len(names))
    reviews: list[ReviewPair] = []
    for a, b in sorted(pairs):
        result = decide(compare(names[a], names[b]))
        if result.decision is Decision.MERGE:
            root_a, root_b = found.find(a), found.find(b)
            if root_a == root_b:
                continue
            if (root_a, root_b) != (a, b) and _apart(names[root_a], names[root_b]):
                reasons = [*result.reasons, "merging would join names judged distinct"]
                held = MatchDecision(Decision.REVIEW, result.score, reasons)
                reviews.append(ReviewPair(first_mention[a], first_mention[b], held))
                continue
            found.union(a, b)
        elif result.decision is Decision.REVIEW:
            reviews.append(ReviewPair(first_mention[a], first_mention[b], result))

    clusters: dict[int, list[int]] = defaultdict(list)
    for index, entry in enumerate(entry_of):
        clusters[found.find(entry)].append(index)
    open_reviews = [r for r in reviews if found.find(entry_of[r.a]) != found.find(entry_of[r.b])]
    return Resolution(
        clusters=sorted(clusters.values(), key=lambda members: members[0]),
        reviews=open_reviews,
        comparisons=len(pairs),
    )


def _neighbours(
    members: list[int], names: Sequence[NormalName], window: int
) -> set[tuple[int, int]]:
    """Sorted-neighbourhood pairs of a large block: each member with the next
    `window - 1` members in two orders, so neither a different first word nor a
    different last word keeps two spellings of one name apart."""
    found: set[tuple[int, int]] = set()
    for reverse in (False, True):
        step = -1 if reverse else 1
        ordered = sorted(members, key=lambda i: names[i].tokens[::step])
        for at, a in enumerate(ordered):
            for b in ordered[at + 1 : at + window]:
                found.add((min(a, b), max(a, b)))
    return found


def _apart(a: NormalName, b: NormalName) -> bool:
    """Whether the first names of two groups about to be joined are judged distinct."""
    return decide(compare(a, b)).decision is Decision.DISTINCT

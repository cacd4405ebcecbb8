"""Dataclasses of resolution: what goes in (`Mention`) and what comes out.

No I/O and no logic here; `compare`, `decide` and `cluster` build these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Decision(StrEnum):
    """What to do with two names: merge them, ask a person, or keep them apart."""

    MERGE = "merge"
    REVIEW = "review"
    DISTINCT = "distinct"


@dataclass(frozen=True)
class MatchDecision:
    """The decision on one pair of names, its score in [0, 1] and why, in words."""

    decision: Decision
    score: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "decision": str(self.decision),
            "score": round(self.score, 3),
            "reasons": self.reasons,
        }


@dataclass(frozen=True)
class Mention:
    """One name as found in a document, with the kind of party it names (if known).

    `kind` is one of the party kinds (person, organization, family, group, office)
    or `location`; None when the caller does not know it.
    """

    name: str
    kind: str | None = None


@dataclass(frozen=True)
class ReviewPair:
    """Two mentions (indexes into the resolved list) a person should look at."""

    a: int
    b: int
    match: MatchDecision


@dataclass(frozen=True)
class Resolution:
    """Mentions grouped into parties, the pairs left for review, and the work done.

    `clusters` lists mention indexes, one list per proposed party (singletons
    included), each sorted, ordered by their first mention.
    """

    clusters: list[list[int]]
    reviews: list[ReviewPair]
    comparisons: int

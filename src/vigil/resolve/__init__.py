"""Resolution: the same party across documents and spellings. Pure: names in, decisions out.

    normalise (names → comparable forms) → keys (blocking) → compare (evidence
    with reasons) → decide (merge / review / distinct) → cluster (many mentions)

`match` decides one pair; `resolve` groups many mentions, comparing only
names that share a blocking key. Nothing here reads the store or the
environment; the vocabularies it uses (countries, known aliases) are read on
first use.
"""

from __future__ import annotations

from vigil.resolve.cluster import resolve
from vigil.resolve.decide import KINDS, match
from vigil.resolve.model import Decision, MatchDecision, Mention, Resolution, ReviewPair

__all__ = [
    "KINDS",
    "Decision",
    "MatchDecision",
    "Mention",
    "Resolution",
    "ReviewPair",
    "match",
    "resolve",
]

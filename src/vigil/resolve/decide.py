"""Evidence → a decision: merge, review or distinct, with the thresholds in one place.

Merge only where strong signals agree (every distinctive word, an acronym
that is a full name's initials, a known alias) and the score reaches
`MERGE_AT`; send the middle, from `REVIEW_AT`, to a person; keep the rest
apart. Two mentions of different kinds are never merged on their names
alone: at most they are sent to review.
"""

from __future__ import annotations

from vigil.resolve.compare import Evidence, compare
from vigil.resolve.model import Decision, MatchDecision, Mention
from vigil.resolve.normalise import ORGANISATION_KINDS, normalise

MERGE_AT = 0.88
REVIEW_AT = 0.70
KINDS = ("person", "organization", "family", "group", "office", "location")


def decide(evidence: Evidence) -> MatchDecision:
    """The decision the evidence allows, with its score and reasons."""
    reasons = list(evidence.reasons)
    if evidence.ceiling is Decision.DISTINCT:
        return MatchDecision(Decision.DISTINCT, evidence.score, reasons)
    if evidence.score >= MERGE_AT and evidence.strong and evidence.ceiling is Decision.MERGE:
        return MatchDecision(Decision.MERGE, evidence.score, reasons)
    if evidence.score >= REVIEW_AT:
        if evidence.score >= MERGE_AT and not evidence.strong:
            reasons.append("no strong signal to merge without a person")
        return MatchDecision(Decision.REVIEW, evidence.score, reasons)
    return MatchDecision(Decision.DISTINCT, evidence.score, reasons)


def match(a: Mention, b: Mention) -> MatchDecision:
    """Decide whether two mentions name the same party."""
    kind_a = resolve_kind(a.kind, b.kind)
    kind_b = resolve_kind(b.kind, a.kind)
    result = decide(compare(normalise(a.name, kind_a), normalise(b.name, kind_b)))
    if a.kind and b.kind and a.kind != b.kind and result.decision is Decision.MERGE:
        return MatchDecision(
            Decision.REVIEW,
            result.score,
            [
                *result.reasons,
                f"different kinds ({a.kind} / {b.kind}): never merged on a name alone",
            ],
        )
    return result


def resolve_kind(kind: str | None, other: str | None) -> str | None:
    """The kind to read a name as: its own, else the other's (one kind for a pair)."""
    chosen = kind or other
    if chosen is not None and chosen not in KINDS:
        raise ValueError(f"unknown kind {chosen!r}; use one of: {', '.join(KINDS)}")
    return "organization" if chosen in ORGANISATION_KINDS and chosen != "organization" else chosen

"""The review queue as decisions a person takes: grouped, ordered, some settled. Pure.

A document's waiting suggestions become `Decision`s; deciding one decides every
suggestion it holds (each stays visible and can be decided alone). The rules,
each written for a class of suggestion:

1. **Same name, one decision.** Within a document, the name-bearing suggestions
   (people at risk, addressees, senders, copies, persons, organisations) that
   name the same party ('Jane Doe', 'Ms Jane Doe', 'Doe' when the document has
   one Doe) are one decision, headed by the one that matters most (a person at
   risk before a bare mention).
2. **Signatories, one decision.** A document signed by `COSIGNERS` or more
   senders is signed by a list: its senders are one decision.
3. **Names in passing, one decision.** Persons and organisations a document
   names in no role (not at risk, not a party to the letter) are one decision.
4. **Details, one decision.** Places, legal references, contact details,
   salutation and closing (`DETAIL_FIELDS`) are one decision per document.
5. **The same event or demand, one decision.** Events of one type that share a
   subject, and demands of one type, are one decision.
6. **Agreement with a decision already taken.** A name (`AGREEING_FIELDS`: that
   'X' is a person, an organisation, a place is true in any document) whose
   field and value a person already accepted, corrected or rejected elsewhere
   takes that decision (`agreeing`); `review.settle` records it as made by
   `auto`, so it is shown as decided and a person can undo it. A document's own
   facts (its kind, a sender, who is at risk) say nothing about another document.
7. **Settled by rule** (`to_settle`). The mention lists (`MENTION_FIELDS`: persons,
   organisations, places a text names) describe the text and decide no case: they
   are settled automatically (state `settled`, accepted by `auto`, not by a person:
   they are not confirmed names for the gazetteer). A list of signatories (rule 2)
   is one suggestion in the queue: its first sender waits, the others are settled
   and follow the decision taken on it (`followers`). Either is shown as settled
   automatically and a person can accept or reject it alone.

Decisions are ordered by what matters for casework (`PRIORITY`: people at risk,
addressees and senders, events, demands, earlier appeals, then the rest) and
grouped by document: a document's decisions stay together, and documents with
a person at risk waiting come first.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vigil.cases.short_forms import name_words
from vigil.model import SuggestionRecord

PRIORITY = {
    "persons_at_risk": 0,
    "groups_at_risk": 0,
    "addressees": 1,
    "senders": 1,
    "copies_to": 1,
    "events": 2,
    "demands": 3,
    "prior_interventions": 4,
    "persons": 5,
    "organizations": 5,
    "kind": 6,
    "date": 6,
    "language": 6,
    "title": 6,
}
"""Rank of each field in the queue (lower first); any other field comes last."""
LAST = 7
NAMED_FIELDS = (
    "persons_at_risk",
    "groups_at_risk",
    "addressees",
    "senders",
    "copies_to",
    "persons",
    "organizations",
)
"""Fields whose value names a party (a string, or a dict with a `name`)."""
AGREEING_FIELDS = frozenset({"persons", "organizations", "locations"})
PASSING_FIELDS = frozenset({"persons", "organizations"})
DETAIL_FIELDS = frozenset({"locations", "legal_references", "salutation", "closing"})
DETAIL_PREFIXES = ("contacts.",)
LIST_RULES = ("signatories", "in_passing", "details")
"""Rules that gather a list of one document into one decision."""
COSIGNERS = 4
"""A document with this many senders or more is signed by a list (one decision)."""
MENTION_FIELDS = frozenset({"persons", "organizations", "locations"})
"""Fields that list what a text names: settled automatically (rule 7)."""
LISTED_FIELDS = frozenset({"senders"})
"""Fields whose list, in one document, waits as its first member (rule 7)."""


@dataclass(frozen=True)
class Decision:
    """Suggestions of one document a person decides at once; `head` is shown first."""

    document_id: int
    rule: str  # single | same_name | signatories | in_passing | details | same_event | same_demand
    members: tuple[SuggestionRecord, ...]

    @property
    def head(self) -> SuggestionRecord:
        return self.members[0]

    @property
    def rank(self) -> int:
        return rank(self.head.field)

    @property
    def ids(self) -> list[int]:
        return [s.id for s in self.members if s.id is not None]


def rank(field: str) -> int:
    return PRIORITY.get(field, LAST)


def is_detail(field: str) -> bool:
    return field in DETAIL_FIELDS or field.startswith(DETAIL_PREFIXES)


def value_key(value: Any) -> str:
    """A value as stored, for comparing decisions (JSON, keys sorted)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def named(value: Any) -> str | None:
    """The name a name-bearing value gives ('Jane Doe', or a dict's `name`)."""
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def agreeing(
    waiting: Iterable[SuggestionRecord], decided: Mapping[tuple[str, str], str]
) -> list[tuple[SuggestionRecord, str]]:
    """Waiting suggestions whose (field, value) was already decided, with that decision
    (`accepted` or `rejected`; an edited value counts as accepted)."""
    found: list[tuple[SuggestionRecord, str]] = []
    for s in waiting:
        if s.field not in AGREEING_FIELDS:
            continue
        state = decided.get((s.field, value_key(s.value)))
        if state is not None:
            found.append((s, "rejected" if state == "rejected" else "accepted"))
    return found


class _Groups:
    """Union-find over the suggestions of one document."""

    def __init__(self, items: Sequence[SuggestionRecord]) -> None:
        self.parent = list(range(len(items)))
        self.rule: dict[int, str] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, indices: Sequence[int], rule: str) -> None:
        if len(indices) < 2:
            return
        roots = {self.find(i) for i in indices}
        first = min(roots)
        rules = {self.rule.pop(r) for r in roots if r in self.rule}
        for r in roots:
            self.parent[r] = first
        # a group joined again keeps a rule it had (the same one for the same inputs)
        self.rule[first] = min(rules) if rules else rule


def document_decisions(items: Sequence[SuggestionRecord]) -> list[Decision]:
    """One document's waiting suggestions → its decisions, most important first."""
    if not items:
        return []
    doc = items[0].document_id or 0
    groups = _Groups(items)
    by_field: dict[str, list[int]] = defaultdict(list)
    for n, s in enumerate(items):
        by_field[s.field].append(n)

    # 2. signatories
    if len(by_field.get("senders", [])) >= COSIGNERS:
        groups.join(by_field["senders"], "signatories")
    # 1. same name
    words: dict[int, tuple[str, ...]] = {}
    for f in NAMED_FIELDS:
        for n in by_field.get(f, []):
            name = named(items[n].value)
            if name is not None:
                w = tuple(name_words(name))
                if w:
                    words[n] = w
    full = [w for w in words.values() if len(w) >= 2]
    surnames: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for w in full:
        surnames[w[-1]].add(w)
    same: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n, w in words.items():
        if len(w) == 1 and len(surnames.get(w[0], ())) == 1:
            w = next(iter(surnames[w[0]]))  # 'Doe' is the document's only Doe
        same[w].append(n)
    for members in same.values():
        groups.join(members, "same_name")
    # 3. names in passing: persons and organisations grouped with no role
    in_role = {groups.find(n) for n, s in enumerate(items) if s.field not in PASSING_FIELDS}
    passing = [
        n
        for n, s in enumerate(items)
        if s.field in PASSING_FIELDS and groups.find(n) not in in_role
    ]
    groups.join(passing, "in_passing")
    # 4. details
    groups.join([n for n, s in enumerate(items) if is_detail(s.field)], "details")
    # 5. the same event, the same demand
    events = by_field.get("events", [])
    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            if _same_event(items[a].value, items[b].value):
                groups.join([a, b], "same_event")
    demands: dict[str, list[int]] = defaultdict(list)
    for n in by_field.get("demands", []):
        demands[value_key(items[n].value)].append(n)
    for members in demands.values():
        groups.join(members, "same_demand")

    collected: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        collected[groups.find(n)].append(n)
    decisions = []
    for root, members in collected.items():
        ordered = sorted(members, key=lambda n: (rank(items[n].field), n))
        rule = groups.rule.get(root, "single") if len(members) > 1 else "single"
        decisions.append(Decision(doc, rule, tuple(items[n] for n in ordered)))
    return sorted(decisions, key=lambda d: (d.rank, d.head.id or 0))


def _same_event(a: Any, b: Any) -> bool:
    if not isinstance(a, dict) or not isinstance(b, dict) or a.get("type") != b.get("type"):
        return False
    subjects_a = {tuple(name_words(s)) for s in a.get("subjects") or [] if isinstance(s, str)}
    subjects_b = {tuple(name_words(s)) for s in b.get("subjects") or [] if isinstance(s, str)}
    return bool(subjects_a & subjects_b) or (not subjects_a and not subjects_b)


def to_settle(waiting: Iterable[SuggestionRecord]) -> list[SuggestionRecord]:
    """The waiting suggestions rule 7 settles: every mention, and in a document whose
    senders are a list (`COSIGNERS` or more waiting), every sender but the first."""
    chosen: list[SuggestionRecord] = []
    listed: dict[tuple[int, str], list[SuggestionRecord]] = defaultdict(list)
    for s in sorted(waiting, key=lambda s: s.id or 0):
        if s.field in MENTION_FIELDS:
            chosen.append(s)
        elif s.field in LISTED_FIELDS:
            listed[(s.document_id or 0, s.field)].append(s)
    for members in listed.values():
        if len(members) >= COSIGNERS:
            chosen += members[1:]
    return chosen


def followers(decision: Decision, settled: Iterable[SuggestionRecord]) -> list[SuggestionRecord]:
    """The settled members of a list (rule 7) that follow `decision`: the settled
    suggestions of its document in a listed field the decision holds."""
    fields = {s.field for s in decision.members} & LISTED_FIELDS
    return [
        s
        for s in settled
        if s.document_id == decision.document_id and s.field in fields and s.id is not None
    ]


def queue(waiting: Iterable[SuggestionRecord]) -> list[Decision]:
    """Every waiting suggestion as decisions: grouped by document, documents with the
    most important decision first, then in document order."""
    by_document: dict[int, list[SuggestionRecord]] = defaultdict(list)
    for s in waiting:
        by_document[s.document_id or 0].append(s)
    documents = [
        document_decisions(sorted(items, key=lambda s: s.id or 0))
        for _, items in sorted(by_document.items())
    ]
    documents.sort(key=lambda ds: (ds[0].rank, ds[0].document_id))
    return [d for ds in documents for d in ds]

"""The review queue: each machine suggestion shown in its source sentence.

Decisions are recorded by `vigil.store.suggestions` (accept, edit, reject,
bulk by rule or confidence); accepted names then feed extraction's gazetteer.
Facts about a whole document (its language, kind, date and title) are settled
without a person when the extraction is sure of them (`settle_document_facts`,
confidence at least `SETTLE_CONFIDENCE`): accepted by `auto`, in the change log,
and a person can still edit or reject them.

The queue is a list of decisions (`vigil.cases.queue`: the same name, a list of
signatories, names in passing, a document's details, the same event or demand
are each one decision), ordered by what matters for casework; `settle` also
gives a suggestion the decision already taken on the same field and value, then
settles by rule (`queue.to_settle`: the mention lists, and a list of signatories but
its first) what describes the text and decides no case: state `settled`, by `auto`,
shown as settled automatically, never a confirmed name, and a person can still
accept or reject each (`decide` on a list's first sender decides the list).
`queue_stats` counts what waits for a person, by field (`vigil review --stats`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vigil.cases import queue
from vigil.errors import ReviewError, UnknownRecord
from vigil.model import Span, SuggestionRecord, display_title
from vigil.store import Store
from vigil.store.suggestions import (
    SETTLED,
    decided_values,
    extracted_count,
    review_ids,
    review_many,
    review_progress,
    review_queue,
    waiting_suggestion,
    waiting_suggestions,
    waiting_with_values,
)

CONTEXT_CHARS = 240
DOCUMENT_FACTS = ("language", "kind", "date", "title")
SETTLE_CONFIDENCE = 0.85


def settle_document_facts(
    store: Store, documents: Sequence[int] | None = None, actor: str = "auto"
) -> int:
    """Accept the sure document-level facts of `documents` (all when None); returns how many."""
    return sum(
        review_many(
            store,
            "accepted",
            field=field,
            min_confidence=SETTLE_CONFIDENCE,
            actor=actor,
            document_ids=documents,
        )
        for field in DOCUMENT_FACTS
    )


def settle(store: Store, documents: Sequence[int] | None = None, actor: str = "auto") -> int:
    """Settle what needs no person in `documents` (all when None): sure document facts,
    suggestions whose field and value were already decided (`queue.agreeing`), then
    what the queue's rule 7 settles (`queue.to_settle`), but a value people kept in one
    document and rejected in another: that one waits for a person."""
    settled = settle_document_facts(store, documents, actor)
    waiting = [s for s in waiting_suggestions(store, documents) if s.field in queue.AGREEING_FIELDS]
    states: dict[tuple[str, str], set[str]] = {}
    if waiting:
        for field_name, value, state in decided_values(
            store, [(s.field, s.value) for s in waiting]
        ):
            kept = "rejected" if state == "rejected" else "accepted"
            states.setdefault((field_name, queue.value_key(value)), set()).add(kept)
    # a value kept somewhere and rejected elsewhere is for a person to decide
    decided = {key: next(iter(found)) for key, found in states.items() if len(found) == 1}
    agreed = queue.agreeing(waiting, decided)
    for state in ("accepted", "rejected"):
        ids = [s.id for s, st in agreed if st == state and s.id is not None]
        settled += review_ids(store, ids, state, actor)
    contested = {key for key, found in states.items() if len(found) > 1}
    ruled = [
        s.id
        for s in queue.to_settle(waiting_suggestions(store, documents))
        if s.id is not None and (s.field, queue.value_key(s.value)) not in contested
    ]
    return settled + review_ids(store, ruled, SETTLED, actor)


def decisions(store: Store, document_id: int | None = None) -> list[queue.Decision]:
    """The review queue as decisions (`vigil.cases.queue`), most important first."""
    return queue.queue(waiting_suggestions(store, None if document_id is None else [document_id]))


def decide(store: Store, suggestion_id: int, state: str, actor: str = "local") -> list[int]:
    """Accept or reject the whole decision `suggestion_id` belongs to; returns its ids."""
    waiting = waiting_suggestions(store)
    found = next((s for s in waiting if s.id == suggestion_id), None)
    if found is None:
        raise UnknownRecord(f"no suggestion {suggestion_id} waits for review")
    same_document = [s for s in waiting if s.document_id == found.document_id]
    settled = waiting_suggestions(store, [found.document_id or 0], SETTLED)
    for decision in queue.document_decisions(same_document):
        if suggestion_id in decision.ids:
            ids = decision.ids + [s.id for s in queue.followers(decision, settled) if s.id]
            review_ids(store, ids, state, actor)
            return ids
    return []  # pragma: no cover - every waiting suggestion is in one decision


def same_value(store: Store, suggestion_id: int) -> list[int]:
    """The waiting suggestions, in every document, of the field and value of `suggestion_id`
    when that field's value holds in any document (`queue.AGREEING_FIELDS`: that 'X' is a
    place is true everywhere); just itself otherwise."""
    found = waiting_suggestion(store, suggestion_id)
    if found is None:
        raise UnknownRecord(f"no suggestion {suggestion_id} waits for review")
    if found.field not in queue.AGREEING_FIELDS:
        return [suggestion_id]
    return waiting_with_values(store, found.field, [found.value])[0]


def decide_value(store: Store, suggestion_id: int, state: str, actor: str = "local") -> list[int]:
    """Accept or reject `suggestion_id` with every waiting suggestion of its field and value
    (`same_value`); returns their ids."""
    ids = same_value(store, suggestion_id)
    review_ids(store, ids, state, actor)
    return ids


@dataclass(frozen=True)
class QueueStats:
    """What waits for a person: suggestions and decisions, by field, over the documents."""

    documents: int
    suggestions: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)
    decided: dict[str, int] = field(default_factory=dict)

    @property
    def waiting(self) -> int:
        return sum(self.suggestions.values())

    @property
    def to_decide(self) -> int:
        return sum(self.decisions.values())

    def per_document(self, count: int) -> float:
        return count / self.documents if self.documents else 0.0


def _label(decision: queue.Decision) -> str:
    """A decision counted under its head's field, or under the rule that gathered a list."""
    return decision.rule if decision.rule in queue.LIST_RULES else decision.head.field


def queue_stats(store: Store) -> QueueStats:
    """Suggestions waiting by field, and the decisions they make (by their head's field;
    a document's details, names in passing and signatories under those names)."""
    waiting = waiting_suggestions(store)
    return QueueStats(
        extracted_count(store),
        dict(Counter(s.field for s in waiting).most_common()),
        dict(Counter(_label(d) for d in queue.queue(waiting)).most_common()),
        {k: v for k, v in review_progress(store).items() if k != "suggested"},
    )


@dataclass(frozen=True)
class ReviewItem:
    """A suggestion with the words that support it."""

    suggestion: SuggestionRecord
    document_title: str | None
    """`model.display_title`: the title, else the file name."""
    before: str
    quoted: str
    after: str
    decision_rule: str = "single"
    """The queue rule that grouped it with others (`queue.Decision.rule`)."""
    decision_size: int = 1
    """Its decision's suggestions, with the settled members of a list that follow it
    (`queue.followers`)."""
    decision_head: int | None = None
    """The id of the suggestion that heads its decision (shown first, with its buttons)."""
    same_value: int = 1
    """Waiting suggestions of its field and value in every document (`same_value`)."""

    @property
    def heads_decision(self) -> bool:
        """True for the first suggestion of a decision of several."""
        return self.decision_size > 1 and self.suggestion.id == self.decision_head


NAMED_PARTS = ("name", "title")
"""Parts of a structured value whose words the evidence should show (the first given)."""
ID_FIELDS = frozenset({"language", "kind", "date", "demands", "legal_references"})
"""Fields whose value is an id or a normalised form, not words of the text."""


def own_words(field: str, value: Any) -> str | None:
    """The words of the text a value names (a string, a record's name or title); None for
    ids and normalised values."""
    if field in ID_FIELDS:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for part in NAMED_PARTS:
            named = value.get(part)
            if isinstance(named, str) and named.strip():
                return named.strip()
    return None


def evidence_span(suggestion: SuggestionRecord, text: str) -> Span:
    """The words that support a suggestion, to highlight: where its value's own words
    (a name, a sender's name) stand in one of its spans, else its last span.

    A suggestion's spans may hold its whole sentence or a neighbour's words (a sender's
    organisation after the name, a list of signatories); the value's own words are
    looked for in each span, the last first, whole, then by their last word.
    """
    if not suggestion.spans:
        return Span(0, 0)
    words = own_words(suggestion.field, suggestion.value)
    if words:
        tries = [words] + ([words.split()[-1]] if len(words.split()) > 1 else [])
        for wanted in tries:
            pattern = re.compile(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", re.IGNORECASE)
            for span in reversed(suggestion.spans):
                found = pattern.search(text, span.start, span.end)
                if found is not None and found.end() <= span.end:
                    return Span(found.start(), found.end())
    return suggestion.spans[-1]


def source_sentence(text: str, span: Span) -> tuple[str, str, str]:
    """The sentence (or line) around `span`, split into before / quoted / after."""
    start = max(0, min(span.start, len(text)))
    end = max(start, min(span.end, len(text)))
    left = text.rfind("\n", max(0, start - CONTEXT_CHARS), start)
    stops = [m.end() for m in re.finditer(r"[.!?]\s", text[max(0, start - CONTEXT_CHARS) : start])]
    lo = max(left + 1, (max(0, start - CONTEXT_CHARS) + stops[-1]) if stops else 0)
    tail = text[end : end + CONTEXT_CHARS]
    stop = re.search(r"[.!?](\s|$)|\n", tail)
    hi = end + (stop.end() if stop else len(tail))
    return text[lo:start], text[start:end], text[end:hi].rstrip()


def review_items(
    store: Store,
    limit: int = 50,
    field: str | None = None,
    document_id: int | None = None,
    *,
    rule: str | None = None,
    min_confidence: float | None = None,
) -> list[ReviewItem]:
    """Waiting suggestions in their sentences: in the queue's order (`queue.queue`), a
    decision's suggestions together; by document and position when filtered by rule or
    confidence."""
    if rule is not None or min_confidence is not None:
        found = review_queue(
            store, limit, field, document_id, rule=rule, min_confidence=min_confidence
        )
        return _items(store, [(s, None) for s in found])
    chosen = [
        (s, d)
        for d in decisions(store, document_id)
        for s in d.members
        if field is None or s.field == field
    ][:limit]
    settled = waiting_suggestions(store, sorted({s.document_id or 0 for s, _ in chosen}), SETTLED)
    following = {id(d): len(queue.followers(d, settled)) for _, d in chosen if d is not None}
    return _items(store, chosen, following)


def _items(
    store: Store,
    found: Sequence[tuple[SuggestionRecord, queue.Decision | None]],
    following: Mapping[int, int] | None = None,
) -> list[ReviewItem]:
    items: list[ReviewItem] = []
    shared: dict[tuple[str, str], int] = {}
    for field_name in sorted({s.field for s, _ in found} & queue.AGREEING_FIELDS):
        values = [s.value for s, _ in found if s.field == field_name]
        for value, ids in zip(values, waiting_with_values(store, field_name, values), strict=True):
            shared[(field_name, queue.value_key(value))] = len(ids)
    documents: dict[int, tuple[str | None, str]] = {}
    for suggestion, decision in found:
        doc_id = suggestion.document_id
        assert doc_id is not None
        if doc_id not in documents:
            doc = store.get(doc_id)
            locator = doc.sources[0].locator if doc.sources else None
            documents[doc_id] = (display_title(doc.title, locator, doc.id), doc.text)
        title, text = documents[doc_id]
        span = evidence_span(suggestion, text)
        before, quoted, after = source_sentence(text, span)
        if decision is None:
            group: tuple[str, int, int | None] = ("single", 1, suggestion.id)
        else:
            more = (following or {}).get(id(decision), 0)
            rule = "signatories" if more else decision.rule
            group = (rule, len(decision.members) + more, decision.head.id)
        everywhere = shared.get((suggestion.field, queue.value_key(suggestion.value)), 1)
        items.append(ReviewItem(suggestion, title, before, quoted, after, *group, everywhere))
    return items


def progress(store: Store) -> dict[str, int]:
    """Suggestions by review state."""
    return review_progress(store)


def value_text(value: Any) -> str:
    """A suggested value as a person reads and edits it: a string as is, else JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class Shape(StrEnum):
    """How one part of a structured value is typed in a field."""

    TEXT = "text"
    """A string (empty: none)."""
    LIST = "list"
    """A list of strings, typed separated by semicolons."""
    JSON = "json"
    """Anything else (a number, a nested record), typed as JSON."""


LIST_SEPARATOR = ";"
KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class ValueField:
    """One part of a structured suggestion (a sender's name, an event's subjects), as a
    person reads and corrects it in a field of its own."""

    key: str
    shape: Shape
    text: str


def value_label(value: Any) -> str:
    """A suggested value as a person reads it: a record as its name (or type) with its
    other parts in brackets ("Clara Jensen (person, Nordic Detention Watch)"), lists
    joined by semicolons; anything else as `value_text`."""
    if not isinstance(value, dict):
        return value_text(value)

    def shown(part: Any) -> str:
        if isinstance(part, list) and all(isinstance(x, str) for x in part):
            return f"{LIST_SEPARATOR} ".join(part)
        return value_text(part)

    parts = [shown(v) for v in value.values() if v not in (None, "", [])]
    if not parts:
        return value_text(value)
    return parts[0] + (f" ({', '.join(parts[1:])})" if len(parts) > 1 else "")


def value_fields(value: Any) -> list[ValueField] | None:
    """The fields a structured value (a record) is edited in; None for a plain value."""
    if not isinstance(value, dict):
        return None
    found = []
    for key, part in value.items():
        if part is None or isinstance(part, str):
            found.append(ValueField(key, Shape.TEXT, part or ""))
        elif isinstance(part, list) and all(isinstance(x, str) for x in part):
            found.append(ValueField(key, Shape.LIST, f"{LIST_SEPARATOR} ".join(part)))
        else:
            found.append(ValueField(key, Shape.JSON, json.dumps(part, ensure_ascii=False)))
    return found


def value_from_fields(typed: Mapping[tuple[str, Shape], str]) -> dict[str, Any]:
    """The record the fields of `value_fields` give back, as typed: an empty text is None,
    a list is split at semicolons. `ReviewError` for a bad key or malformed JSON."""
    value: dict[str, Any] = {}
    for (key, shape), text in typed.items():
        if not KEY.fullmatch(key):
            raise ReviewError("a corrected value has a part with a malformed name")
        text = text.strip()
        if shape is Shape.TEXT:
            value[key] = text or None
        elif shape is Shape.LIST:
            value[key] = [x.strip() for x in text.split(LIST_SEPARATOR) if x.strip()]
        else:
            try:
                value[key] = json.loads(text) if text else None
            except json.JSONDecodeError as exc:
                raise ReviewError(f"the part {key!r} is not valid JSON: fix it") from exc
    if not value:
        raise ReviewError("an edit needs the corrected value")
    return value


def parse_value(typed: str) -> Any:
    """A corrected value as typed: JSON when it starts with `{`, else the text itself."""
    if not typed.lstrip().startswith("{"):
        return typed
    try:
        return json.loads(typed)
    except json.JSONDecodeError as exc:
        raise ReviewError(
            "the corrected value starts with { but is not valid JSON: fix it, or drop the {"
        ) from exc

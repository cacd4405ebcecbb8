"""The review queue: each machine suggestion shown in its source sentence.

Decisions are recorded by `vigil.store.suggestions` (accept, edit, reject,
bulk by rule or confidence); accepted names then feed extraction's gazetteer.
Facts about a whole document (its language, kind, date and title) are settled
without a person when the extraction is sure of them (`settle_document_facts`,
confidence at least `SETTLE_CONFIDENCE`): accepted by `auto`, in the change log,
and a person can still edit or reject them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from vigil.errors import ReviewError
from vigil.model import Span, SuggestionRecord, display_title
from vigil.store import Store
from vigil.store.suggestions import review_many, review_progress, review_queue

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


@dataclass(frozen=True)
class ReviewItem:
    """A suggestion with the words that support it."""

    suggestion: SuggestionRecord
    document_title: str | None
    """`model.display_title`: the title, else the file name."""
    before: str
    quoted: str
    after: str


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
    items: list[ReviewItem] = []
    documents: dict[int, tuple[str | None, str]] = {}
    queue = review_queue(store, limit, field, document_id, rule=rule, min_confidence=min_confidence)
    for suggestion in queue:
        doc_id = suggestion.document_id
        assert doc_id is not None
        if doc_id not in documents:
            doc = store.get(doc_id)
            locator = doc.sources[0].locator if doc.sources else None
            documents[doc_id] = (display_title(doc.title, locator, doc.id), doc.text)
        title, text = documents[doc_id]
        span = suggestion.spans[-1] if suggestion.spans else Span(0, 0)
        before, quoted, after = source_sentence(text, span)
        items.append(ReviewItem(suggestion, title, before, quoted, after))
    return items


def progress(store: Store) -> dict[str, int]:
    """Suggestions by review state."""
    return review_progress(store)


def value_text(value: Any) -> str:
    """A suggested value as a person reads and edits it: a string as is, else JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


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

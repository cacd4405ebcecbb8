"""Stage 2 in the store: save and read extraction results with their provenance.

Saving is one transaction per document: the document is `stored` before and
`extracted` after, never in between. Re-extraction replaces the suggestions
still waiting for review; those a person accepted, edited or rejected stay,
and a suggestion a person rejected does not come back.

Review: `review_queue` lists what waits, `review` records one decision
(accepted, edited with a new value, rejected), `review_many` accepts or
rejects in bulk by rule and confidence; `confirmed_names` gives the names
people accepted, which feed the extractor's gazetteer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from vigil.errors import DocumentNotFound, ReviewError, UnknownRecord
from vigil.model import DocumentState, ExtractionRecord, Span, SuggestionRecord
from vigil.store import tables
from vigil.store.changes import log_change
from vigil.store.extraction_tables import extractions, suggestions
from vigil.store.facets import refresh_countries
from vigil.store.store import Store

Scope = Literal["pending", "outdated", "all"]


def documents_to_extract(store: Store, scope: Scope, version: str) -> list[int]:
    """Ids to (re-)extract: `pending` (stored, never extracted), `outdated`
    (pending, or extracted by another pipeline version) or `all` with text."""
    d = tables.documents.c
    query = select(d.id).order_by(d.id)
    if scope == "pending":
        query = query.where(d.state == str(DocumentState.STORED))
    elif scope == "outdated":
        query = query.outerjoin(extractions, extractions.c.document_id == d.id).where(
            or_(
                d.state == str(DocumentState.STORED),
                and_(
                    d.state != str(DocumentState.NEEDS_OCR),
                    or_(
                        extractions.c.pipeline_version.is_(None),
                        extractions.c.pipeline_version != version,
                    ),
                ),
            )
        )
    else:
        query = query.where(d.state != str(DocumentState.NEEDS_OCR))
    with store.engine.connect() as conn:
        return list(conn.scalars(query))


def save_extraction(
    store: Store,
    doc_id: int,
    record: ExtractionRecord,
    actor: str = "local",
    within: Connection | None = None,
) -> None:
    now = datetime.now(UTC)
    d = tables.documents.c
    with store.begin(within) as conn:
        row = conn.execute(select(d.state, d.title, d.published).where(d.id == doc_id)).first()
        if row is None:
            raise DocumentNotFound(f"no document with id {doc_id}")
        conn.execute(delete(extractions).where(extractions.c.document_id == doc_id))
        conn.execute(
            delete(suggestions).where(
                suggestions.c.document_id == doc_id, suggestions.c.review_state == "suggested"
            )
        )
        conn.execute(
            extractions.insert().values(
                document_id=doc_id,
                pipeline_version=record.pipeline_version,
                extracted_at=now,
                truncated=record.truncated,
                errors=json.dumps(record.errors),
                contract=json.dumps(record.contract, ensure_ascii=False),
            )
        )
        rejected = {
            (f, v)
            for f, v in conn.execute(
                select(suggestions.c.field, suggestions.c.value).where(
                    suggestions.c.document_id == doc_id,
                    suggestions.c.review_state == "rejected",
                )
            )
        }
        kept = [
            s
            for s in record.suggestions
            if (s.field, json.dumps(s.value, ensure_ascii=False)) not in rejected
        ]
        if kept:
            conn.execute(
                suggestions.insert(),
                [
                    {
                        "document_id": doc_id,
                        "field": s.field,
                        "value": json.dumps(s.value, ensure_ascii=False),
                        "spans": json.dumps([[sp.start, sp.end] for sp in s.spans]),
                        "component": s.component,
                        "rule": s.rule,
                        "confidence": s.confidence,
                        "review_state": s.review_state,
                        "pipeline_version": record.pipeline_version,
                        "created_at": now,
                    }
                    for s in kept
                ],
            )
        refresh_countries(conn, [doc_id])
        contract = record.contract
        changes: dict[str, object] = {"state": str(DocumentState.EXTRACTED), "updated_at": now}
        if contract.get("kind"):
            changes["kind"] = contract["kind"]
        if not row.title and contract.get("title"):
            changes["title"] = contract["title"]
        if not row.published and contract.get("date"):
            changes["published"] = contract["date"]
        conn.execute(update(tables.documents).where(d.id == doc_id).values(**changes))
        log_change(
            conn,
            actor,
            "extract",
            "document",
            doc_id,
            {"suggestions": len(kept), "errors": len(record.errors)},
        )


def get_extraction(store: Store, doc_id: int) -> ExtractionRecord | None:
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(extractions).where(extractions.c.document_id == doc_id))
            .mappings()
            .first()
        )
        if row is None:
            return None
        rows = conn.execute(
            select(suggestions)
            .where(suggestions.c.document_id == doc_id)
            .order_by(suggestions.c.id)
        ).mappings()
        items = [_record(r) for r in rows]
    return ExtractionRecord(
        pipeline_version=row["pipeline_version"],
        contract=json.loads(row["contract"]),
        suggestions=items,
        errors=json.loads(row["errors"]),
        truncated=bool(row["truncated"]),
        extracted_at=row["extracted_at"],
    )


REVIEW_STATES = ("accepted", "edited", "rejected")
"""A person's decisions."""
SETTLED = "settled"
"""Accepted automatically by a rule (`vigil.cases.queue.to_settle`), not by a person:
used like an accepted suggestion, never a confirmed name, and a person can still decide."""
NAME_FIELDS = ("persons", "organizations", "locations", "persons_at_risk")


def _record(r: Any) -> SuggestionRecord:
    return SuggestionRecord(
        field=r["field"],
        value=json.loads(r["value"]),
        spans=[Span(a, b) for a, b in json.loads(r["spans"])],
        component=r["component"],
        rule=r["rule"],
        confidence=r["confidence"],
        review_state=r["review_state"],
        id=r["id"],
        document_id=r["document_id"],
    )


def review_queue(
    store: Store,
    limit: int = 50,
    field: str | None = None,
    document_id: int | None = None,
    *,
    rule: str | None = None,
    min_confidence: float | None = None,
) -> list[SuggestionRecord]:
    """Suggestions waiting for a person, by document and position."""
    query = select(suggestions).where(suggestions.c.review_state == "suggested")
    if field:
        query = query.where(suggestions.c.field == field)
    if document_id is not None:
        query = query.where(suggestions.c.document_id == document_id)
    if rule:
        query = query.where(suggestions.c.rule == rule)
    if min_confidence is not None:
        query = query.where(suggestions.c.confidence >= min_confidence)
    query = query.order_by(suggestions.c.document_id, suggestions.c.id).limit(limit)
    with store.engine.connect() as conn:
        return [_record(r) for r in conn.execute(query).mappings()]


def review(
    store: Store, suggestion_id: int, state: str, value: Any = None, actor: str = "local"
) -> SuggestionRecord:
    """Record a person's decision on one suggestion (an edit carries the new value)."""
    if state not in REVIEW_STATES:
        raise ReviewError(f"review state must be one of {', '.join(REVIEW_STATES)}")
    if state == "edited" and value in (None, ""):
        raise ReviewError("an edit needs the corrected value")
    with store.engine.begin() as conn:
        row = (
            conn.execute(select(suggestions).where(suggestions.c.id == suggestion_id))
            .mappings()
            .first()
        )
        if row is None:
            raise UnknownRecord(f"no suggestion with id {suggestion_id}")
        changes: dict[str, Any] = {"review_state": state}
        if state == "edited":
            changes["value"] = json.dumps(value, ensure_ascii=False)
        conn.execute(update(suggestions).where(suggestions.c.id == suggestion_id).values(**changes))
        _log_review(conn, actor, [suggestion_id], state)
        updated = (
            conn.execute(select(suggestions).where(suggestions.c.id == suggestion_id))
            .mappings()
            .one()
        )
    return _record(updated)


def review_many(
    store: Store,
    state: str,
    rule: str | None = None,
    min_confidence: float | None = None,
    field: str | None = None,
    actor: str = "local",
    document_ids: Sequence[int] | None = None,
) -> int:
    """Accept or reject every waiting suggestion of a rule and/or above a confidence
    (of some documents only, when `document_ids` is given)."""
    if state not in ("accepted", "rejected"):
        raise ReviewError("bulk review accepts or rejects")
    if rule is None and min_confidence is None and field is None:
        raise ReviewError("choose what to review in bulk: a rule, a field or a confidence")
    where = [suggestions.c.review_state == "suggested"]
    if rule is not None:
        where.append(suggestions.c.rule == rule)
    if field is not None:
        where.append(suggestions.c.field == field)
    if min_confidence is not None:
        where.append(suggestions.c.confidence >= min_confidence)
    if document_ids is not None:
        where.append(suggestions.c.document_id.in_(sorted(set(document_ids))))
    with store.engine.begin() as conn:
        ids = list(conn.scalars(select(suggestions.c.id).where(*where)))
        if ids:
            conn.execute(
                update(suggestions).where(suggestions.c.id.in_(ids)).values(review_state=state)
            )
            _log_review(conn, actor, ids, state)
    return len(ids)


def waiting_suggestions(
    store: Store, document_ids: Sequence[int] | None = None, state: str = "suggested"
) -> list[SuggestionRecord]:
    """Every suggestion still waiting for a person (of some documents only), by id; with
    `state`, those in that state instead (`SETTLED`: those settled automatically)."""
    query = select(suggestions).where(suggestions.c.review_state == state)
    if document_ids is not None:
        query = query.where(suggestions.c.document_id.in_(sorted(set(document_ids))))
    with store.engine.connect() as conn:
        return [_record(r) for r in conn.execute(query.order_by(suggestions.c.id)).mappings()]


def decided_values(store: Store, wanted: Sequence[tuple[str, Any]]) -> list[tuple[str, Any, str]]:
    """(field, value, state) of the decided suggestions with one of the `wanted`
    (field, value) pairs, each once: the work follows the values asked about."""
    by_field: dict[str, set[str]] = {}
    for f, v in wanted:
        by_field.setdefault(f, set()).add(json.dumps(v, ensure_ascii=False))
    found: list[tuple[str, Any, str]] = []
    with store.engine.connect() as conn:
        for f, values in sorted(by_field.items()):
            query = (
                select(suggestions.c.value, suggestions.c.review_state)
                .where(
                    suggestions.c.field == f,
                    suggestions.c.value.in_(sorted(values)),
                    suggestions.c.review_state.in_(REVIEW_STATES),
                )
                .distinct()
            )
            found += [(f, json.loads(v), str(state)) for v, state in conn.execute(query)]
    return found


def waiting_with_values(store: Store, field: str, values: Sequence[Any]) -> list[list[int]]:
    """For each of `values`, the ids of the waiting suggestions of `field` with that value,
    in every document: looked up by value (index of migration 18)."""
    stored = [json.dumps(v, ensure_ascii=False) for v in values]
    found: dict[str, list[int]] = {v: [] for v in stored}
    if stored:
        query = (
            select(suggestions.c.value, suggestions.c.id)
            .where(
                suggestions.c.field == field,
                suggestions.c.value.in_(sorted(found)),
                suggestions.c.review_state == "suggested",
            )
            .order_by(suggestions.c.id)
        )
        with store.engine.connect() as conn:
            for value, suggestion_id in conn.execute(query):
                found[str(value)].append(int(suggestion_id))
    return [found[v] for v in stored]


def waiting_suggestion(store: Store, suggestion_id: int) -> SuggestionRecord | None:
    """One suggestion, if it still waits for a person."""
    query = select(suggestions).where(
        suggestions.c.id == suggestion_id, suggestions.c.review_state == "suggested"
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return None if row is None else _record(row)


def review_ids(store: Store, ids: Sequence[int], state: str, actor: str = "local") -> int:
    """Accept, reject or settle (`SETTLED`) the suggestions `ids` that still wait, or
    that were settled automatically (a person's decision on a settled one); returns how
    many."""
    if state not in ("accepted", "rejected", SETTLED):
        raise ReviewError("a decision on several suggestions accepts or rejects")
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    open_states = ("suggested",) if state == SETTLED else ("suggested", SETTLED)
    with store.engine.begin() as conn:
        found = list(
            conn.scalars(
                select(suggestions.c.id).where(
                    suggestions.c.id.in_(wanted), suggestions.c.review_state.in_(open_states)
                )
            )
        )
        if found:
            conn.execute(
                update(suggestions).where(suggestions.c.id.in_(found)).values(review_state=state)
            )
            _log_review(conn, actor, found, state)
    return len(found)


def extracted_count(store: Store) -> int:
    """How many documents have an extraction."""
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(extractions)) or 0)


def review_progress(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            str(state): int(n)
            for state, n in conn.execute(
                select(suggestions.c.review_state, func.count()).group_by(
                    suggestions.c.review_state
                )
            )
        }


def confirmed_names(store: Store) -> tuple[str, ...]:
    """Names people accepted or corrected: the extractor always recognises them."""
    with store.engine.connect() as conn:
        values = conn.scalars(
            select(suggestions.c.value)
            .where(
                suggestions.c.field.in_(NAME_FIELDS),
                suggestions.c.review_state.in_(("accepted", "edited")),
            )
            .distinct()
        )
        names = {json.loads(v) for v in values}
    return tuple(sorted(n for n in names if isinstance(n, str) and n.strip()))


def _log_review(conn: Connection, actor: str, ids: list[int], state: str) -> None:
    """One entry per suggestion decided, a bulk decision included (with its batch size)."""
    for suggestion_id in ids:
        detail = {"batch": len(ids)} if len(ids) > 1 else {}
        log_change(conn, actor, f"review:{state}", "suggestion", suggestion_id, detail)

"""Stage 2 in the store: save and read extraction results with their provenance.

Saving is one transaction per document: the document is `stored` before and
`extracted` after, never in between. Re-extraction replaces the suggestions
still waiting for review; those a person accepted, edited or rejected stay.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import and_, delete, or_, select, update

from vigil.errors import DocumentNotFound
from vigil.model import DocumentState, ExtractionRecord, Span, SuggestionRecord
from vigil.store import tables
from vigil.store.extraction_tables import extractions, suggestions
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
    store: Store, doc_id: int, record: ExtractionRecord, actor: str = "local"
) -> None:
    now = datetime.now(UTC)
    d = tables.documents.c
    with store.engine.begin() as conn:
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
        if record.suggestions:
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
                    for s in record.suggestions
                ],
            )
        contract = record.contract
        changes: dict[str, object] = {"state": str(DocumentState.EXTRACTED), "updated_at": now}
        if contract.get("kind"):
            changes["kind"] = contract["kind"]
        if not row.title and contract.get("title"):
            changes["title"] = contract["title"]
        if not row.published and contract.get("date"):
            changes["published"] = contract["date"]
        conn.execute(update(tables.documents).where(d.id == doc_id).values(**changes))
        conn.execute(
            tables.changes.insert().values(
                at=now,
                actor=actor,
                action="extract",
                entity="document",
                entity_id=doc_id,
                detail=json.dumps(
                    {"suggestions": len(record.suggestions), "errors": len(record.errors)}
                ),
            )
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
        items = [
            SuggestionRecord(
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
            for r in rows
        ]
    return ExtractionRecord(
        pipeline_version=row["pipeline_version"],
        contract=json.loads(row["contract"]),
        suggestions=items,
        errors=json.loads(row["errors"]),
        truncated=bool(row["truncated"]),
        extracted_at=row["extracted_at"],
    )

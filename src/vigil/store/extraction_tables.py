"""Tables of stage 2 (extraction): every suggestion with its provenance.

Defined on the one `metadata` of `tables.py`; created by migration 4.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from vigil.store.tables import document_key, metadata

extractions = Table(
    "extractions",
    metadata,
    document_key(),
    Column("pipeline_version", String(40), nullable=False, index=True),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
    Column("truncated", Boolean, nullable=False),
    # Failed components as JSON [{"component", "type"}]; never text.
    Column("errors", Text, nullable=False, default="[]"),
    # The whole contract as JSON, as `vigil extract --json` prints it.
    Column("contract", Text, nullable=False),
)

suggestions = Table(
    "suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("field", String(40), nullable=False),
    # JSON: a string or a small object (party, event, earlier appeal).
    Column("value", Text, nullable=False),
    # JSON list of [start, end) character offsets in the document's clean text.
    Column("spans", Text, nullable=False),
    Column("component", String(40), nullable=False),
    Column("rule", String(200), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("review_state", String(16), nullable=False, index=True),
    Column("pipeline_version", String(40), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

"""Tables of background jobs (migration 13): the job and the files it was given.

A job is one upload batch or one case-file rebuild run by the web server's
worker thread, not in the request. An upload's files are stored here first,
before the request returns, so a process that dies loses nothing: the job can
be retried and skips what is already stored (by SHA-256). On PostgreSQL a
file's bytes are sealed like an original (`dialect.seal_original`, under the
negative file id, so a blob cannot pass for a document's). Rows carry ids,
counts, outcomes and reasons, never document text.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from vigil.store.tables import metadata

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # upload / rebuild
    Column("state", String(16), nullable=False, index=True),  # queued/running/done/failed
    Column("done", Integer, nullable=False, default=0),
    Column("total", Integer, nullable=False, default=0),
    # Why it failed: an exception class and a stage, never document text.
    Column("error", Text),
    Column("retryable", Boolean, nullable=False, default=False),
    Column("attempts", Integer, nullable=False, default=0),
    # Counts of what it made (JSON: suggestions, interventions, cases ...).
    Column("summary", Text, nullable=False, default="{}"),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
)

job_files = Table(
    "job_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("filename", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    # The bytes as received (sealed on PostgreSQL); dropped once the file is handled.
    Column("data", LargeBinary),
    # None until handled; then stored / needs_ocr / duplicate / rejected.
    Column("outcome", String(16)),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Column("reason", Text),
    Column("suggestions", Integer),
    UniqueConstraint("job_id", "position", name="uq_job_files_job_position"),
)

TABLES = (jobs, job_files)

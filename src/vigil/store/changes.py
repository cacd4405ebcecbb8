"""The change log: who did what to which record, as ids, field names and counts.

Append-only; never document text or names. Every writer in the store uses
`log_change` inside its own transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from vigil.store import tables


def log_change(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any],
) -> None:
    """Append one entry to the change log in the caller's transaction."""
    conn.execute(
        tables.changes.insert().values(
            at=datetime.now(UTC),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps(detail),
        )
    )

"""Names to ids for the pickers: the documents whose title or file name holds some words.

Parties are found by `cases.list_parties` (every spelling) and cases by name in `cases`.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from vigil.model import display_title
from vigil.store import tables
from vigil.store.store import Store


def find_documents(store: Store, words: str, limit: int) -> list[tuple[int, str]]:
    """(id, display title) of documents whose title or a source's locator contains `words`
    (any case), newest first."""
    d, s = tables.documents.c, tables.sources.c
    needle = words.strip()
    if not needle:
        return []
    first = (
        select(s.document_id, func.min(s.locator).label("locator"))
        .group_by(s.document_id)
        .subquery()
    )
    matching = select(s.document_id).where(s.locator.icontains(needle, autoescape=True))
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(d.id, d.title, first.c.locator)
            .outerjoin(first, first.c.document_id == d.id)
            .where(or_(d.title.icontains(needle, autoescape=True), d.id.in_(matching)))
            .order_by(d.id.desc())
            .limit(limit)
        )
        return [(int(r.id), display_title(r.title, r.locator, int(r.id))) for r in rows]

"""Letters' near-duplicate fingerprints (table `letter_bands`, migration 16).

A letter with its own intervention keeps the LSH band keys of its text
(`vigil.cases.duplicates.band_keys`); a new letter's candidates are the letters
sharing a key, found through the index instead of by reading every letter.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from vigil.store.case_tables import interventions, letter_bands
from vigil.store.store import Store


def save_fingerprint(store: Store, document_id: int, keys: Sequence[str]) -> None:
    """Record a letter's band keys (replacing any it had)."""
    with store.engine.begin() as conn:
        conn.execute(delete(letter_bands).where(letter_bands.c.document_id == document_id))
        conn.execute(
            letter_bands.insert(),
            [{"document_id": document_id, "band_key": k} for k in dict.fromkeys(keys)],
        )


def sharing(store: Store, keys: Sequence[str], short: str) -> list[int]:
    """Letters sharing one of `keys` (never through the key of a text too short)."""
    wanted = sorted(set(keys) - {short})
    if not wanted:
        return []
    b = letter_bands.c
    with store.engine.connect() as conn:
        return sorted(
            {int(d) for d in conn.scalars(select(b.document_id).where(b.band_key.in_(wanted)))}
        )


def unfingerprinted(store: Store, *, everywhere: bool = True) -> list[int]:
    """Documents of letters with their own intervention that have no fingerprint yet
    (stores built before migration 16, a letter recorded by hand, or one whose text was
    replaced).

    Not `everywhere` (an update): only the letters after the last one fingerprinted,
    found from the newest down; the first full build of a store (and every full build)
    looks at all.
    """
    i = interventions.c
    own = ((i.key == "letter") | i.key.is_(None), i.document_id.is_not(None))
    printed = select(letter_bands.c.document_id).where(letter_bands.c.document_id == i.document_id)
    query = select(i.document_id).where(*own, ~printed.exists()).distinct().order_by(i.document_id)
    with store.engine.connect() as conn:
        if not everywhere:
            last = conn.scalar(
                select(i.id).where(*own, printed.exists()).order_by(i.id.desc()).limit(1)
            )
            if last is not None:
                query = query.where(i.id > last)
        return [int(d) for d in conn.scalars(query)]

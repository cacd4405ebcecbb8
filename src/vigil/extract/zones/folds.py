"""Fixed folds of an annotated corpus, by document id.

A document's fold is a hash of its id, so it never moves when documents are
added or removed, and every tool (the zone model's training, the evaluation
script, the rules' development) holds out the same documents.
"""

from __future__ import annotations

import hashlib


def fold_of(doc_id: str, folds: int = 5) -> int:
    """The fold (0 .. folds-1) of one document id."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds

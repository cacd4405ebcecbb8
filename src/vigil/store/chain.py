"""The audit chain's arithmetic: canonical entries, their hashes and seals (no SQL, no I/O).

Every change-log entry is hashed together with the hash of the entry before it:

    hash = SHA-256("vigil audit v1" || canonical JSON [id, at, actor, action,
                   entity, entity_id, detail, prev_hash])
    seal = HMAC-SHA256(audit key, hash)
    audit key = HKDF-SHA256(data key, info="vigil audit chain v1")

The hash chain can be checked by anyone holding the entries (an auditor with an
export, no key needed): editing, deleting, inserting or reordering an entry
breaks it at that entry. The seal can only be made with the store's data key,
so someone who can write to the database but does not hold the key (a
PostgreSQL administrator, a restored and edited dump) cannot rewrite the log
and recompute a chain that verifies. Whoever holds the data key can; against
them the chain is only as good as a head hash kept elsewhere (`vigil audit
head`, the manifest of every export), which no later rewrite can match.

A plain store (`encrypt=False`, tests and benchmarks) has no data key: its
seals use a fixed public key and prove nothing beyond the hash chain.

A document's content digest covers what makes it evidence: the SHA-256 of
its original bytes (recomputed, not read), the recorded SHA-256, size and
format, its clean and full text, its parent and the first place it came from.
It is written into the chain when the document is stored or imported, and
`vigil verify` recomputes it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

GENESIS = "0" * 64
"""The previous hash of the first entry."""
INFO = b"vigil audit chain v1"
PLAIN_KEY = b"vigil audit chain: plain store, no data key"
_DOMAIN = b"vigil audit v1\n"
_CONTENT_DOMAIN = b"vigil document content v1\n"


def audit_key(data_key: bytes | None) -> bytes:
    """The key of the seals, derived from the data key (never stored anywhere)."""
    if data_key is None:
        return PLAIN_KEY
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(data_key)


def canonical_at(at: datetime) -> str:
    """A timestamp as both backends give it back: UTC, microseconds, no zone suffix."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Entry:
    """One change-log entry as stored (ids, names of fields, counts; never content)."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    detail: str
    """The JSON text exactly as stored."""
    prev_hash: str | None = None
    hash: str | None = None
    seal: str | None = None

    def record(self) -> dict[str, object]:
        """The entry as plain JSON values (without the seal, which needs the key)."""
        return {
            "id": self.id,
            "at": canonical_at(self.at),
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def computed_hash(self, prev_hash: str) -> str:
        body = json.dumps(
            [
                self.id,
                canonical_at(self.at),
                self.actor,
                self.action,
                self.entity,
                self.entity_id,
                self.detail,
                prev_hash,
            ],
            ensure_ascii=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(_DOMAIN + body.encode("ascii")).hexdigest()


def seal_of(key: bytes, entry_hash: str) -> str:
    return hmac.new(key, entry_hash.encode("ascii"), hashlib.sha256).hexdigest()


def seal_matches(key: bytes, entry_hash: str, seal: str | None) -> bool:
    return seal is not None and hmac.compare_digest(seal_of(key, entry_hash), seal)


def content_digest(
    original: bytes,
    sha256: str,
    size: int,
    fmt: str,
    text: str,
    full_text: str,
    parent_id: int | None,
    origin: str | None,
) -> str:
    """The digest of a document's evidence: original, recorded hash, texts and origin."""
    body = json.dumps(
        [
            hashlib.sha256(original).hexdigest(),
            sha256,
            size,
            fmt,
            hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            hashlib.sha256(full_text.encode("utf-8", "surrogatepass")).hexdigest(),
            parent_id,
            hashlib.sha256(origin.encode("utf-8", "surrogatepass")).hexdigest() if origin else None,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(_CONTENT_DOMAIN + body.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """What checking the chain found: the first bad entry, if any, and the head."""

    entries: int
    head_id: int | None
    head_hash: str | None
    first_bad: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad is None and self.reason is None


class ChainChecker:
    """Walks entries in id order and stops at the first that does not hold."""

    def __init__(self, key: bytes | None) -> None:
        self.key = key
        """None checks the hash chain only (an export, read without the store's key)."""
        self.prev = GENESIS
        self.count = 0
        self.head_id: int | None = None
        self.first_bad: int | None = None
        self.reason: str | None = None

    def feed(self, entry: Entry) -> bool:
        """False (and the reason kept) at the first entry that breaks the chain."""
        if self.first_bad is not None:
            return False
        problem = self._problem(entry)
        if problem is not None:
            self.first_bad, self.reason = entry.id, f"entry {entry.id}: {problem}"
            return False
        self.count += 1
        self.prev = entry.hash or GENESIS
        self.head_id = entry.id
        return True

    def _problem(self, entry: Entry) -> str | None:
        if entry.hash is None:
            return "it is not in the chain (added outside Vigil)"
        if entry.prev_hash != self.prev:
            return (
                "it does not follow the entry before it (an entry was deleted, inserted or moved)"
            )
        if entry.computed_hash(entry.prev_hash) != entry.hash:
            return "its content does not match its hash (it was edited)"
        if self.key is not None and not seal_matches(self.key, entry.hash, entry.seal):
            return "its seal does not match (rewritten by someone without the store's key)"
        return None

    def report(self) -> ChainReport:
        head = None if self.head_id is None else self.prev
        return ChainReport(self.count, self.head_id, head, self.first_bad, self.reason)

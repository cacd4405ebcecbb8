"""The audit chain in an export: `audit.jsonl`, its head in the manifest, and the checks.

An export carries every change-log entry with its hash and the hash before it
(not the seals: they are keyed by the exporting store's data key, which never
leaves it). Anyone holding the export can recompute the chain without a key:
`check_trail` finds the first entry that does not hold, compares the head with
the manifest's `audit_head` (and with a head kept elsewhere, `--head`), and
recomputes each exported document's content digest against the chain. Import
keeps the chain as it was, sealed anew by the importing store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vigil.model import Document
from vigil.store import Store
from vigil.store.chain import ChainChecker, ChainReport, Entry, content_digest
from vigil.store.changes import Head, iter_entries


def trail_lines(store: Store) -> tuple[list[bytes], Head | None]:
    """Every entry as a JSON line, in chain order, and the head of the chain."""
    lines: list[bytes] = []
    head: Head | None = None
    with store.engine.connect() as conn:
        for e in iter_entries(conn):
            lines.append(json.dumps(e.record(), ensure_ascii=True).encode())
            if e.hash is not None:
                head = Head(e.id, e.hash)
    return lines, head


def read_trail(lines: list[bytes]) -> list[Entry]:
    """Entries from `audit.jsonl` (ValueError, KeyError or TypeError when malformed)."""
    entries = []
    for line in lines:
        if not line.strip():
            continue
        r: dict[str, Any] = json.loads(line)
        entity_id = r["entity_id"]
        entries.append(
            Entry(
                id=int(r["id"]),
                at=datetime.fromisoformat(r["at"]).replace(tzinfo=UTC),
                actor=str(r["actor"]),
                action=str(r["action"]),
                entity=str(r["entity"]),
                entity_id=None if entity_id is None else int(entity_id),
                detail=str(r["detail"]),
                prev_hash=r["prev_hash"],
                hash=r["hash"],
            )
        )
    return entries


@dataclass(frozen=True)
class TrailCheck:
    chain: ChainReport
    manifest_head: str | None
    head_matches_manifest: bool
    anchored: bool | None
    changed_documents: list[int]

    @property
    def ok(self) -> bool:
        return (
            self.chain.ok
            and self.head_matches_manifest
            and self.anchored is not False
            and not self.changed_documents
        )

    def problems(self) -> list[str]:
        found = []
        if not self.chain.ok:
            found.append(f"audit chain broken at {self.chain.reason}")
        if not self.head_matches_manifest:
            found.append("the chain's head is not the head the manifest records")
        if self.anchored is False:
            found.append("the chain does not hold the head given with --head")
        found += [
            f"document {i}: its original, text or origin differs from the audit chain"
            for i in self.changed_documents
        ]
        return found


def check_trail(
    entries: list[Entry],
    manifest_head: str | None,
    documents: list[tuple[Document, bytes]],
    anchor: Head | None = None,
) -> TrailCheck:
    """The export's chain (no key needed), its head, and its documents against it."""
    checker = ChainChecker(None)
    by_id = {}
    for entry in entries:
        if not checker.feed(entry):
            break
        by_id[entry.id] = entry.hash
    report = checker.report()
    head = None if report.head_id is None else f"{report.head_id}:{report.head_hash}"
    anchored = None if anchor is None else by_id.get(anchor.id) == anchor.hash
    recorded: dict[int, str] = {}
    for entry in entries:
        if entry.entity == "document" and entry.entity_id is not None:
            content = json.loads(entry.detail).get("content")
            if isinstance(content, str):
                recorded[entry.entity_id] = content
    changed = [
        doc.id
        for doc, original in documents
        if recorded.get(doc.id) != document_digest(doc, original)
    ]
    return TrailCheck(report, manifest_head, head == manifest_head, anchored, changed)


def document_digest(doc: Document, original: bytes) -> str:
    return content_digest(
        original,
        doc.sha256,
        doc.size,
        doc.format,
        doc.text,
        doc.full_text,
        doc.parent_id,
        doc.sources[0].locator if doc.sources else None,
    )

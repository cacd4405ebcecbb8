"""The full export: everything needed to leave Vigil, and to come back.

An export is a tar holding `manifest.json` (format, schema version, counts),
`documents.jsonl` (metadata, clean and full text, hashes, sources; one
document a line), `rejections.jsonl`, `extractions.jsonl` (stage-2 results: the contract and
every suggestion with its provenance and review state), `case_file/<table>.jsonl`
(parties, events, interventions, responses, cases, with their ids),
`audit.jsonl` (the change log's hash chain, its head in the manifest as
`audit_head`; see `audit_trail.py`), and `originals/<sha256>` (the
byte-exact files). An export is itself an entry in the chain, written before
the chain is read. By default the tar is encrypted with age (pyrage): with a
passphrase, or to an age recipient. A plaintext export is only made when asked.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError as SaError

from vigil.errors import ArchiveError, StoreError
from vigil.model import (
    Document,
    DocumentState,
    ExtractionRecord,
    Source,
    Span,
    SuggestionRecord,
)
from vigil.outputs.audit_trail import TrailCheck, check_trail, read_trail, trail_lines
from vigil.outputs.sealing import Protection, seal, unseal, write_private
from vigil.store import Store
from vigil.store.chain import Entry
from vigil.store.changes import Head, import_entries, log_change
from vigil.store.migrations import SCHEMA_VERSION
from vigil.store.rows import CASE_FILE_TABLES, dump_rows, encode, load_rows
from vigil.store.store import document_record
from vigil.store.suggestions import get_extraction, save_extraction

if TYPE_CHECKING:
    from sqlalchemy import Table

FORMAT = "vigil-export"
AUDIT_MEMBER = "audit.jsonl"
EXPORT_VERSION = 1


@dataclass(frozen=True)
class ExportSummary:
    documents: int
    rejections: int
    bytes_written: int
    encrypted: bool
    audit_head: str | None = None
    """ID:HASH of the chain's newest entry, as the manifest records it."""


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def export_store(
    store: Store, target: Path, protection: Protection, actor: str = "local"
) -> ExportSummary:
    protection.check()
    if target.exists():
        raise ArchiveError(f"{target} exists; choose a new file name")
    with store.begin() as conn:
        log_change(conn, actor, "export", "store", None, {"format": "archive", **store.counts()})
    buffer = io.BytesIO()
    count = 0
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        lines: list[bytes] = []
        for doc in store.iter_documents():
            lines.append(json.dumps(document_record(doc), ensure_ascii=False).encode())
            _add(tar, f"originals/{doc.sha256}", store.original(doc.id))
            count += 1
        _add(tar, "documents.jsonl", b"\n".join(lines))
        _add(tar, "extractions.jsonl", b"\n".join(_extraction_lines(store)))
        for table in CASE_FILE_TABLES:
            _add(
                tar,
                f"case_file/{table.name}.jsonl",
                b"\n".join(map(encode, dump_rows(store, table))),
            )
        rejections = [
            json.dumps({**asdict(r), "recorded_at": r.recorded_at.isoformat()}).encode()
            for r in store.rejections(limit=10**9)
        ]
        _add(tar, "rejections.jsonl", b"\n".join(rejections))
        trail, head = trail_lines(store)
        _add(tar, AUDIT_MEMBER, b"\n".join(trail))
        manifest = {
            "format": FORMAT,
            "export_version": EXPORT_VERSION,
            "schema_version": SCHEMA_VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "documents": count,
            "rejections": len(rejections),
            "audit_entries": len(trail),
            "audit_head": str(head) if head else None,
        }
        _add(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
    payload = seal(buffer.getvalue(), protection)
    write_private(target, payload)
    return ExportSummary(
        count, len(rejections), len(payload), not protection.plaintext, str(head) if head else None
    )


def _document(record: dict[str, Any]) -> Document:
    record = dict(record)
    record["state"] = DocumentState(record["state"])
    record["created_at"] = datetime.fromisoformat(record["created_at"])
    record["boilerplate"] = [Span(**s) for s in record["boilerplate"]]
    record["sources"] = [
        Source(s["locator"], s["kind"], datetime.fromisoformat(s["recorded_at"]))
        for s in record["sources"]
    ]
    return Document(**record)


LATER_TABLES = frozenset(
    {
        "party_merge_suggestions",
        "intervention_sources",
        "intervention_hand_parties",
        "letter_bands",
        "mention_keys",
        "office_holders",
    }
)
"""Case-file tables added after the first export format: an export may lack them."""


REJECTION_FIELDS = frozenset({"locator", "sha256", "reason", "recorded_at"})


@dataclass
class _Contents:
    """Everything an export holds, read and checked before anything is written."""

    documents: list[tuple[Document, bytes]]
    rejections: list[dict[str, Any]]
    extractions: list[tuple[int, ExtractionRecord]]
    rows: list[tuple[Table, list[dict[str, Any]]]]
    trail: list[Entry] | None = None
    """None for an export made before the audit chain."""
    audit_head: str | None = None


def import_store(
    store: Store, source: Path, passphrase: str | None = None, identity: str | None = None
) -> int:
    """Read an export into an empty store: all or nothing.

    The whole export is read and checked first (every original re-hashed,
    every line parsed); then everything is written in one transaction, so a
    bad original, a torn line or a failed write leaves the store empty and a
    retry possible.
    """
    if not store.is_empty():
        raise StoreError("import needs an empty store: run `vigil init` in a new VIGIL_HOME")
    contents = _read_export(source, passphrase, identity)
    if contents.trail is not None:
        check = check_trail(contents.trail, contents.audit_head, contents.documents)
        if not check.ok:
            raise ArchiveError(
                f"{source} fails its audit chain ({'; '.join(check.problems())}); nothing imported"
            )
    try:
        with store.begin() as conn:
            if contents.trail is not None:
                import_entries(conn, contents.trail)
                store.dialect.after_explicit_ids(conn, "changes")
            for doc, original in contents.documents:
                store.import_document(doc, original, within=conn)
            for r in contents.rejections:
                recorded_at = datetime.fromisoformat(r["recorded_at"])
                store.record_rejection(
                    r["locator"], r["sha256"], r["reason"], recorded_at, within=conn
                )
            for doc_id, record in contents.extractions:
                save_extraction(store, doc_id, record, actor="import", within=conn)
            for table, rows in contents.rows:
                load_rows(store, table, rows, within=conn)
    except SaError as exc:
        raise ArchiveError(
            f"{source} could not be imported ({type(exc).__name__}); nothing was imported"
        ) from exc
    return len(contents.documents)


def _read_export(source: Path, passphrase: str | None, identity: str | None) -> _Contents:
    try:
        data = unseal(source.read_bytes(), passphrase, identity)
        with tarfile.open(fileobj=io.BytesIO(data), mode="r") as tar:
            manifest = json.loads(_member(tar, "manifest.json"))
            if manifest.get("format") != FORMAT or manifest.get("export_version") != EXPORT_VERSION:
                raise ArchiveError(f"{source} is not a Vigil export this version reads")
            lines = _member(tar, "documents.jsonl").splitlines()
            records = [_document(json.loads(line)) for line in lines if line.strip()]
            records.sort(key=lambda d: d.id)  # a parent is always older than its attachments
            documents = []
            for doc in records:
                original = _member(tar, f"originals/{doc.sha256}")
                if hashlib.sha256(original).hexdigest() != doc.sha256:
                    raise ArchiveError(f"document {doc.id}: original does not match its hash")
                documents.append((doc, original))
            rejections = [
                json.loads(line)
                for line in _member(tar, "rejections.jsonl").splitlines()
                if line.strip()
            ]
            for r in rejections:
                if not r.keys() >= REJECTION_FIELDS:
                    raise KeyError("rejection")
                datetime.fromisoformat(r["recorded_at"])
            extractions = [
                _extraction(json.loads(line))
                for line in _member(tar, "extractions.jsonl").splitlines()
                if line.strip()
            ]
            rows = []
            for table in CASE_FILE_TABLES:
                name = f"case_file/{table.name}.jsonl"
                if table.name in LATER_TABLES and name not in tar.getnames():
                    continue  # an export made before this table existed
                lines = _member(tar, name).splitlines()
                loaded = [json.loads(r) for r in lines if r.strip()]
                if table.name == "cases":  # user accounts are not exported: ids mean nothing
                    loaded = [{**r, "assignee": None} for r in loaded]
                rows.append((table, loaded))
            trail = None
            if AUDIT_MEMBER in tar.getnames():
                trail = read_trail(_member(tar, AUDIT_MEMBER).splitlines())
    except (OSError, tarfile.TarError, ValueError, KeyError, TypeError) as exc:
        raise ArchiveError(f"{source} cannot be read as a Vigil export") from exc
    head = manifest.get("audit_head")
    return _Contents(
        documents, rejections, extractions, rows, trail, head if isinstance(head, str) else None
    )


def verify_export(
    source: Path,
    passphrase: str | None = None,
    identity: str | None = None,
    anchor: Head | None = None,
) -> TrailCheck:
    """`vigil verify-export`: the export's chain, its head and its documents (no store)."""
    contents = _read_export(source, passphrase, identity)
    if contents.trail is None:
        raise ArchiveError(f"{source} was made before Vigil kept an audit chain: nothing to check")
    return check_trail(contents.trail, contents.audit_head, contents.documents, anchor)


def _extraction_lines(store: Store) -> list[bytes]:
    lines = []
    for doc_id in store.document_ids():
        record = get_extraction(store, doc_id)
        if record is not None:
            data = {"document_id": doc_id, **asdict(record)}
            data["extracted_at"] = record.extracted_at.isoformat() if record.extracted_at else None
            lines.append(json.dumps(data, ensure_ascii=False).encode())
    return lines


def _extraction(data: dict[str, Any]) -> tuple[int, ExtractionRecord]:
    suggestions = [
        SuggestionRecord(**{**s, "spans": [Span(**span) for span in s["spans"]]})
        for s in data["suggestions"]
    ]
    record = ExtractionRecord(
        pipeline_version=data["pipeline_version"],
        contract=data["contract"],
        suggestions=suggestions,
        errors=data["errors"],
        truncated=data["truncated"],
    )
    return int(data["document_id"]), record


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    handle = tar.extractfile(name)
    if handle is None:
        raise ArchiveError(f"the export lacks {name}")
    return handle.read()

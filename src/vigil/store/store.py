"""The store: the only place with SQL. One interface over both dialects."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, bindparam, delete, func, select, text
from sqlalchemy.exc import DatabaseError as SaDatabaseError

from vigil.errors import CorruptStore, DocumentNotFound, StoreError, VigilError
from vigil.model import (
    Document,
    DocumentSort,
    DocumentState,
    DocumentSummary,
    ParsedDocument,
    Rejection,
    SearchHit,
    SearchQuery,
    Source,
    Span,
    VerifyReport,
)
from vigil.store import tables
from vigil.store.chain import content_digest
from vigil.store.changes import log_change, verify_chain
from vigil.store.dialect import DAMAGED, MARK_END, MARK_START, Dialect
from vigil.store.driver import DriverStatement
from vigil.store.evidence import current_content, unrecorded_or_changed
from vigil.store.migrations import migrate
from vigil.store.scope import APPLIED, EVERYTHING, Scope, bound, install


def _now() -> datetime:
    return datetime.now(UTC)


_FIND_SHA256 = select(tables.documents.c.id).where(
    tables.documents.c.sha256 == bindparam("sha256")
)
# A stored document's statements, run on the driver's cursor (`driver.py`).
_FIND_KNOWN = DriverStatement(_FIND_SHA256)
_INSERT_DOCUMENT = DriverStatement(
    tables.documents.insert().returning(tables.documents.c.id),
    columns=tuple(c.name for c in tables.documents.c if c.name != "id"),
)
_INSERT_ORIGINAL = DriverStatement(tables.originals.insert(), columns=("document_id", "data"))
_INSERT_SOURCE = DriverStatement(
    tables.sources.insert(), columns=("document_id", "locator", "kind", "recorded_at")
)
_FIND_SHA256S = select(tables.documents.c.sha256, tables.documents.c.id).where(
    tables.documents.c.sha256.in_(bindparam("sha256s", expanding=True))
)


@dataclass(frozen=True)
class NewDocument:
    """One document to add: what the parser made of it, its bytes and where they came from."""

    parsed: ParsedDocument
    original: bytes
    locator: str
    source_kind: str = "file"
    parent_id: int | None = None


class Store:
    """Documents, originals, sources, rejections and the change log."""

    scope: Scope = EVERYTHING
    """What this view of the store leaves out of every read (`scoped`)."""

    def __init__(self, engine: Engine, dialect: Dialect) -> None:
        self.engine = engine
        self.dialect = dialect
        install(engine)

    def scoped(self, scope: Scope) -> Store:
        """A view of this store whose every read leaves out what `scope` hides (the
        same store when it hides nothing); closing the view leaves the store open."""
        if not scope.hides_anything:
            return self
        return _ScopedStore(self, scope)

    @classmethod
    def open(cls, engine: Engine, dialect: Dialect) -> Store:
        try:
            migrate(engine, dialect)
        except SaDatabaseError as exc:
            raise CorruptStore(
                "the store failed to open: it is damaged; run `vigil verify`"
            ) from exc
        return cls(engine, dialect)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, _tb: object
    ) -> None:
        """Close; an unexpected error inside the block is checked against damage first.

        SQLCipher hands back a page that fails its HMAC as zeros and reports the
        failure only on a later read, so damage can first show as a bad value
        (a date, JSON) rather than a database error: such an error becomes
        `CorruptStore` when the database has damaged pages.
        """
        try:
            unexpected = isinstance(exc, Exception) and not isinstance(exc, VigilError)
            if unexpected and self.damaged_pages():
                raise CorruptStore(DAMAGED) from exc
        finally:
            self.close()

    def damaged_pages(self) -> list[int]:
        """Pages that fail their check (SQLCipher), read on a fresh connection."""
        try:
            with self.engine.connect() as conn:
                return self.dialect.damaged_pages(conn)
        except (CorruptStore, SaDatabaseError):
            return [0]  # cannot even check: damaged beyond naming pages

    def begin(self, within: Connection | None = None) -> AbstractContextManager[Connection]:
        """A transaction: a new one, or `within` an open one (so an import is one)."""
        return nullcontext(within) if within is not None else self.engine.begin()

    # -- writing -------------------------------------------------------------
    def find_by_sha256(self, sha256: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.scalar(_FIND_SHA256, {"sha256": sha256})

    def find_by_sha256s(self, sha256s: Iterable[str]) -> dict[str, int]:
        """`find_by_sha256` for many digests in one query: digest -> id of those stored."""
        wanted = sorted(set(sha256s))
        if not wanted:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(_FIND_SHA256S, {"sha256s": wanted})
            return {str(sha256): int(doc_id) for sha256, doc_id in rows}

    def add_document(
        self,
        parsed: ParsedDocument,
        original: bytes,
        *,
        locator: str,
        source_kind: str = "file",
        parent_id: int | None = None,
        actor: str = "local",
    ) -> int:
        """Store one document, its original, first source and index entry in one transaction."""
        item = NewDocument(parsed, original, locator, source_kind, parent_id)
        with self.engine.begin() as conn:
            return self._insert(conn, item, actor)

    def add_document_once(
        self,
        parsed: ParsedDocument,
        original: bytes,
        *,
        locator: str,
        source_kind: str = "file",
        parent_id: int | None = None,
        actor: str = "local",
    ) -> tuple[int, bool]:
        """`add_document` unless the same bytes are stored already, then `add_source`.

        One transaction either way (ingest's last check for bytes that arrived twice
        in a batch): the id, and True when the document was stored now."""
        item = NewDocument(parsed, original, locator, source_kind, parent_id)
        with self.engine.begin() as conn:
            known = _FIND_KNOWN.scalar(conn, {"sha256": hashlib.sha256(original).hexdigest()})
            if known is not None:
                self._add_source(conn, int(known), locator, source_kind, actor)
                return int(known), False
            return self._insert(conn, item, actor), True

    def add_documents(self, items: Iterable[NewDocument], actor: str = "local") -> list[int]:
        """Store many documents in one transaction (bulk loads, benchmarks): all or none."""
        with self.engine.begin() as conn:
            return [self._insert(conn, item, actor) for item in items]

    def _insert(self, conn: Connection, item: NewDocument, actor: str) -> int:
        now = _now()
        parsed, original = item.parsed, item.original
        sha256 = hashlib.sha256(original).hexdigest()
        doc_id = int(
            _INSERT_DOCUMENT.scalar(
                conn,
                {
                    "sha256": sha256,
                    "format": parsed.format,
                    "size": len(original),
                    "state": str(parsed.state),
                    "title": parsed.title,
                    "language": parsed.language,
                    "kind": parsed.metadata.get("kind"),
                    "published": parsed.published,
                    "text": parsed.text,
                    "full_text": parsed.full_text,
                    "metadata": json.dumps(parsed.metadata, ensure_ascii=False, default=str),
                    "boilerplate": json.dumps([asdict(s) for s in parsed.boilerplate]),
                    "parent_id": item.parent_id,
                    "created_at": now,
                    "updated_at": now,
                },
            )
        )
        _INSERT_ORIGINAL.run(
            conn, {"document_id": doc_id, "data": self.dialect.seal_original(doc_id, original)}
        )
        _INSERT_SOURCE.run(
            conn,
            {
                "document_id": doc_id,
                "locator": item.locator,
                "kind": item.source_kind,
                "recorded_at": now,
            },
        )
        self.dialect.index_document(conn, doc_id, parsed.title or "", parsed.text)
        content = content_digest(
            original,
            sha256,
            len(original),
            parsed.format,
            parsed.text,
            parsed.full_text,
            item.parent_id,
            item.locator,
        )
        detail = {"bytes": len(original), "content": content}
        log_change(conn, actor, "ingest", "document", doc_id, detail)
        return doc_id

    def import_document(
        self,
        doc: Document,
        original: bytes,
        actor: str = "import",
        within: Connection | None = None,
    ) -> None:
        """Insert a document from an export, keeping its id, dates and sources."""
        with self.begin(within) as conn:
            conn.execute(
                tables.documents.insert().values(
                    id=doc.id,
                    sha256=doc.sha256,
                    format=doc.format,
                    size=doc.size,
                    state=str(doc.state),
                    title=doc.title,
                    language=doc.language,
                    kind=doc.kind,
                    published=doc.published,
                    text=doc.text,
                    full_text=doc.full_text,
                    metadata=json.dumps(doc.metadata, ensure_ascii=False),
                    boilerplate=json.dumps([asdict(s) for s in doc.boilerplate]),
                    parent_id=doc.parent_id,
                    created_at=doc.created_at,
                    updated_at=_now(),
                )
            )
            conn.execute(
                tables.originals.insert().values(
                    document_id=doc.id, data=self.dialect.seal_original(doc.id, original)
                )
            )
            for source in doc.sources:
                conn.execute(
                    tables.sources.insert().values(
                        document_id=doc.id,
                        locator=source.locator,
                        kind=source.kind,
                        recorded_at=source.recorded_at,
                    )
                )
            self.dialect.index_document(conn, doc.id, doc.title or "", doc.text)
            self.dialect.after_explicit_ids(conn)
            detail = {
                "bytes": len(original),
                "content": current_content(conn, self.dialect, doc.id),
            }
            log_change(conn, actor, "import", "document", doc.id, detail)

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return not conn.scalar(select(func.count()).select_from(tables.documents))

    def add_source(
        self, doc_id: int, locator: str, kind: str = "file", actor: str = "local"
    ) -> bool:
        """Record another place the same bytes were found; False if already known."""
        with self.engine.begin() as conn:
            return self._add_source(conn, doc_id, locator, kind, actor)

    @staticmethod
    def _add_source(conn: Connection, doc_id: int, locator: str, kind: str, actor: str) -> bool:
        exists = conn.scalar(
            select(func.count())
            .select_from(tables.sources)
            .where(tables.sources.c.document_id == doc_id, tables.sources.c.locator == locator)
        )
        if exists:
            return False
        conn.execute(
            tables.sources.insert().values(
                document_id=doc_id, locator=locator, kind=kind, recorded_at=_now()
            )
        )
        log_change(conn, actor, "add_source", "document", doc_id, {})
        return True

    def record_rejection(
        self,
        locator: str,
        sha256: str | None,
        reason: str,
        recorded_at: datetime | None = None,
        within: Connection | None = None,
    ) -> int:
        """Record an input Vigil refused (`recorded_at` is kept on import)."""
        with self.begin(within) as conn:
            rid = conn.execute(
                tables.rejections.insert().values(
                    locator=locator,
                    sha256=sha256,
                    reason=reason,
                    recorded_at=recorded_at or _now(),
                )
            ).inserted_primary_key[0]  # type: ignore[index]  # always set for an insert
        return int(rid)

    def delete_document(self, doc_id: int, actor: str = "local") -> list[int]:
        """Delete a document and everything derived from it (attachments included).

        Returns the ids deleted. secure_delete zeroes freed pages; the WAL is
        checkpointed and truncated so no old page survives beside the database.
        """
        with self.engine.begin() as conn:
            ids = self._descendants(conn, doc_id)
            self.dialect.unindex_documents(conn, ids)
            conn.execute(delete(tables.documents).where(tables.documents.c.id.in_(ids)))
            log_change(conn, actor, "delete", "document", doc_id, {"documents": len(ids)})
        self.dialect.checkpoint(self.engine)
        return ids

    def _descendants(self, conn: Connection, doc_id: int) -> list[int]:
        found = conn.scalar(select(tables.documents.c.id).where(tables.documents.c.id == doc_id))
        if found is None:
            raise DocumentNotFound(f"no document with id {doc_id}")
        ids, frontier = [doc_id], [doc_id]
        while frontier:
            frontier = list(
                conn.scalars(
                    select(tables.documents.c.id).where(tables.documents.c.parent_id.in_(frontier))
                )
            )
            ids += frontier
        return ids

    # -- reading -------------------------------------------------------------
    def get(self, doc_id: int) -> Document:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(tables.documents).where(tables.documents.c.id == doc_id))
                .mappings()
                .first()
            )
            if row is None:
                raise DocumentNotFound(f"no document with id {doc_id}")
            return _document(row, self._sources(conn, doc_id))

    def _sources(self, conn: Connection, doc_id: int) -> list[Source]:
        rows = conn.execute(
            select(tables.sources)
            .where(tables.sources.c.document_id == doc_id)
            .order_by(tables.sources.c.id)
        ).mappings()
        return [Source(r["locator"], r["kind"], r["recorded_at"]) for r in rows]

    def _locators(self, conn: Connection, doc_ids: list[int]) -> dict[int, list[str]]:
        """Each document's source locators in the order recorded (one query for a page)."""
        found: dict[int, list[str]] = {}
        if doc_ids:
            s = tables.sources.c
            rows = conn.execute(
                select(s.document_id, s.locator).where(s.document_id.in_(doc_ids)).order_by(s.id)
            )
            for doc_id, locator in rows:
                found.setdefault(int(doc_id), []).append(locator)
        return found

    def original(self, doc_id: int) -> bytes:
        with self.engine.connect() as conn:
            data = conn.scalar(
                select(tables.originals.c.data).where(tables.originals.c.document_id == doc_id)
            )
        if data is None:
            raise DocumentNotFound(f"no document with id {doc_id}")
        return self.dialect.open_original(doc_id, bytes(data))

    def documents(
        self,
        limit: int = 100,
        offset: int = 0,
        sort: DocumentSort = DocumentSort.ID,
        descending: bool = False,
    ) -> list[DocumentSummary]:
        """One page of documents in `sort` order (the id breaks ties: pages never overlap)."""
        d = tables.documents.c
        # An enum member mapped to a column: nothing from a request reaches the SQL text.
        key = {
            DocumentSort.ID: d.id,
            DocumentSort.TITLE: d.title,
            DocumentSort.DATE: d.published,
            DocumentSort.KIND: d.kind,
            DocumentSort.LANGUAGE: d.language,
        }[DocumentSort(sort)]
        order = (
            [key.desc().nulls_last(), d.id.desc()] if descending else [key.asc().nulls_last(), d.id]
        )
        cols = [
            d.id,
            d.title,
            d.format,
            d.state,
            d.language,
            d.kind,
            d.published,
            d.size,
            d.created_at,
            d.parent_id,
        ]
        with self.engine.connect() as conn:
            page = select(*cols).order_by(*order).limit(limit).offset(offset)
            rows = conn.execute(page).mappings()
            return [
                DocumentSummary(**{**dict(r), "state": DocumentState(r["state"])}) for r in rows
            ]

    def document_total(self) -> int:
        """How many documents the store holds (every page of `documents`)."""
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(tables.documents)) or 0)

    def document_ids(self) -> list[int]:
        """Every document id, in order."""
        with self.engine.connect() as conn:
            return list(conn.scalars(select(tables.documents.c.id).order_by(tables.documents.c.id)))

    def iter_documents(self) -> Iterator[Document]:
        """Every document with its sources, in id order, one at a time."""
        for doc_id in self.document_ids():
            yield self.get(doc_id)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            by_state = {
                str(state): int(n)
                for state, n in conn.execute(
                    select(tables.documents.c.state, func.count()).group_by(
                        tables.documents.c.state
                    )
                )
            }
            by_state["rejected"] = int(
                conn.scalar(select(func.count()).select_from(tables.rejections)) or 0
            )
        return by_state

    def rejections(self, limit: int = 100) -> list[Rejection]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(tables.rejections).order_by(tables.rejections.c.id.desc()).limit(limit)
            ).mappings()
            return [Rejection(**dict(r)) for r in rows]

    def search(
        self,
        query: SearchQuery,
        rank_cap: int | None = None,
        among: Sequence[int] | None = None,
    ) -> list[SearchHit]:
        """One page of hits, best first; with `rank_cap`, the best of the `rank_cap` newest
        matches (a query matching more is ranked within those: bounded cost).

        `among`: the ids of every match of `query` in this view, when the caller has them
        (`facets.search_matches`); a dialect that `ranks_among_matches` ranks those rows
        instead of matching again. Other ids would be ranked as if they matched."""
        if among is not None and not among:
            return []
        if not self.dialect.ranks_among_matches:
            among = None
        stmt = self.dialect.search_sql(
            replace(query, hidden=self.scope.documents), rank_cap, among
        )
        if stmt is None:
            return []
        hits: list[SearchHit] = []
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{APPLIED: True})
            params = stmt.params
            if stmt.newest_sql is not None:  # read before tune_search: from the id index
                params = {**params, "newest": int(conn.execute(text(stmt.newest_sql)).scalar_one())}
            self.dialect.tune_search(conn)
            rows = list(conn.execute(text(stmt.sql), params).mappings())
            found = self._locators(conn, [int(r["id"]) for r in rows])
            for r in rows:
                locators = found.get(int(r["id"]), [])
                hits.append(
                    SearchHit(
                        document_id=r["id"],
                        title=r["title"],
                        score=-float(r["score"]),
                        snippet=str(r["snippet"] or ""),
                        language=r["language"],
                        kind=r["kind"],
                        published=r["published"],
                        sources=locators,
                    )
                )
        return hits

    # -- integrity and copies ------------------------------------------------
    def verify(self) -> VerifyReport:
        """Re-hash every original and run the database's own integrity checks.

        When the database is damaged, each document's rows are read one by one, so
        the report names the documents the damage reaches (and the damaged pages).
        """
        try:
            with self.engine.connect() as conn:
                pages = self.dialect.damaged_pages(conn)
                problems = self.dialect.integrity_problems(conn, pages)
        except CorruptStore:
            pages, problems = [], ["the database structure cannot be read"]
        ids = self._document_ids()
        deep = bool(problems)
        failed = [i for i in ids if not self._document_readable(i, deep=deep)]
        if not problems:
            problems, failed = self._audit_problems(problems, failed)
        return VerifyReport(
            checked=len(ids), failed_ids=failed, problems=problems, damaged_pages=pages
        )

    def _audit_problems(
        self, problems: list[str], failed: list[int]
    ) -> tuple[list[str], list[int]]:
        """The audit chain, and each document's content against the digest it records."""
        with self.engine.connect() as conn:
            chain = verify_chain(conn)
            changed = unrecorded_or_changed(conn, self.dialect)
        problems = list(problems)
        if not chain.ok:
            problems.append(f"audit chain broken at {chain.reason}")
        for doc_id in changed:
            problems.append(
                f"document {doc_id}: its original, text or origin differs from the audit chain"
            )
        return problems, sorted(set(failed) | set(changed))

    def _document_ids(self) -> list[int]:
        """Every document id any readable table knows (documents, originals, sources)."""
        ids: set[int] = set()
        for column in (
            tables.documents.c.id,
            tables.originals.c.document_id,
            tables.sources.c.document_id,
        ):
            try:
                with self.engine.connect() as conn:
                    ids.update(int(i) for i in conn.scalars(select(column).distinct()))
            except (CorruptStore, SaDatabaseError, ValueError, TypeError):
                continue
        return sorted(ids)

    def _document_readable(self, doc_id: int, *, deep: bool) -> bool:
        """The original hashes to its recorded SHA-256 (and, when `deep`, every row of the
        document in every table that holds one can be read)."""
        doc, orig = tables.documents, tables.originals
        try:
            with self.engine.connect() as conn:
                try:
                    sha256 = conn.scalar(select(doc.c.sha256).where(doc.c.id == doc_id))
                    data = conn.scalar(select(orig.c.data).where(orig.c.document_id == doc_id))
                    if deep:
                        conn.execute(select(doc).where(doc.c.id == doc_id)).all()
                        self.dialect.read_index_entry(conn, doc_id)
                        for table in tables.metadata.sorted_tables:
                            if "document_id" in table.c:
                                rows = select(table).where(table.c.document_id == doc_id)
                                conn.execute(rows).all()
                    ok = (
                        sha256 is not None
                        and data is not None
                        and self._original_matches(doc_id, bytes(data), sha256)
                    )
                except (ValueError, TypeError):
                    ok = False  # a page that fails its HMAC comes back as zeros: bad values
                if not ok:
                    # SQLCipher fails the next read on a connection that met a bad page;
                    # drop it so the next document is not blamed.
                    conn.invalidate()
                return ok
        except (CorruptStore, SaDatabaseError):
            return False

    def _original_matches(self, doc_id: int, stored: bytes, sha256: str) -> bool:
        try:
            data = self.dialect.open_original(doc_id, stored)
        except StoreError:
            return False
        return hashlib.sha256(data).hexdigest() == sha256

    def copy_database(self, target: Path) -> None:
        self.dialect.checkpoint(self.engine)
        self.dialect.copy_to(self.engine, target)


class _ScopedStore(Store):
    """A store view bound to a scope: the same pool, its statements compiled through it."""

    def __init__(self, base: Store, scope: Scope) -> None:
        self.engine = bound(base.engine, scope)
        self.dialect = base.dialect
        self.scope = scope

    def close(self) -> None:
        """The view does not own the store."""


def _document(row: RowMapping, sources: list[Source]) -> Document:
    return Document(
        id=row["id"],
        sha256=row["sha256"],
        format=row["format"],
        size=row["size"],
        state=DocumentState(row["state"]),
        title=row["title"],
        language=row["language"],
        kind=row["kind"],
        published=row["published"],
        text=row["text"],
        full_text=row["full_text"],
        metadata=json.loads(row["metadata"]),
        boilerplate=[Span(**s) for s in json.loads(row["boilerplate"])],
        parent_id=row["parent_id"],
        created_at=row["created_at"],
        sources=sources,
    )


def highlight(snippet: str, start: str, end: str) -> str:
    """Replace the store's private snippet markers with the caller's."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def document_record(doc: Document) -> dict[str, Any]:
    """A document as plain JSON-able data (exports)."""
    record = asdict(doc)
    record["state"] = str(doc.state)
    record["created_at"] = doc.created_at.isoformat()
    for source in record["sources"]:
        source["recorded_at"] = source["recorded_at"].isoformat()
    return record

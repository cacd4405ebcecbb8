"""Stage 2 of ingest: stored text in, extraction suggestions out.

`extract_stored` runs the pure pipeline of `vigil.extract` over documents of
the store (pending ones after `ingest`, outdated ones after a pipeline
upgrade, or all) and saves each result in its own transaction, so a crash
leaves every document `stored` or `extracted`. It runs in this process: the
text is already clean and capped by `nlp_max_chars`, and the spaCy model is
loaded once.

`extract_file` is the stateless path behind `vigil extract --json FILE`: the
file is read by the same parsers as `ingest` (in this process: it is one file
the user named) and nothing is stored.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigil.errors import IngestError
from vigil.extract import PIPELINE_VERSION, ExtractInput, Extraction, extract
from vigil.ingest import formats
from vigil.model import Document, ExtractionRecord, ParsedDocument, SuggestionRecord
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.suggestions import (
    Scope,
    confirmed_names,
    documents_to_extract,
    save_extraction,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractResult:
    """What stage 2 did to one document (counts only)."""

    document_id: int
    suggestions: int
    errors: int
    truncated: bool


def extraction_input(
    doc: ParsedDocument | Document, gazetteer: tuple[str, ...] = ()
) -> ExtractInput:
    return ExtractInput(
        text=doc.text,
        title=doc.title,
        language=doc.language,
        published=doc.published,
        format=doc.format,
        gazetteer=gazetteer,
        headers=tuple(
            (name, str(doc.metadata[name]))
            for name in ("from", "to", "cc", "subject")
            if doc.format == "eml" and doc.metadata.get(name)
        ),
    )


def extract_parsed(parsed: ParsedDocument, settings: Settings) -> Extraction:
    return extract(extraction_input(parsed), settings)


def extract_file(path: Path, settings: Settings) -> dict[str, Any]:
    """The extraction contract for one file, keyed by the file's stem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from exc
    parsed = formats.parse(data, path.name, settings)
    return extract_parsed(parsed, settings).to_contract(path.stem)


def to_record(extraction: Extraction, doc_id: int) -> ExtractionRecord:
    contract = extraction.to_contract(str(doc_id))
    contract.pop("provenance", None)
    return ExtractionRecord(
        pipeline_version=PIPELINE_VERSION,
        contract=contract,
        suggestions=[
            SuggestionRecord(
                field=s.field,
                value=s.value,
                spans=list(s.prov.spans),
                component=s.prov.component,
                rule=s.prov.rule,
                confidence=s.prov.confidence,
                review_state=s.prov.review_state,
            )
            for s in extraction.suggestions()
        ],
        errors=[{"component": e.component, "type": e.error_type} for e in extraction.errors],
        truncated=extraction.truncated,
    )


def _extract_in_worker(doc: ExtractInput, settings: Settings) -> Extraction:
    """Run in a stage-2 worker process: models load once per worker, on first use."""
    return extract(doc, settings)


def _extractions(
    inputs: Iterator[tuple[int, ExtractInput]], settings: Settings
) -> Iterator[tuple[int, Extraction]]:
    """(id, extraction) in input order: in this process, or on `extract_workers` processes."""
    if settings.extract_workers <= 1:
        for doc_id, doc in inputs:
            yield doc_id, extract(doc, settings)
        return
    window = 2 * settings.extract_workers
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(settings.extract_workers, mp_context=context) as pool:
        pending: deque[tuple[int, Future[Extraction]]] = deque()
        for doc_id, doc in inputs:
            pending.append((doc_id, pool.submit(_extract_in_worker, doc, settings)))
            if len(pending) >= window:
                first_id, future = pending.popleft()
                yield first_id, future.result()
        while pending:
            first_id, future = pending.popleft()
            yield first_id, future.result()


def extract_stored(
    store: Store,
    settings: Settings,
    scope: Scope = "pending",
    on_result: Callable[[ExtractResult], None] | None = None,
    gazetteer: tuple[str, ...] | None = None,
    *,
    only: Collection[int] | None = None,
    actor: str = "local",
) -> list[ExtractResult]:
    """Extract the documents in `scope` (of those, `only` these ids when given);
    each commits on its own.

    With `extract_workers` > 1 the pipeline runs in that many processes while
    this one reads and saves. The gazetteer defaults to the names people
    confirmed in review, so corrections feed later extractions.
    """
    names = confirmed_names(store) if gazetteer is None else gazetteer
    inputs = (
        (doc_id, extraction_input(store.get(doc_id), names))
        for doc_id in documents_to_extract(store, scope, PIPELINE_VERSION)
        if only is None or doc_id in only
    )
    results: list[ExtractResult] = []
    for doc_id, extraction in _extractions(inputs, settings):
        record = to_record(extraction, doc_id)
        save_extraction(store, doc_id, record, actor)
        result = ExtractResult(
            doc_id, len(record.suggestions), len(record.errors), record.truncated
        )
        results.append(result)
        if on_result is not None:
            on_result(result)
    log.info(
        "extraction: %d documents, %d suggestions, %d component errors",
        len(results),
        sum(r.suggestions for r in results),
        sum(r.errors for r in results),
    )
    return results

"""Stage 2 of ingest: stored text in, extraction suggestions out.

`extract_stored` runs the pure pipeline of `vigil.extract` over documents of
the store (pending ones after `ingest`, outdated ones after a pipeline
upgrade, or all) and saves each result in its own transaction, so a crash
leaves every document `stored` or `extracted`. With `extract_timeout_s` set
(the default) it runs in sandboxed worker processes (`extract_pool.py`: memory
limit, a time limit per document, a document over it saved with the error and
the batch going on); with 0, in this process. Documents are extracted in
batches through `extract_many` (`extract_batch`; results are the same as
`extract` one at a time).

`extract_file` is the stateless path behind `vigil extract --json FILE`: the
file is read by the same parsers as `ingest` (a scan or photo by OCR when
Tesseract is installed), in the same sandboxes when `extract_timeout_s` is set,
and nothing is stored.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from vigil.errors import IngestError
from vigil.extract import PIPELINE_VERSION, ExtractInput, Extraction, extract, extract_many
from vigil.ingest import formats, ocr
from vigil.ingest.extract_pool import ExtractorPool
from vigil.ingest.recognition import ocr_available
from vigil.ingest.worker import ParserPool
from vigil.model import (
    Document,
    DocumentState,
    ExtractionRecord,
    OcrResult,
    ParsedDocument,
    SuggestionRecord,
)
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
            if doc.format in ("eml", "msg") and doc.metadata.get(name)
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
    if settings.extract_timeout_s <= 0:
        parsed = formats.parse(data, path.name, settings)
        if _wants_ocr(parsed, settings):
            _use_ocr(parsed, ocr.recognise(data, parsed.format, settings))
        return extract_parsed(parsed, settings).to_contract(path.stem)
    with ParserPool(settings.with_(workers=1)) as parsers:
        parsed = parsers.parse(data, path.name)
        if _wants_ocr(parsed, settings):
            _use_ocr(parsed, parsers.ocr(data, parsed.format))
    with ExtractorPool(settings.with_(extract_workers=1)) as sandbox:
        extraction = next(iter(sandbox.extract([[extraction_input(parsed)]])))[0]
    return extraction.to_contract(path.stem)


def _wants_ocr(parsed: ParsedDocument, settings: Settings) -> bool:
    """A scan or photo, and Tesseract there to read it (else its empty text is extracted)."""
    return (
        parsed.state is DocumentState.NEEDS_OCR
        and parsed.format in ocr.OCR_FORMATS
        and ocr_available(settings)
    )


def _use_ocr(parsed: ParsedDocument, result: OcrResult) -> None:
    parsed.text = parsed.full_text = result.text
    parsed.language = result.language or parsed.language
    parsed.state = DocumentState.STORED


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


BATCH_SIZE = 32
"""Documents per batch of stage 2: parsed together by spaCy (`nlp.pipe`), and
the unit of work a worker process receives."""


def extract_batch(docs: list[ExtractInput], settings: Settings) -> list[Extraction]:
    """Extract one batch of documents through `extract_many`, in order.

    The one function stage 2 runs, in this process or in a worker (where the
    models load once per worker, on first use); `bench/extract.py` measures it.
    """
    return list(extract_many(docs, settings, batch_size=max(1, len(docs))))


def _batches(
    inputs: Iterator[tuple[int, ExtractInput]], size: int
) -> Iterator[tuple[list[int], list[ExtractInput]]]:
    ids: list[int] = []
    docs: list[ExtractInput] = []
    for doc_id, doc in inputs:
        ids.append(doc_id)
        docs.append(doc)
        if len(docs) >= size:
            yield ids, docs
            ids, docs = [], []
    if docs:
        yield ids, docs


class BatchExtractor(Protocol):
    """What extracts batches elsewhere: `ExtractorPool`, or cluster mode's `ClusterPool`."""

    def extract(self, batches: Iterable[list[ExtractInput]]) -> Iterator[list[Extraction]]: ...


def _extractions(
    inputs: Iterator[tuple[int, ExtractInput]],
    settings: Settings,
    batch_size: int = BATCH_SIZE,
    extractor: BatchExtractor | None = None,
) -> Iterator[tuple[int, Extraction]]:
    """(id, extraction) in input order, a batch at a time: on the given extractor (a
    cluster), in sandboxed workers with a time limit, in this process, or one batch per
    task on `extract_workers` processes."""
    if extractor is not None or settings.extract_timeout_s > 0:
        order: deque[list[int]] = deque()

        def docs_only() -> Iterator[list[ExtractInput]]:
            for ids, docs in _batches(inputs, batch_size):
                order.append(ids)
                yield docs

        if extractor is not None:
            for results in extractor.extract(docs_only()):
                yield from zip(order.popleft(), results, strict=True)
            return
        with ExtractorPool(settings) as sandbox:
            for results in sandbox.extract(docs_only()):
                yield from zip(order.popleft(), results, strict=True)
        return
    if settings.extract_workers <= 1:
        for ids, docs in _batches(inputs, batch_size):
            yield from zip(ids, extract_batch(docs, settings), strict=True)
        return
    window = 2 * settings.extract_workers
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(settings.extract_workers, mp_context=context) as pool:
        pending: deque[tuple[list[int], Future[list[Extraction]]]] = deque()
        for ids, docs in _batches(inputs, batch_size):
            pending.append((ids, pool.submit(extract_batch, docs, settings)))
            if len(pending) >= window:
                first_ids, future = pending.popleft()
                yield from zip(first_ids, future.result(), strict=True)
        while pending:
            first_ids, future = pending.popleft()
            yield from zip(first_ids, future.result(), strict=True)


def extract_stored(
    store: Store,
    settings: Settings,
    scope: Scope = "pending",
    on_result: Callable[[ExtractResult], None] | None = None,
    gazetteer: tuple[str, ...] | None = None,
    *,
    only: Collection[int] | None = None,
    actor: str = "local",
    batch_size: int = BATCH_SIZE,
    extractor: BatchExtractor | None = None,
) -> list[ExtractResult]:
    """Extract the documents in `scope` (of those, `only` these ids when given);
    each commits on its own.

    Documents go through the pipeline in batches of `batch_size` (`extract_many`,
    one `nlp.pipe` per batch); with `extract_workers` > 1 each batch goes to one
    of that many processes while this one reads and saves. The gazetteer
    defaults to the names people confirmed in review, so corrections feed
    later extractions. An `extractor` (cluster mode's `ClusterPool`) takes the batches
    instead, in its own sandboxes; results are saved here the same way.
    """
    names = confirmed_names(store) if gazetteer is None else gazetteer
    inputs = (
        (doc_id, extraction_input(store.get(doc_id), names))
        for doc_id in documents_to_extract(store, scope, PIPELINE_VERSION)
        if only is None or doc_id in only
    )
    results: list[ExtractResult] = []
    for doc_id, extraction in _extractions(inputs, settings, batch_size, extractor):
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

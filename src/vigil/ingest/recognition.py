"""The OCR stage: stored documents in state `needs_ocr` in, their text stored.

1. Pick the documents waiting (`needs_ocr`, a format OCR reads), or those named.
2. Send the originals to the sandboxed parser workers, all at once
   (`ParserPool.ocr_many`: the same memory limit, a time limit per page);
   nothing is written to disk.
3. Store the text with its origin (`ocr`) and per-page confidence, the
   document back in `stored` so extraction follows, in one transaction each.
4. A failure leaves that document waiting, with its reason in the report
   and the log (ids and counts only); the batch goes on.

When Tesseract is not installed nothing runs: the report says so and every
document keeps waiting for `vigil ocr --pending`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from vigil.errors import IngestError
from vigil.ingest.ocr import OCR_FORMATS
from vigil.ingest.tesseract import Tesseract
from vigil.ingest.worker import ParserPool
from vigil.model import OcrResult, TextOrigin
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.texts import NewText, replace_text, waiting_for_ocr

log = logging.getLogger(__name__)

MISSING = (
    "Tesseract is not installed, so scans and photos wait for OCR:"
    " run scripts/install-ocr.sh (Debian: apt-get install tesseract-ocr and its"
    " language packs), then `vigil ocr --pending`"
)


@dataclass(frozen=True)
class OcrOutcome:
    """What OCR did to one document (counts only; `reason` when it failed)."""

    document_id: int
    pages: int = 0
    words: int = 0
    confidence: float = 0.0
    reason: str | None = None


@dataclass
class OcrReport:
    available: bool
    waiting: int
    """Documents that were waiting when the stage started."""
    outcomes: list[OcrOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def done(self) -> list[OcrOutcome]:
        return [o for o in self.outcomes if o.reason is None]

    @property
    def failed(self) -> list[OcrOutcome]:
        return [o for o in self.outcomes if o.reason is not None]


def ocr_available(settings: Settings) -> bool:
    return Tesseract(settings.ocr_command).available()


def ocr_stored(
    store: Store,
    settings: Settings,
    pool: ParserPool | None = None,
    ids: list[int] | None = None,
    actor: str = "local",
    on_result: Callable[[OcrOutcome], None] | None = None,
) -> OcrReport:
    """OCR the documents waiting (or `ids`), on `pool` or on a pool of its own."""
    waiting = waiting_for_ocr(store, OCR_FORMATS)
    chosen = waiting if ids is None else [i for i in ids if i in set(waiting)]
    report = OcrReport(available=ocr_available(settings), waiting=len(chosen))
    if not report.available or not chosen:
        return report
    started = time.perf_counter()
    if pool is None:
        with ParserPool(settings) as own:
            _run(store, own, chosen, actor, report, on_result)
    else:
        _run(store, pool, chosen, actor, report, on_result)
    report.seconds = time.perf_counter() - started
    log.info(
        "ocr batch: %d read, %d failed, %d pages, %.1fs",
        len(report.done),
        len(report.failed),
        sum(o.pages for o in report.outcomes),
        report.seconds,
    )
    return report


def _run(
    store: Store,
    pool: ParserPool,
    ids: list[int],
    actor: str,
    report: OcrReport,
    on_result: Callable[[OcrOutcome], None] | None,
) -> None:
    """OCR on every worker at once; each result stored as it comes back."""
    items = ((str(i), store.get(i).format, store.original(i)) for i in ids)
    for label, result in pool.ocr_many(items):
        outcome = _settle(store, int(label), result, actor)
        report.outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)


def _settle(store: Store, doc_id: int, result: OcrResult | IngestError, actor: str) -> OcrOutcome:
    if isinstance(result, IngestError):
        log.warning("ocr: document %d still waits: %s", doc_id, result.reason)
        return OcrOutcome(doc_id, reason=result.reason)
    new = NewText(result.text, TextOrigin.OCR, result.language, ocr_record(result))
    replace_text(store, doc_id, new, actor=actor)
    read = [p for p in result.pages if p.source == "ocr"]
    return OcrOutcome(
        doc_id,
        pages=len(read),
        words=sum(p.words for p in read),
        confidence=result.confidence,
    )


def ocr_record(result: OcrResult) -> dict[str, Any]:
    """What the metadata keeps of an OCR run: engine, languages, confidence per page."""
    return {
        "engine": result.engine,
        "languages": list(result.languages),
        "confidence": result.confidence,
        "pages": [asdict(page) for page in result.pages],
        "pages_total": result.pages_total,
        "pages_skipped": result.pages_total - len(result.pages),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


__all__ = ["MISSING", "OcrOutcome", "OcrReport", "ocr_available", "ocr_record", "ocr_stored"]

"""The extraction pipeline: text and a few inputs in, suggestions out.

Stages, in order (each a module of this package, `run(ctx)`):

 1. markup       blank front matter and markup, keeping offsets; front-matter title/date
 2. language     main language (caller's, else function words and script)
 3. zoning       each line's role (letterhead, addressee, salutation, body, closing,
                 signature, copies, ...) from the shipped CRF zone model
 3a. header      title and header date line; where the content starts
 4. parse        sentences and statistical entities (spaCy, loaded once per process)
 5. letter       addressee block, salutation, closing, signatories, copy lists
 6. attribution  who a statement is attributed to, when nobody signs
 7. dates        the document's own date (letter date line, metadata, dateline)
 8. kind         letter, open_letter, petition, press_release, news_article, report, other
 8a. petition   a petition's head lines: its targets and its starter
 9. contacts     senders' phones, faxes, e-mails, postal lines
10. entities     persons, organisations, locations (NER + gazetteers + repairs)
10a. issuer      a press release nobody signs: the body it speaks as
11. legal        legal instruments cited
12. demands      what the text asks for
13. events       events with subjects, actors, place, date, modality
14. risk         persons and groups at risk
15. prior        earlier interventions and their outcome

A stage that raises is recorded as a `ComponentError` (its name and the
exception type, never text) and the next stages still run. Text beyond
`settings.nlp_max_chars` is not read, and the result is flagged `truncated`.
The pipeline touches no store and no network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import ModuleType

from vigil.extract import (
    attribution,
    contacts,
    dates,
    demands,
    entities,
    events,
    header,
    issuer,
    kind,
    language,
    legal,
    letter,
    markup,
    parse,
    petition,
    prior,
    risk,
    zoning,
)
from vigil.extract.context import Context
from vigil.extract.types import ComponentError, ExtractInput, Extraction
from vigil.settings import Settings

PIPELINE_VERSION = "2026.12.11.101"
"""Bump when a stage or vocabulary changes what is extracted: stored results
made by another version are 'outdated' and `vigil extract --outdated` redoes them."""

STAGES: tuple[ModuleType, ...] = (
    markup,
    language,
    zoning,
    header,
    parse,
    letter,
    attribution,
    dates,
    kind,
    petition,
    contacts,
    entities,
    issuer,
    legal,
    demands,
    events,
    risk,
    prior,
)


def stage_names() -> list[str]:
    return [str(stage.NAME) for stage in STAGES]


def _context(doc: ExtractInput, settings: Settings) -> Context:
    cap = max(0, settings.nlp_max_chars)
    text = doc.text or ""
    ctx = Context(
        doc=doc, settings=settings, text=text[:cap], result=Extraction(truncated=len(text) > cap)
    )
    ctx.split_lines()
    return ctx


def _run(ctx: Context, stages: tuple[ModuleType, ...]) -> None:
    for stage in stages:
        run: Callable[[Context], None] = stage.run
        try:
            run(ctx)
        except Exception as exc:  # a failing stage must not stop the others
            ctx.result.errors.append(
                ComponentError(component=str(stage.NAME), error_type=type(exc).__name__)
            )


def extract(
    doc: ExtractInput,
    settings: Settings,
    stages: tuple[ModuleType, ...] | None = None,
) -> Extraction:
    """Run every stage over one document; never raises for a bad document."""
    ctx = _context(doc, settings)
    _run(ctx, stages or STAGES)
    return ctx.result


def extract_many(
    docs: Iterable[ExtractInput], settings: Settings, batch_size: int = 64
) -> Iterator[Extraction]:
    """`extract` over many documents, in order, parsing each batch with `nlp.pipe`.

    The stages before `parse` run per document; then the texts of one language
    go through spaCy together; the parse stage finds its Doc ready and the later
    stages run per document. Results are the same as `extract`'s.
    """
    at = STAGES.index(parse)
    before, after = STAGES[:at], STAGES[at:]
    batch: list[Context] = []
    for doc in docs:
        ctx = _context(doc, settings)
        _run(ctx, before)
        batch.append(ctx)
        if len(batch) >= batch_size:
            yield from _finish(batch, after, batch_size)
            batch = []
    if batch:
        yield from _finish(batch, after, batch_size)


def _finish(
    batch: list[Context], after: tuple[ModuleType, ...], batch_size: int
) -> Iterator[Extraction]:
    by_language: dict[str | None, list[Context]] = {}
    for ctx in batch:
        by_language.setdefault(parse.language_of(ctx), []).append(ctx)
    for lang, group in by_language.items():
        try:
            nlp = parse.nlp_for(lang, max(len(c.text) for c in group))
            texts = [parse.spacy_text(c.text) for c in group]
            for ctx, parsed in zip(group, nlp.pipe(texts, batch_size=batch_size), strict=True):
                ctx.nlp = parsed
        except Exception:  # fall back to one document at a time in the parse stage
            for ctx in group:
                ctx.nlp = None
    for ctx in batch:
        _run(ctx, after)
        yield ctx.result


__all__ = ["PIPELINE_VERSION", "STAGES", "extract", "extract_many", "stage_names"]

# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""The extraction pipeline: text and a few inputs in, suggestions out.

Stages, in order (each a module of this package, `run(ctx)`):

 1. markup       blank front matter and markup, keeping offsets; front-matter title/date
 2. language     main language (caller's, else function words and script)
 3. header       title and header date line; where the content starts
 4. parse        sentences and statistical entities (spaCy, loaded once per process)
 5. letter       addressee block, salutation, closing, signatories, copy lists
 6. attribution  who a statement is attributed to, when nobody signs
 7. dates        the document's own date (letter date line, metadata, dateline)
 8. kind         letter, open_letter, petition, press_release, news_article, report, other
 9. contacts     senders' phones, faxes, e-mails, postal lines
10. entities     persons, organisations, locations (NER + gazetteers + repairs)
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

from collections.abc import Callable
from types import ModuleType

from vigil.extract import (
    attribution,
    contacts,
    dates,
    demands,
    entities,
    events,
    header,
    kind,
    language,
    legal,
    letter,
    markup,
    parse,
    prior,
    risk,
)
from vigil.extract.context import Context
from vigil.extract.types import ComponentError, ExtractInput, Extraction
from vigil.settings import Settings

STAGES: tuple[ModuleType, ...] = (
    markup, language, header, parse, letter, attribution, dates, kind,
    contacts, entities, legal, demands, events, risk, prior,
)


def stage_names() -> list[str]:
    return [str(stage.NAME) for stage in STAGES]


def extract(
    doc: ExtractInput,
    settings: Settings,
    stages: tuple[ModuleType, ...] | None = None,
) -> Extraction:
    """Run every stage over one document; never raises for a bad document."""
    cap = max(0, settings.nlp_max_chars)
    text = doc.text or ""
    result = Extraction(truncated=len(text) > cap)
    ctx = Context(doc=doc, settings=settings, text=text[:cap], result=result)
    ctx.split_lines()
    for stage in stages or STAGES:
        run: Callable[[Context], None] = stage.run
        try:
            run(ctx)
        except Exception as exc:  # a failing stage must not stop the others
            result.errors.append(ComponentError(component=str(stage.NAME), error_type=type(exc).__name__))
    return result


__all__ = ["STAGES", "extract", "stage_names"]

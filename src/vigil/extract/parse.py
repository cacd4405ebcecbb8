# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: sentences and statistical named entities (spaCy).

Blank runs of whitespace are kept as they are; spaCy sees the capped text
and the spans it returns are offsets into it.
"""

from __future__ import annotations

from typing import Any

from vigil.extract.context import Context
from vigil.extract.models import has_ner, pipeline_for

NAME = "parse"

_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}


def language_of(ctx: Context) -> str | None:
    return ctx.result.language.value if ctx.result.language else None


def nlp_for(language: str | None, longest: int) -> Any:
    """The (cached) pipeline of a language, allowed to read `longest` characters."""
    nlp = pipeline_for(language)
    nlp.max_length = max(nlp.max_length, longest + 1)
    return nlp


def run(ctx: Context) -> None:
    nlp = nlp_for(language_of(ctx), len(ctx.text))
    if ctx.nlp is None or ctx.nlp.text != ctx.text:  # `extract_many` parses in batches
        ctx.nlp = nlp(ctx.text)
    doc = ctx.nlp
    sentences: list[tuple[int, int]] = []
    for sent in doc.sents:
        # spaCy joins lines of an address block; split sentences at blank lines too
        start = sent.start_char
        chunk = ctx.text[start:sent.end_char]
        pos = 0
        for part in chunk.split("\n\n"):
            if part.strip():
                sentences.append((start + pos, start + pos + len(part)))
            pos += len(part) + 2
    ctx.sentences = sentences
    if has_ner(nlp):
        ctx.ents = [
            (e.start_char, e.end_char, _LABELS[e.label_])
            for e in doc.ents
            if e.label_ in _LABELS
        ]

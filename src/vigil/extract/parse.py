# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: sentences and statistical named entities (spaCy).

Blank runs of whitespace are kept as they are; spaCy sees the capped text
and the spans it returns are offsets into it. Before spaCy reads it, the
text is made safe for its tokenizer, which is quadratic in the length of a
token (it peels prefixes and suffixes one character at a time): a run of
one punctuation character, or of punctuation between spaces ('. . . .'),
keeps its first three characters and the rest become spaces, and a token longer than `MAX_TOKEN_CHARS` is cut by a space every
`MAX_TOKEN_CHARS` characters. Both keep the length, so offsets still hold.
"""

from __future__ import annotations

import re
from typing import Any

from vigil.extract.context import Context
from vigil.extract.models import has_ner, pipeline_for

NAME = "parse"

MAX_TOKEN_CHARS = 64
KEPT_RUN_CHARS = 3
_PUNCTUATION_RUN = re.compile(rf"([^\w\s])\1{{{KEPT_RUN_CHARS},}}")
_SPACED_PUNCTUATION = re.compile(r"(?:[^\w\s][ \t]+){8,}")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}


def language_of(ctx: Context) -> str | None:
    return ctx.result.language.value if ctx.result.language else None


def nlp_for(language: str | None, longest: int) -> Any:
    """The (cached) pipeline of a language, allowed to read `longest` characters."""
    nlp = pipeline_for(language)
    nlp.max_length = max(nlp.max_length, longest + 1)
    return nlp


def spacy_text(text: str) -> str:
    """`text` as spaCy reads it: the same length, without what makes its tokenizer slow."""
    text = _PUNCTUATION_RUN.sub(_shorten_run, text)
    text = _SPACED_PUNCTUATION.sub(_shorten_run, text)
    return _LONG_TOKEN.sub(_cut_token, text)


def _shorten_run(match: re.Match[str]) -> str:
    run = match.group()
    return run[:KEPT_RUN_CHARS] + " " * (len(run) - KEPT_RUN_CHARS)


def _cut_token(match: re.Match[str]) -> str:
    token = match.group()
    step = MAX_TOKEN_CHARS
    return " ".join(token[i : i + step - 1] for i in range(0, len(token), step))[: len(token)]


def run(ctx: Context) -> None:
    nlp = nlp_for(language_of(ctx), len(ctx.text))
    safe = spacy_text(ctx.text)
    if ctx.nlp is None or ctx.nlp.text != safe:  # `extract_many` parses in batches
        ctx.nlp = nlp(safe)
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

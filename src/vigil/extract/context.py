# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""The state one document carries through the pipeline's components."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vigil.extract.prefilter import fold_case
from vigil.extract.types import ExtractInput, Extraction, Provenance
from vigil.model import Span
from vigil.settings import Settings


@dataclass
class Line:
    """One line of the text, with its offsets and its stripped content."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Context:
    """What components read and write; the `result` is what the caller gets."""

    doc: ExtractInput
    settings: Settings
    text: str
    result: Extraction
    meta: dict[str, str] = field(default_factory=dict)
    """Front matter and header facts: title, date."""
    body_start: int = 0
    """Offset where the content starts (after front matter and header lines)."""
    lines: list[Line] = field(default_factory=list)
    nlp: Any = None
    """The spaCy Doc of `text`, when the nlp component ran."""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, label) of the statistical NER: PERSON, ORG, LOC."""
    zones: list[Any] = field(default_factory=list)
    """Each non-blank line with its zone (`vigil.extract.zones.read.Zoned`), from the zones stage."""
    tagged: list[Any] = field(default_factory=list)
    """The same lines as the zone model alone labelled them, before the zones stage's
    rule for copy lists; the kind model learned from these."""
    letter_start: int = -1
    """Offset of the letter's addressee block or salutation, -1 when none."""
    signature_start: int = -1
    signature_end: int = -1
    _folded: tuple[str, str] = ("", "")

    def folded(self) -> str:
        """`text` case-folded as `re` folds it (same offsets), for `prefilter.may_match`."""
        if self._folded[0] is not self.text:
            self._folded = (self.text, fold_case(self.text))
        return self._folded[1]

    def split_lines(self) -> None:
        self.lines = []
        pos = 0
        for i, raw in enumerate(self.text.split("\n")):
            self.lines.append(Line(i, pos, pos + len(raw), raw.strip()))
            pos += len(raw) + 1

    def line_at(self, offset: int) -> Line | None:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line
        return None

    def sentence_spans(self) -> list[tuple[int, int]]:
        if not self.sentences:
            self.sentences = simple_sentences(self.text)
        return self.sentences


def prov(component: str, rule: str, confidence: float, *spans: tuple[int, int]) -> Provenance:
    return Provenance(
        spans=tuple(Span(s, e) for s, e in spans), component=component, rule=rule,
        confidence=confidence,
    )


_SENT = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’)\]]*|\n\s*\n|$)", re.S)


def simple_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans without a model: split on terminal punctuation and blank lines."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n", text):
        end = m.end()
        if text[start:end].strip():
            out.append((start, end))
        start = end
    if text[start:].strip():
        out.append((start, len(text)))
    return out


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)

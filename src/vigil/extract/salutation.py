# Cue words are matched as written: non-Latin scripts and typographic apostrophes are intended here.
# ruff: noqa: RUF001, RUF002
"""Who a salutation speaks to, in any language with a cue file.

A salutation is an opener ('Dear', 'Monsieur le', 'Sehr geehrter', 'Sayın',
'جناب'), often an honorific ('Mr', 'Herr', 'السيد'), then the addressee: a name
('Dear Ms Lusk'), an office ('Monsieur le Président de la République'), or an
office and a name ('Dear Minister Lusk'). `addressee_text` takes the words
around the addressee away; the letter stage decides what the rest is. Every
word it strips is data: the language files' `salutation_openers`,
`honorifics` and `respect_words`.
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract import capitalised
from vigil.vocab import languages, load

_END = re.compile(r"[\s,:;!.،؛]+$")


@cache
def _openers() -> tuple[str, ...]:
    """Openers and honorifics of every language, longest first (a salutation in
    one language often opens with another's formula)."""
    found = {*languages.words("salutation_openers"), *capitalised.honorifics()}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _respect() -> re.Pattern[str] | None:
    words = sorted(languages.words("respect_words"), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@cache
def _person_honorifics() -> tuple[str, ...]:
    """Every language's honorifics, case-folded, each with the space that follows it."""
    return tuple(h.casefold() + " " for h in capitalised.honorifics())


@cache
def courtesies() -> frozenset[str]:
    """Every honorific case-folded: a line that is only one ('His Excellency') is a
    bare courtesy."""
    every = (*capitalised.honorifics(), *load("letter")["honorifics"])
    return frozenset(h.casefold() for h in every)


def _strip_opener(text: str) -> str | None:
    """`text` without one leading opener, or None when it opens with none."""
    folded = text.casefold()
    for opener in _openers():
        low = opener.casefold()
        if not folded.startswith(low):
            continue
        rest = text[len(opener):]
        if low.endswith(("'", "’", ".")) or not rest or not (rest[0].isalnum() or rest[0] == "_"):
            return rest.lstrip(" \t,")
    return None


def addressee_text(salutation: str) -> str:
    """The addressee part of a salutation: 'Monsieur le Président de la République,'
    -> 'Président de la République'; 'Dear Ms Lusk,' -> 'Lusk'; an empty string when
    nothing is left ('Dear Sir,' leaves 'Sir', which the caller judges)."""
    text = _END.sub("", salutation.strip())
    respect = _respect()
    if respect is not None:
        text = re.sub(r"\s{2,}", " ", respect.sub("", text)).strip()
    while text:
        rest = _strip_opener(text)
        if rest is None or rest == text:
            break
        text = rest
    return _END.sub("", text)


def opened_by_person_honorific(salutation: str) -> bool:
    """Whether an honorific for a person ('Mr', 'Herr', 'آقای', 'السيد') stands in
    the salutation's opening words: what follows is a name even where the script
    has no capitals."""
    text = _END.sub("", salutation.strip())
    for _ in range(4):
        if text.casefold().startswith(_person_honorifics()):
            return True
        rest = _strip_opener(text)
        if rest is None or rest == text:
            return False
        text = rest
    return False

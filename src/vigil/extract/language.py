# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: the main language of the text (ISO 639-1).

The caller's language wins; otherwise a count of common function words
decides among the languages allowed by the settings, and the script decides
for Persian, Arabic and Russian.
"""

from __future__ import annotations

import re

from vigil.extract.context import Context, prov
from vigil.extract.types import Value

NAME = "language"

_WORDS = {
    "en": ["the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "are", "was", "this", "have", "be", "by", "we", "not", "from"],
    "fr": ["le", "la", "les", "de", "des", "du", "et", "est", "que", "qui", "pour", "dans", "une", "un", "sur", "pas", "nous", "vous", "au", "avec"],
    "es": ["el", "la", "los", "las", "de", "del", "y", "que", "en", "es", "por", "para", "con", "una", "un", "no", "se", "su", "al"],
    "it": ["il", "lo", "la", "gli", "le", "di", "del", "della", "che", "e", "è", "per", "con", "una", "un", "non", "sono", "al", "nel"],
    "de": ["der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "zu", "ein", "eine", "auf", "für", "sich", "dem", "im"],
    "nl": ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "met", "voor", "zijn", "in"],
    "sq": ["dhe", "të", "në", "një", "për", "me", "që", "nga", "është", "së", "si"],
    "tr": ["ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "çok", "daha"],
}


def detect(text: str, allowed: tuple[str, ...]) -> tuple[str | None, float]:
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None, 0.0
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if arabic > len(letters) / 2:
        persian = sum(sample.count(c) for c in "پچژگکی")
        lang = "fa" if persian > arabic / 50 else "ar"
        return (lang, 0.8) if lang in allowed else (None, 0.0)
    if cyrillic > len(letters) / 2:
        lang = "uk" if sum(sample.count(c) for c in "іїєґ") > cyrillic / 100 else "ru"
        return (lang, 0.8) if lang in allowed else (None, 0.0)
    words = re.findall(r"[^\W\d_]+", sample.lower())
    counts = {lang: 0 for lang in _WORDS if lang in allowed}
    for w in words:
        for lang in counts:
            if w in _WORDS[lang]:
                counts[lang] += 1
    if not counts or max(counts.values()) == 0:
        return None, 0.0
    best = max(counts, key=lambda k: counts[k])
    total = sum(counts.values())
    return best, counts[best] / total


def run(ctx: Context) -> None:
    if ctx.doc.language:
        ctx.result.language = Value(ctx.doc.language, prov(NAME, "caller", 1.0))
        return
    lang, confidence = detect(ctx.text, ctx.settings.languages)
    if lang:
        ctx.result.language = Value(lang, prov(NAME, "function_words", confidence, (0, len(ctx.text))))

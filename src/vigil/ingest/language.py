"""Language of a text, among the configured languages only (lingua).

The detector is built once per process and per set of languages, on first
use, in low-accuracy mode: only the models of `Settings.languages` load.
"""

from __future__ import annotations

import functools

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from vigil.errors import ConfigError

SAMPLE_CHARS = 1000
"""Only the start of a text is read. On the eval corpora (237 texts, 12 languages)
1,000 characters find every gold language, as 2,000 did, at half the time (lingua's
cost grows with the sample); 700 miss one (a Persian letter under an English header)."""
MIN_LETTERS = 12
"""Texts with fewer letters get no language."""


@functools.cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    codes = []
    for code in dict.fromkeys(c.lower() for c in languages):
        try:
            codes.append(IsoCode639_1.from_str(code))
        except ValueError:
            raise ConfigError(
                f"VIGIL_LANGUAGES: {code!r} is not an ISO 639-1 code lingua knows"
            ) from None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def _enough_letters(sample: str) -> bool:
    letters = 0
    for ch in sample:  # stops at the MIN_LETTERS-th letter, not at the sample's end
        if ch.isalpha():
            letters += 1
            if letters >= MIN_LETTERS:
                return True
    return False


def detect_language(text: str, languages: tuple[str, ...]) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when unsure or too short."""
    sample = text[:SAMPLE_CHARS]
    if not languages or not _enough_letters(sample):
        return None
    if len(languages) == 1:
        return languages[0].lower()
    found = _detector(tuple(languages)).detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


__all__ = ["detect_language"]

# The docstring names Cyrillic letters that look like Latin ones, on purpose.
# ruff: noqa: RUF002
"""Language of a text, among the configured languages only: function words, then lingua.

1. Cues (`vocab/function_words.json`): when nearly every letter of the sample
   is of one script, each language of that script scores its cues: function
   words no other language of the file shares ("the", "des", "und"; "что", "що"), or
   letters only it writes (Arabic script: Persian پ چ ژ گ ک ی against Arabic
   ي ك ة; Cyrillic: Russian ы э ъ ё against Ukrainian і ї є ґ). A configured
   language with at least `MIN_CUES` cues and `MARGIN` times the runner-up's
   decides, in about 0.05 ms.
2. Otherwise lingua decides (about 1 ms): mixed scripts, few cues, a close
   runner-up, or a configured language the file does not know. Its detector is
   built once per process and per set of languages, on first use, in
   low-accuracy mode: only the models of `Settings.languages` load.

On the eval texts (237, nine languages) the cues decide 232 and agree with
lingua on all of them (`bench/language.py`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from vigil import vocab
from vigil.errors import ConfigError

SAMPLE_CHARS = 1000
"""Only the start of a text is read. On the eval corpora (237 texts, 12 languages)
1,000 characters find every gold language, as 2,000 did, at half the time (lingua's
cost grows with the sample); 700 miss one (a Persian letter under an English header)."""
MIN_LETTERS = 12
"""Texts with fewer letters get no language."""
SCRIPT_SHARE = 0.9
"""Cues decide only when this share of the sample's letters is of one script."""
MIN_CUES = 8
"""Cues the leading language needs (words, or letters only it writes)."""
MARGIN = 4
"""How many times the runner-up's cues the leading language needs."""
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Script:
    """One script's languages in the cue file, and what tells them apart."""

    letters: re.Pattern[str]
    """Runs of the script's letters."""
    languages: tuple[str, ...]
    words: dict[str, str]
    """A function word -> the only language of the script that has it."""
    marks: dict[str, str]
    """A letter -> the only language of the script that writes it."""


@functools.cache
def _scripts() -> tuple[frozenset[str], tuple[_Script, ...]]:
    """The languages the cue file knows, and its scripts (read once)."""
    data = vocab.load("function_words")
    languages: dict[str, dict[str, object]] = data["languages"]
    scripts = []
    for script, ranges in data["scripts"].items():
        codes = tuple(code for code, entry in languages.items() if entry["script"] == script)
        shared = Counter(w for c in codes for w in set(_listed(languages[c], "words")))
        words = {w: c for c in codes for w in _listed(languages[c], "words") if shared[w] == 1}
        marks = {ch: c for c in codes for ch in str(languages[c].get("letters", ""))}
        span = "".join(
            f"\\u{low.lower()}-\\u{high.lower()}"
            for low, high in (r.split("-") for r in ranges)
        )
        scripts.append(_Script(re.compile(f"[{span}]+"), codes, words, marks))
    return frozenset(languages), tuple(scripts)


def _listed(entry: dict[str, object], key: str) -> list[str]:
    found = entry.get(key, [])
    return [str(w) for w in found] if isinstance(found, list) else []


def language_by_cues(sample: str, languages: tuple[str, ...]) -> str | None:
    """The language the cue file decides for `sample`, or None to ask lingua."""
    known, scripts = _scripts()
    allowed = {code.lower() for code in languages}
    if not allowed <= known:  # a language the file cannot tell from the others
        return None
    words = _WORD.findall(sample.lower())
    letters = "".join(words)
    if not letters:
        return None
    need = SCRIPT_SHARE * len(letters)
    script = next((s for s in scripts if sum(map(len, s.letters.findall(letters))) >= need), None)
    if script is None:
        return None
    cues = dict.fromkeys(script.languages, 0)
    if script.words:
        owner = script.words.get
        for word in words:
            code = owner(word)
            if code is not None:
                cues[code] += 1
    for mark, code in script.marks.items():
        cues[code] += letters.count(mark)
    ranked = sorted(cues, key=cues.__getitem__, reverse=True)
    best = ranked[0]
    runner_up = cues[ranked[1]] if len(ranked) > 1 else 0
    if best in allowed and cues[best] >= MIN_CUES and cues[best] >= MARGIN * runner_up:
        return best
    return None


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
    by_cues = language_by_cues(sample, languages)
    if by_cues is not None:
        return by_cues
    found = _detector(tuple(languages)).detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


__all__ = ["detect_language", "language_by_cues"]

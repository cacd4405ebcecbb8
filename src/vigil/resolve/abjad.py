# Arabic letters and look-alike apostrophes are matched as written here.
# ruff: noqa: RUF001, RUF002
"""Names in Arabic script (Persian, Arabic) against their Latin transliterations.

Arabic script writes consonants and long vowels (ی y, و w, ا A) but not
short vowels, so 'حسین' is h-s-y-n and 'حسن' is h-s-n. A Latin spelling is
aligned to that skeleton with a small edit distance whose costs follow how
transliteration works:

- a short Latin vowel ('a', 'e', 'o') may stand for nothing written: free;
- a single 'i' or 'u' may be a short vowel (free-ish) or the long ی / و;
- a Latin long vowel ('ei', 'ee', 'ou', 'oo') must meet ی or و: Hossein
  matches حسین, not حسن; a written ی or و must meet a Latin vowel or y/v/w:
  Hassan does not match حسین;
- consonants must agree, after the same folding as `normalise.phonetic`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_LETTERS = {
    "ا": "A", "آ": "A", "أ": "A", "إ": "A", "ٱ": "A", "ى": "A", "ة": "", "ء": "", "ع": "",
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "C", "ح": "h", "خ": "h",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "j", "س": "s", "ش": "S", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "غ": "k", "ف": "f", "ق": "k", "ک": "k", "ك": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "w", "ؤ": "w", "ه": "h", "ە": "h",
    "ی": "y", "ي": "y", "ئ": "y", "ې": "y",
}  # fmt: skip
_LATIN_RULES = [
    ("dzh", "j"), ("tch", "C"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "k"),
    ("ch", "C"), ("sh", "S"), ("th", "s"), ("dh", "z"), ("ph", "f"), ("ck", "k"),
    ("q", "k"), ("c", "k"), ("x", "ks"), ("w", "v"),
]  # fmt: skip
_RUN = re.compile(r"[aeiouy]+|[^aeiouy]")
_LONG_I = frozenset({"ee", "ei", "ey", "ai", "ay", "ie", "ii", "iy", "aei", "aee", "aie", "eyi"})
_LONG_U = frozenset({"ou", "oo", "uu", "ow"})
SKIP_AMBIGUOUS = 0.15
SKIP_SCRIPT = {"A": 0.5}  # an alif often has no Latin letter of its own ('Abdullah' / عبدالله)
NEAR = frozenset({frozenset("kg"), frozenset("td"), frozenset("sz"), frozenset("jg")})


def abjad_form(text: str) -> tuple[str, ...]:
    """The consonant-and-long-vowel skeleton of each word of an Arabic-script name."""
    words: list[str] = []
    for raw in re.split(r"[\s\-‌_]+", text):
        symbols = []
        for char in raw:
            if char in _LETTERS:
                symbols.append(_LETTERS[char])
            elif char.isalpha():
                symbols.append(anyascii(char).lower()[:1])
        word = "".join(symbols)
        if len(word) > 1 and word.endswith("h") and raw.endswith(("ه", "ة")):
            word = word[:-1]
        if word:
            words.append(word)
    return tuple(words)


def _latin_units(word: str) -> list[tuple[str, str]]:
    """A Latin word as units of (kind, letter).

    Kinds: 'c' consonant, 's' short vowel, 'a' an i or u that may be short or
    long, 'l' a long vowel.
    """
    text = word.lower()
    for old, new in _LATIN_RULES:
        text = text.replace(old, new)
    text = re.sub(r"([^aeiouy])\1+", r"\1", text)
    units: list[tuple[str, str]] = []
    for piece in _RUN.findall(text):
        if piece[0] not in "aeiouy":
            units.append(("c", piece))
        elif piece == "y":
            units.append(("c", "y"))
        elif piece in _LONG_I:
            units.append(("l", "y"))
        elif piece in _LONG_U:
            units.append(("l", "w"))
        elif piece in ("i", "u"):
            units.append(("a", "y" if piece == "i" else "w"))
        elif len(piece) == 1 or set(piece) == {"a"}:
            units.append(("s", piece[0]))
        else:
            for char in piece:
                if char == "y":
                    units.append(("c", "y"))
                elif char in "iu":
                    units.append(("a", "y" if char == "i" else "w"))
                else:
                    units.append(("s", char))
    if len(units) > 1 and units[-1] == ("c", "h") and units[-2][0] != "c":
        units.pop()
    return units


def _match_cost(symbol: str, unit: tuple[str, str]) -> float | None:
    kind, value = unit
    if symbol == "A":
        return None if kind == "c" else 0.0
    if symbol == "y":
        if value == "y" or (kind == "s" and value == "e"):
            return 0.0 if value == "y" else 0.3
        return None
    if symbol == "w":
        if value in ("w", "v") or (kind == "s" and value == "o"):
            return 0.0 if value in ("w", "v") else 0.3
        return None
    if kind != "c":
        return None
    if value == symbol:
        return 0.0
    if frozenset((value, symbol)) in NEAR:
        return 0.6
    return 1.0


def _skip_latin(unit: tuple[str, str]) -> float:
    kind = unit[0]
    return {"s": 0.0, "a": SKIP_AMBIGUOUS, "l": 1.0, "c": 1.0}[kind]


@lru_cache(maxsize=100_000)
def abjad_cost(script_word: str, latin_word: str) -> float:
    """The edit cost of reading `latin_word` as the abjad skeleton `script_word`."""
    units = _latin_units(latin_word)
    rows, cols = len(script_word), len(units)
    previous = [0.0] * (cols + 1)
    for j in range(1, cols + 1):
        previous[j] = previous[j - 1] + _skip_latin(units[j - 1])
    for i in range(1, rows + 1):
        symbol = script_word[i - 1]
        # A letter written twice ('ال' + 'له' in 'عبدالله') may meet one Latin letter.
        skip = 0.0 if i > 1 and script_word[i - 2] == symbol else SKIP_SCRIPT.get(symbol, 1.0)
        current = [previous[0] + skip] + [0.0] * cols
        for j in range(1, cols + 1):
            best = min(previous[j] + skip, current[j - 1] + _skip_latin(units[j - 1]))
            cost = _match_cost(symbol, units[j - 1])
            if (
                cost is None
                and i == rows
                and j == cols
                and symbol == "y"
                and units[-1] == ("s", "a")
            ):
                cost = 0.0  # a final ی read 'a': مجتبی Mojtaba, مصطفی Mostafa
            if cost is not None:
                best = min(best, previous[j - 1] + cost)
            current[j] = best
        previous = current
    return previous[cols]


def abjad_similarity(script_word: str, latin_word: str) -> float:
    """1.0 when the Latin word spells the skeleton exactly; less per edit, per letter."""
    return max(0.0, 1.0 - abjad_cost(script_word, latin_word) / max(1, len(script_word)))

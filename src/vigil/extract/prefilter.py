"""Skip a regular expression on a text it cannot match, cheaply and exactly.

Most cue patterns (events, legal names, earlier appeals, demands) match in few
sentences, yet Python's `re` tries every alternative at every position of every
sentence. `required(pattern)` reads a pattern's syntax tree once for the literal
strings a match must contain (one of them at least): `\\b(?:was|were) arrested`
needs "arrested"; an alternation needs one of each branch's. `may_match` then asks
whether any is there (a substring search, or an Aho-Corasick automaton for several),
on the text folded as `re` folds case under IGNORECASE (`fold_case`), and only then
is the pattern run. For many patterns at once, `Literals` finds every literal of all
of them in one pass and lists the patterns that may match (`candidates`).

The test is a necessary condition, never a guess: a pattern it cannot read
(a branch with no literal, a lookaround, an optional part only) has no requirement
and always runs, and a literal that must match in another case or script (the
Turkish dotless i, the long s, the Kelvin sign) folds to the same key as its
partner. So results are the same as running every pattern; only time changes.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # no stub: re's own simple lower-casing
import re
import re._casefix as _casefix  # type: ignore[import-not-found]  # no stub: re's own case-fold table
import re._parser as _parser  # type: ignore[import-not-found]  # no stub: re's own parser
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import ahocorasick

_EXTRA: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
"""Code points `re` treats as one letter beyond simple lower-casing (i and dotless i, ...)."""


def _key(code: int) -> int:
    """One key per class of characters `re` matches as the same letter under IGNORECASE."""
    lower = int(_sre.unicode_tolower(code))
    return min((lower, *_EXTRA.get(lower, ())))


class _Fold(dict[int, int]):
    """A `str.translate` table that folds each character on first sight."""

    def __missing__(self, code: int) -> int:
        self[code] = key = _key(code)
        return key


_FOLD = _Fold()


def fold_case(text: str) -> str:
    """`text` with every character replaced by its case key (same length and offsets)."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1024)
def fold_line(text: str) -> str:
    """`fold_case` of a short text (a line, a sentence) that several patterns ask about."""
    return fold_case(text)


def search(pattern: re.Pattern[str], text: str, folded: str | None = None) -> re.Match[str] | None:
    """`pattern.search(text)`, skipped when a literal it needs is not in `text`."""
    need = required(pattern)
    if need is not None and not need.found(fold_line(text) if folded is None else folded):
        return None
    return pattern.search(text)


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: the one whose shortest string is longest."""
    if not candidates:
        return None
    if any(not c for c in candidates):
        return frozenset()
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def _sequence(items: Any) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _parser.LITERAL:
            run.append(chr(_key(av)))
            continue
        close()
        found = _element(op, av)
        if found is not None:
            candidates.append(found)
    close()
    return _best(candidates)


def _element(op: Any, av: Any) -> frozenset[str] | None:
    if op is _parser.SUBPATTERN:
        return _sequence(av[-1])
    if op is _parser.ATOMIC_GROUP:
        return _sequence(av)
    if op is _parser.BRANCH:
        branches = [_sequence(b) for b in av[1]]
        if any(b is None for b in branches):
            return None
        return frozenset(s for b in branches if b is not None for s in b)
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(body) if low >= 1 else None
    return None  # classes, anchors, lookarounds, back-references: no literal required


_LITERALS: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}
_REQUIRED: dict[int, tuple[re.Pattern[str], Required]] = {}
"""Each pattern's literals and requirement, keyed by the pattern's identity: a
pattern's own hash reads its whole compiled code on every call (16 us for a long
alternation), which a lookup per sentence would pay again and again. The pattern
is kept in the value, so its id is never reused while the entry lives."""


def _literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    found = _LITERALS.get(id(pattern))
    if found is None or found[0] is not pattern:
        found = _LITERALS[id(pattern)] = (pattern, _read_literals(pattern))
    return found[1]


def _read_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern re compiled always parses; be safe all the same
        return None
    found = _sequence(tree)
    if found is not None and any(not s for s in found):
        return None
    return found


class Needle:
    """A search for any of some folded literal strings: plain substring search for
    one, an Aho-Corasick automaton (all of them in one pass, in C) for several."""

    __slots__ = ("_automaton", "_only")

    def __init__(self, literals: Iterable[str]) -> None:
        words = sorted(set(literals))
        self._only = words[0] if len(words) == 1 else None
        self._automaton = _automaton(words) if len(words) > 1 else None

    def found(self, folded: str) -> bool:
        """Whether one of the literals occurs in `folded`."""
        if self._only is not None:
            return self._only in folded
        if self._automaton is None:
            return False  # no literal at all: nothing can match
        for _ in self._automaton.iter(folded):
            return True
        return False


def _automaton(words: list[str]) -> Any:
    """An Aho-Corasick automaton of non-empty `words`, each its own value."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


Required = Needle | None
"""A plain search for the folded strings a match contains one of; `None`: unknown."""


def _needle(literals: frozenset[str]) -> Needle:
    return Needle(literals)


def required(pattern: re.Pattern[str]) -> Required:
    """A search for what a match of `pattern` must contain (`None`: unknown, always run)."""
    found = _REQUIRED.get(id(pattern))
    if found is None or found[0] is not pattern:
        literals = _literals(pattern)
        found = _REQUIRED[id(pattern)] = (pattern, None if literals is None else _needle(literals))
    return found[1]


def union(patterns: list[re.Pattern[str]]) -> Required:
    """What a match of any of `patterns` must contain (`None` when one has no requirement)."""
    out: set[str] = set()
    for p in patterns:
        found = _literals(p)
        if found is None:
            return None
        out |= found
    return _needle(frozenset(out))


def may_match(need: Required, folded: str) -> bool:
    """Whether a pattern with requirement `need` can match a text folded to `folded`."""
    return need is None or need.found(folded)


class Literals:
    """Which of many patterns' required literals a folded text holds, in one scan
    (an Aho-Corasick automaton reports every occurrence, overlapping ones too),
    and so which of the patterns may match (`candidates`), with no search each."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        by_word: dict[str, list[int]] = {}
        always: list[int] = []
        for i, p in enumerate(patterns):
            found = _literals(p)
            if found is None:
                always.append(i)
            for word in found or ():
                by_word.setdefault(word, []).append(i)
        self._always = frozenset(always)
        self._automaton: Any = None
        if by_word:
            self._automaton = ahocorasick.Automaton()
            for word, indices in by_word.items():
                self._automaton.add_word(word, (word, tuple(indices)))
            self._automaton.make_automaton()

    def candidates(self, folded: str) -> list[int]:
        """The positions (in the list given) of the patterns that may match `folded`,
        in order: those with no requirement, and those one of whose literals occurs."""
        found = set(self._always)
        if self._automaton is not None:
            for _, (_, indices) in self._automaton.iter(folded):
                found.update(indices)
        return sorted(found)


class Substrings:
    """Which of many plain strings occur in a text, from one pass: the positions (in the
    list given) of those `word in text` holds for, in order."""

    def __init__(self, words: list[str]) -> None:
        by_word: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            by_word.setdefault(word, []).append(i)
        self._empty = tuple(by_word.pop("", ()))  # the empty string is in every text
        self._automaton: Any = None
        if by_word:
            self._automaton = ahocorasick.Automaton()
            for word, indices in by_word.items():
                self._automaton.add_word(word, tuple(indices))
            self._automaton.make_automaton()

    def occurring(self, text: str) -> list[int]:
        found = set(self._empty)
        if self._automaton is not None:
            for _, indices in self._automaton.iter(text):
                found.update(indices)
        return sorted(found)

"""Skip a regular expression on a text it cannot match, cheaply and exactly.

Most cue patterns (events, legal names, earlier appeals, demands) match in few
sentences, yet Python's `re` tries every alternative at every position of every
sentence. `required(pattern)` reads a pattern's syntax tree once for the literal
strings a match must contain (one of them at least): `\\b(?:was|were) arrested`
needs "arrested"; an alternation needs one of each branch's. `may_match` then asks
plain substring search whether any is there, on the text folded as `re` folds case
under IGNORECASE (`fold_case`), and only then is the pattern run.

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
from functools import cache, lru_cache
from typing import Any

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
    if need is not None and need.search(fold_line(text) if folded is None else folded) is None:
        return None
    return pattern.search(text)


Required = re.Pattern[str] | None
"""A plain search for the folded strings a match contains one of; `None`: unknown."""


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


@cache
def _literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern re compiled always parses; be safe all the same
        return None
    found = _sequence(tree)
    if found is not None and any(not s for s in found):
        return None
    return found


def _needle(literals: frozenset[str]) -> re.Pattern[str]:
    """One search for any of `literals` in a folded text (a literal that contains
    another is dropped: the shorter is there whenever the longer is)."""
    kept = sorted(literals, key=len)
    shortest: list[str] = []
    for lit in kept:
        if not any(s in lit for s in shortest):
            shortest.append(lit)
    return re.compile(_trie(sorted(shortest)) if shortest else "(?!)")


def _trie(words: list[str]) -> str:
    """An alternation of sorted, non-empty `words` with shared prefixes factored out
    (`re` tries an alternation's branches one by one at every position)."""
    if len(words) == 1:
        return re.escape(words[0])
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    branches = []
    for first, rests in groups.items():
        if "" in rests:  # a word ends here: enough for a match, the longer ones add nothing
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + _trie(rests))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def required(pattern: re.Pattern[str]) -> Required:
    """A search for what a match of `pattern` must contain (`None`: unknown, always run)."""
    found = _literals(pattern)
    return None if found is None else _needle(found)


def union(patterns: list[re.Pattern[str]]) -> Required:
    """What a match of any of `patterns` must contain (an alternation of them)."""
    found = needs(patterns)
    return None if found is None else _needle(found)


def may_match(need: Required, folded: str) -> bool:
    """Whether a pattern with requirement `need` can match a text folded to `folded`."""
    return need is None or need.search(folded) is not None


def _longest_trie(words: list[str]) -> str:
    """An alternation of sorted, non-empty `words` that matches the longest of them
    at a position (shared prefixes factored out; a word that goes on is tried first)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    branches = []
    for first, rests in groups.items():
        longer = [r for r in rests if r]
        if not longer:
            branches.append(re.escape(first))
        elif len(longer) < len(rests):  # a word ends here and others go on: the longer first
            branches.append(re.escape(first) + "(?:" + _longest_trie(longer) + ")?")
        else:
            branches.append(re.escape(first) + _longest_trie(longer))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class Literals:
    """Which of many patterns' required literals a folded text holds, in one scan:
    then each pattern is asked about with a set, not a search (`holds`)."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        words: set[str] = set()
        for p in patterns:
            words |= _literals(p) or frozenset()
        ordered = sorted(words)
        self._scan = re.compile(f"(?=({_longest_trie(ordered)}))" if ordered else "(?!)")
        # the longest literal found at a position, with the literals it starts with
        self._with_prefixes = {w: frozenset(v for v in ordered if w.startswith(v)) for w in ordered}

    def present(self, folded: str) -> frozenset[str]:
        """Every literal of the patterns that occurs in `folded`."""
        found: set[str] = set()
        for m in self._scan.finditer(folded):
            found |= self._with_prefixes[m.group(1)]
        return frozenset(found)


Need = frozenset[str] | None
"""The folded literals a match must contain one of; `None`: unknown, always run."""


def need(pattern: re.Pattern[str]) -> Need:
    """What a match of `pattern` must contain (`None`: unknown)."""
    found: Need = _literals(pattern)
    return found


def needs(patterns: Iterable[re.Pattern[str]]) -> Need:
    """What a match of any of `patterns` must contain (`None` when one has no requirement)."""
    out: set[str] = set()
    for p in patterns:
        found = _literals(p)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def holds(need: Need, present: frozenset[str]) -> bool:
    """`may_match` for a text whose literals (of a `Literals` that read the patterns
    of `need`) are `present`: exactly when the requirement's search would succeed."""
    return need is None or not need.isdisjoint(present)

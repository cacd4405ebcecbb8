"""Where a name stands in a text as a whole word, by plain search.

`re.finditer(r"(?<![\\w-])NAME(?![\\w-])", text)` is tried at every position of the
text: a pattern that opens with a look-behind gives `re` no literal to jump to. The
stages ask it of every name they weigh, so `whole` finds the same occurrences (left
to right, not overlapping) with `str.find` and a look at the two characters around.
"""

from __future__ import annotations

import re


def _touches(c: str, hyphen: bool) -> bool:
    """Whether `c` joins a word: `re`'s `\\w` (a letter, digit or '_'), or a hyphen."""
    return c.isalnum() or c == "_" or (hyphen and c == "-")


def whole(text: str, name: str, hyphen: bool = True) -> list[tuple[int, int]]:
    """The spans where `name` occurs with no word character on either side (nor a
    hyphen, with `hyphen`): what `(?<![\\w-])name(?![\\w-])` finds (`(?<!\\w)name(?!\\w)`
    without `hyphen`)."""
    if not name:
        edge = r"[\w-]" if hyphen else r"\w"
        return [m.span() for m in re.finditer(rf"(?<!{edge})(?!{edge})", text)]
    out: list[tuple[int, int]] = []
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        free_before = at == 0 or not _touches(text[at - 1], hyphen)
        if free_before and (end == len(text) or not _touches(text[end], hyphen)):
            out.append((at, end))
            at = text.find(name, end)
        else:
            at = text.find(name, at + 1)
    return out

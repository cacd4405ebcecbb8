"""Stage: legal instruments and principles the text cites (vocabulary ids),
by name, abbreviation or article, in each language of `vocab/languages/`.

The patterns live in `vocab/legal_references.json`, named per instrument; a
suggestion's rule is `<id>.<name>` (`CAT.es_convencion_tortura`), stable
whatever the order of the file.

A person the entities stage named only inside an instrument's name (the 'Nelson
Mandela' of 'the Nelson Mandela Rules') is no person: it is dropped here, where the
instruments' names are matched.
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.context import Context, compiled, prov
from vigil.extract.prefilter import Literals
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "legal"


@cache
def _names() -> list[tuple[str, list[tuple[str, re.Pattern[str]]]]]:
    """Each instrument's named patterns, compiled (a name may be wrapped over two lines)."""
    return [
        (id_, [(name, compiled(p.replace(" ", r"\s+"))) for name, p in entry["patterns"].items()])
        for id_, entry in load("legal_references").items()
    ]


@cache
def _flat() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Every instrument's named patterns in order, the instruments in the vocabulary's."""
    return tuple((id_, name, found) for id_, named in _names() for name, found in named)


@cache
def _index() -> Literals:
    """The literals of every instrument's patterns (in `_flat`'s order), read in one scan."""
    return Literals([found for _, _, found in _flat()])


def run(ctx: Context) -> None:
    inside: list[tuple[int, int]] = []
    done: set[str] = set()
    flat = _flat()
    # only a pattern one of whose literals is in the text can match
    for i in _index().candidates(ctx.folded()):
        id_, name, found = flat[i]
        if id_ in done:
            continue
        matches = list(found.finditer(ctx.text))
        inside.extend(m.span() for m in matches)
        if matches:  # the first is the one `search` would find; an instrument is named once
            m = matches[0]
            ctx.result.legal_references.append(
                Value(id_, prov(NAME, f"{id_}.{name}", 0.8, (m.start(), m.end())))
            )
            done.add(id_)
    if inside:
        persons = ctx.result.persons
        ctx.result.persons = [p for p in persons if not _only_inside(ctx.text, p.value, inside)]


def _only_inside(text: str, name: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every place `text` writes `name` lies inside one of `spans`."""
    found = [m.span() for m in re.finditer(re.escape(name), text)]
    return bool(found) and all(any(s <= a and b <= e for s, e in spans) for a, b in found)

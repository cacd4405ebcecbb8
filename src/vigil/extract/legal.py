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

from vigil.extract.context import Context, compiled, prov
from vigil.extract.prefilter import may_match, required
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "legal"


def run(ctx: Context) -> None:
    inside: list[tuple[int, int]] = []
    folded = ctx.folded()
    for id_, entry in load("legal_references").items():
        for name, pattern in entry["patterns"].items():
            # a name may be wrapped over two lines
            found = compiled(pattern.replace(" ", r"\s+"))
            if not may_match(required(found), folded):
                continue  # a literal the name needs is not in the text
            matches = list(found.finditer(ctx.text))
            inside.extend(m.span() for m in matches)
            if matches:  # the first is the one `search` would find
                m = matches[0]
                ctx.result.legal_references.append(
                    Value(id_, prov(NAME, f"{id_}.{name}", 0.8, (m.start(), m.end())))
                )
                break
    if inside:
        persons = ctx.result.persons
        ctx.result.persons = [p for p in persons if not _only_inside(ctx.text, p.value, inside)]


def _only_inside(text: str, name: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every place `text` writes `name` lies inside one of `spans`."""
    found = [m.span() for m in re.finditer(re.escape(name), text)]
    return bool(found) and all(any(s <= a and b <= e for s, e in spans) for a, b in found)

"""Stage: legal instruments and principles the text cites (vocabulary ids),
by name, abbreviation or article, in English and French."""

from __future__ import annotations

from vigil.extract.context import Context, compiled, prov
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "legal"


def run(ctx: Context) -> None:
    for id_, entry in load("legal_references").items():
        for i, pattern in enumerate(entry["patterns"]):
            # a name may be wrapped over two lines
            m = compiled(pattern.replace(" ", r"\s+")).search(ctx.text)
            if m:
                ctx.result.legal_references.append(
                    Value(id_, prov(NAME, f"{id_}:{i}", 0.8, (m.start(), m.end())))
                )
                break

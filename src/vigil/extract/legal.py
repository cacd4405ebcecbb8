"""Stage: legal instruments and principles the text cites (vocabulary ids),
by name, abbreviation or article, in each language of `vocab/languages/`.

The patterns live in `vocab/legal_references.json`, named per instrument; a
suggestion's rule is `<id>.<name>` (`CAT.es_convencion_tortura`), stable
whatever the order of the file.
"""

from __future__ import annotations

from vigil.extract.context import Context, compiled, prov
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "legal"


def run(ctx: Context) -> None:
    for id_, entry in load("legal_references").items():
        for name, pattern in entry["patterns"].items():
            # a name may be wrapped over two lines
            m = compiled(pattern.replace(" ", r"\s+")).search(ctx.text)
            if m:
                ctx.result.legal_references.append(
                    Value(id_, prov(NAME, f"{id_}.{name}", 0.8, (m.start(), m.end())))
                )
                break

# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: what the text asks for (vocabulary ids).

Only sentences that ask ('we urge', 'we call on', 'please issue',
'nous demandons', '... must release') are read; the demand types are the
patterns of `vocab/demand_types.json` found in them.
"""

from __future__ import annotations

import re

from vigil.extract.context import Context, compiled, prov
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "demands"


def run(ctx: Context) -> None:
    data = load("demand_types")
    cues = [compiled(p, re.I | re.M) for p in data["ask_cues"]]
    found: dict[str, Value] = {}
    for start, end in ctx.sentence_spans():
        sentence = ctx.text[start:end]
        cue = next((c.search(sentence) for c in cues if c.search(sentence)), None)
        if cue is None:
            continue
        tail = sentence[cue.start():]
        for id_, entry in data["types"].items():
            if id_ in found:
                continue
            for i, pattern in enumerate(entry["patterns"]):
                m = compiled(pattern, re.I).search(tail)
                if m:
                    s = start + cue.start() + m.start()
                    found[id_] = Value(id_, prov(NAME, f"{id_}:{i}", 0.7, (start, end), (s, s + len(m.group(0)))))
                    break
    ctx.result.demands.extend(found.values())

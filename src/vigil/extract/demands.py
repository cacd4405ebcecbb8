# The list markers are matched as written: en dashes and bullets are intended.
# ruff: noqa: RUF001
"""Stage: what the text asks for (vocabulary ids).

Only sentences that ask ('we urge', 'we call on', 'please issue',
'nous demandons', 'exigimos', '... must release') are read; the demand types
are the patterns of each language file's `demands` section
(`vocab/languages/<code>.json`) found after the asking cue. A suggestion's
rule is the pattern's `Rule.id` (`fr.demands.release.liberer`).
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.context import Context, prov
from vigil.extract.prefilter import Literals
from vigil.extract.types import Value
from vigil.vocab import languages, load
from vigil.vocab.languages import Rule

NAME = "demands"


def ask_cues(language: str | None) -> tuple[Rule, ...]:
    """The asking cues to read a text in `language` with (its own first)."""
    return tuple(r for cue in languages.for_text(language) for r in cue.patterns("ask_cues"))


@cache
def _index(language: str | None) -> tuple[Literals, Literals]:
    """The literals of the asking cues and of the demand types' rules, in the order of
    `ask_cues` and `_flat_rules` (`prefilter`)."""
    rules = [rule.pattern for _, rule in _flat_rules(language)]
    return Literals([c.pattern for c in ask_cues(language)]), Literals(rules)


@cache
def _flat_rules(language: str | None) -> tuple[tuple[str, Rule], ...]:
    """Each demand type's rules in order, the types in the vocabulary's order."""
    return tuple((id_, rule) for id_, rules in _demand_rules(language).items() for rule in rules)


def _demand_rules(language: str | None) -> dict[str, tuple[Rule, ...]]:
    order = [c.code for c in languages.for_text(language)]
    return {id_: languages.rules("demands", id_, order) for id_ in load("demand_types")["types"]}


# an asking sentence that opens a list ('We ask you:', 'Solicitamos: 1.'): the
# items below it ask too, up to the first paragraph that is no list item
_OPENS_LIST = re.compile(r":[ \t]*(?:\n|$)|:\s*(?:\(?\d{1,2}[.)]|\(?[a-z]\)|[-–•*·▪])")
_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z]\)|[-–•*·▪]|[IVX]{1,4}\.)")


def _list_end(text: str, at: int) -> int:
    """Where the list that starts at `at` ends: the first blank line that is
    followed by a line which is no list item (at most 2,000 characters on),
    except one right after an opening line that ends in a colon."""
    limit = min(len(text), at + 2000)
    opened = text[:at].rstrip().endswith(":")
    for gap in re.finditer(r"\n[ \t]*\n\s*", text[at:limit]):
        nxt = text[at + gap.end() : at + gap.end() + 40]
        if not _ITEM.match(nxt) and (gap.start() > 0 or not opened):
            return at + gap.start()
    return limit


def run(ctx: Context) -> None:
    language = ctx.result.language.value if ctx.result.language else None
    cues = ask_cues(language)
    rules = _flat_rules(language)
    found: dict[str, Value] = {}
    list_end = -1
    folded = ctx.folded()
    cue_index, type_index = _index(language)
    for start, end in ctx.sentence_spans():
        sentence = ctx.text[start:end]
        # the earliest asking cue: what the sentence asks starts there
        asking = cue_index.candidates(folded[start:end])
        cue = min(
            (m for m in (cues[i].pattern.search(sentence) for i in asking) if m),
            key=lambda m: m.start(),
            default=None,
        )
        if cue is not None and _OPENS_LIST.search(sentence[cue.end() :]):
            list_end = _list_end(ctx.text, end)
        if start + len(sentence) - len(sentence.lstrip()) < list_end:
            cue = re.match("", sentence)  # an item of an asking list is read whole
        if cue is None:
            continue
        tail = sentence[cue.start() :]
        # each type's first rule that matches what is asked (only rules one of whose
        # literals is in it can)
        for i in type_index.candidates(folded[start + cue.start() : end]):
            id_, rule = rules[i]
            if id_ in found:
                continue
            m = rule.pattern.search(tail)
            if m:
                s = start + cue.start() + m.start()
                where = ((start, end), (s, s + len(m.group(0))))
                found[id_] = Value(id_, prov(NAME, rule.id, 0.7, *where))
    ctx.result.demands.extend(found.values())

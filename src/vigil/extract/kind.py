# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: what kind of document this is (letter, open_letter, petition,
press_release, news_article, report, other)."""

from __future__ import annotations

import re
from functools import cache

from vigil.extract import prefilter
from vigil.extract.context import Context, prov
from vigil.extract.types import Value
from vigil.vocab import languages

NAME = "kind"

_OPEN = re.compile(r"(?i)\bopen letter\b|\blettre ouverte\b|\bcarta abierta\b|\boffener brief\b|\blettera aperta\b|\bpublic letter\b")
_PETITION = re.compile(r"(?i)\bpetition\b|\bpétition\b|\badd your (?:name|signature)\b|\bsign (?:the|this|our) (?:petition|letter|appeal)\b|\bsignez\b|\bfirma (?:la|esta)\b")
_ALERT = re.compile(r"(?i)\b(?:urgent action|take action|action alert|sample letter|model letter|write (?:a letter|to)\b[^.]{0,40}\bnow|please write)\b")
_PRESS = re.compile(r"(?i)\b(?:press release|statement|for immediate release|spokesperson|communiqué|déclaration|###|press secretary|comunicado|said|stated|announced|denounces?|condemns?|dénonce|condamne|we demand|the demand is|nous exigeons|nous demandons)\b")
# a title naming the text a letter, not one reported ('Solidarity Letter', not 'X sends letter to Y')
_LETTER_TITLE = re.compile(r"(?i)\b(?:letter|lettre|carta|brief|lettera)\b(?!\s+(?:to|à|a)\b)")
_REPORTING_TITLE = re.compile(r"(?i)\b(?:sends?|sent|writes?|wrote|leads?|led|urges?|calls?|signs?|joins?|envoie|écrit|in a)\b")
_NEWS = re.compile(r"(?m)^By\s+[A-Z][a-z]+\s+[A-Z][a-z]+\s*$|\((?:Reuters|AP|AFP)\)")
_REPORT = re.compile(r"(?i)\b(?:executive summary|table of contents|recommendations|methodology|views adopted|the committee (?:considers|finds)|decision)\b")


_SIGNING = re.compile(r"(?i)\bsign(?:ing)? (?:the|this|our|now|here)\b|\bsignator(?:y|ies)\b|\bsignatures?\b|\bsigned by\b|\bsignataires?\b")
"""A petition's own call to sign or its list of signers ('he signed a petition' is neither)."""


_NAMED_BY_ITSELF = frozenset({"letter_title_without_salutation"})
"""Cue rules that read what the document calls itself; they stand over the kind model."""

LEARNED_FLOOR = 0.5
"""Below this probability the kind model's answer yields to the cue rules."""

LETTER_KINDS = frozenset({"letter", "open_letter", "petition"})

_LETTER_STRUCTURE = frozenset({"letter_structure", "petition_words", "open_letter_words"})
LETTER_STRUCTURE_FLOOR = 0.8
"""A letter's own structure (salutation and closing around the body) stands over a
kind model less sure than this that the text is not a letter."""


def run(ctx: Context) -> None:
    from vigil.extract.zones import kinds

    res = ctx.result
    title = res.title.value if res.title else ""
    folded = ctx.folded()
    learned = kinds.classify(ctx.text, title, ctx.tagged, ctx.doc.format, folded) if ctx.tagged else None
    _run_rules(ctx)
    named = res.kind is not None and res.kind.prov.rule in _NAMED_BY_ITSELF
    structured = (
        res.kind is not None and res.kind.value in LETTER_KINDS and res.kind.prov.rule in _LETTER_STRUCTURE
        and res.salutation is not None and res.closing is not None
    )
    if structured and learned is not None and learned[0] not in LETTER_KINDS and learned[1] < LETTER_STRUCTURE_FLOOR:
        learned = None  # a salutation, a body and a closing: a letter, unless the model is sure
    if learned is not None and learned[1] >= LEARNED_FLOOR and not named:
        kind, confidence = learned
        res.kind = Value(kind, prov(NAME, "zone_kind_model", round(confidence, 3)))
    top = self_named(title, [z.line.text for z in ctx.tagged[:TOP_LINES]])
    if top is not None:
        res.kind = Value(top, prov(NAME, f"{top}_at_top", 0.8))
    elif journalism(ctx.text, folded):
        res.kind = Value("news_article", prov(NAME, "journalism_conventions", 0.7))
    elif reports_itself(title, [z.line.text for z in ctx.tagged[:HEAD_LINES]]):
        res.kind = Value("report", prov(NAME, "report_heading", 0.7))
    _apply_reading_rules(ctx)


TOP_LINES = 3
"""How many first lines a text names itself in ('OPEN LETTER', 'Petition to: ...')."""


def self_named(title: str, top: list[str]) -> str | None:
    """What the text calls itself in its title or first lines: a petition when they carry a
    petition's own cues (a call to sign, a signature count, 'Petition to:'), an open letter
    when they call it one. Such a heading stands over the kind model, which weighs it with
    every other feature and can let a letter's layout outvote it. A line that reports a
    letter before naming it ('Unions send open letter to the minister') names another
    text, not this one ('Open letter: unions urge the minister' is this one)."""
    lines = [line for line in (title, *top) if line]
    if any(rule.pattern.search(line) for line in lines for rule in languages.rules("kind_cues", "petition")):
        return "petition"
    for line in lines:
        for rule in languages.rules("kind_cues", "open_letter"):
            m = rule.pattern.search(line)
            if m and not _REPORTING_TITLE.search(line[: m.start()]):
                return "open_letter"
    return None


def journalism(text: str, folded: str | None = None) -> bool:
    """Whether the text keeps a newsroom's conventions (the `news_article` kind cues: a
    request for comment left unanswered, a wire credit, a 'Published ... Updated' line, a
    dateline with the agency's name): journalism, whatever letters it quotes. A statement
    or a release does not report its own publication. `folded`: the text's `fold_case`."""
    return _on_some_line(text, "news_article", folded)


@cache
def _cues(kind: str) -> tuple[tuple[languages.Rule, ...], prefilter.Literals]:
    """A kind's cues, with their literals for one scan."""
    rules = languages.rules("kind_cues", kind)
    return rules, prefilter.Literals([rule.pattern for rule in rules])


def _on_some_line(text: str, kind: str, folded: str | None = None) -> bool:
    """Whether a cue of `kind` matches one of the text's lines. The cues are line patterns
    ('^\\W*Published …'); asked line by line, a run of blank lines costs linear time,
    where one search over the whole text retries every line start of the run."""
    rules, index = _cues(kind)
    found = index.candidates(prefilter.fold_case(text) if folded is None else folded)
    candidates = [rules[i] for i in found]
    return bool(candidates) and any(rule.pattern.search(line) for line in text.splitlines() for rule in candidates)


HEAD_LINES = 12
"""How many first lines a report's heading (its name, number and period) stands in."""


def reports_itself(title: str, head: list[str]) -> bool:
    """Whether the heading names the text a report (the `report` kind cues: 'Half-yearly
    report', 'Monitoring Report No. 27', 'Period covered', an adopted opinion, a numbered
    'Recommendations' section): a report, whatever it asks or whom it addresses."""
    return _on_some_line("\n".join([title, *head]), "report")


def _apply_reading_rules(ctx: Context) -> None:
    """What each kind carries (the GUIDE): only letters have addressees and copies; a news
    article or an alert has no senders either; a press release is signed by its issuer."""
    res = ctx.result
    kind = res.kind.value if res.kind else "other"
    if kind in LETTER_KINDS:
        return
    res.addressees.clear()
    res.copies_to.clear()
    if kind in ("news_article", "other"):
        res.senders.clear()


def _petition_cues(text: str) -> bool:
    """Whether a language file's petition cues ('N have signed', 'Jetzt unterschreiben') occur."""
    return any(rule.pattern.search(text) for rule in languages.rules("kind_cues", "petition"))


def _run_rules(ctx: Context) -> None:
    res = ctx.result
    head = (res.title.value if res.title else "") + "\n" + ctx.text[ctx.body_start: ctx.body_start + 1500]
    letter_like = ctx.letter_start >= 0 and (res.salutation is not None or res.closing is not None or bool(res.senders))
    intro = max(0, ctx.letter_start - ctx.body_start)
    length = max(1, len(ctx.text) - ctx.body_start)
    kind, rule, conf = "other", "default", 0.3
    if letter_like and _ALERT.search(ctx.text[ctx.body_start: max(ctx.letter_start, ctx.body_start)]):
        kind, rule, conf = "other", "alert_with_sample_letter", 0.6
    elif letter_like and intro / length <= 0.5:
        kind, rule, conf = "letter", "letter_structure", 0.8
        tail = ctx.text[-1500:]
        title = res.title.value if res.title else ""
        if _PETITION.search(title) or any(_PETITION.search(t) and _SIGNING.search(t) for t in (head, tail)):
            kind, rule = "petition", "petition_words"
        elif _OPEN.search(head):
            kind, rule = "open_letter", "open_letter_words"
    elif _petition_cues(head) and not letter_like:
        kind, rule, conf = "petition", "petition_cues", 0.5
    elif _OPEN.search(head) and not letter_like:
        kind, rule, conf = "open_letter", "open_letter_words", 0.6
    elif res.title and _LETTER_TITLE.search(res.title.value) and not _REPORTING_TITLE.search(res.title.value):
        kind, rule, conf = "open_letter", "letter_title_without_salutation", 0.5
    elif _NEWS.search(head):
        kind, rule, conf = "news_article", "byline", 0.6
    elif len(ctx.text) > 30000 and _REPORT.search(ctx.text):
        kind, rule, conf = "report", "long_analysis", 0.5
    elif _PRESS.search(head) or _PRESS.search(ctx.text) or res.senders:
        kind, rule, conf = "press_release", "statement_words", 0.6
    res.kind = Value(kind, prov(NAME, rule, conf))

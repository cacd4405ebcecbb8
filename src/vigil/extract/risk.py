# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Stage: on whose behalf the text speaks — named persons at risk (subjects
of detention, arrest, threats, trials ... and not dead) and unnamed groups."""

from __future__ import annotations

import re
from functools import cache

from vigil.extract import capitalised
from vigil.extract.context import Context, prov
from vigil.extract.demands import ask_cues
from vigil.extract.events import DOC_SUBJECT
from vigil.extract.names import family_namesake, fold, same_person
from vigil.extract.occurrences import whole
from vigil.extract.parties import office_holder
from vigil.extract.types import Value
from vigil.model import Span
from vigil.resolve.decide import match
from vigil.resolve.model import Decision, Mention
from vigil.vocab.event_semantics import semantics

NAME = "risk"

# the objects of a call for release: 'the release of A, B and C', 'free A',
# 'A's release', 'A must be released', 'la libération de A'
_RELEASE_OF = re.compile(
    r"(?i)\b(?:release|freedom|libération|liberté)\s+(?:of|de|d['’]|du|des)\s+|\b(?:free|freeing|libérer|release|releasing)\s+(?=[A-Z])"
)
_RELEASED = re.compile(r"(?i)^(?:['’]s)?\s+(?:(?:immediate|unconditional|safe|swift)\s+(?:and\s+\w+\s+)?)?release\b|^\s*(?:must|should|to) be (?:immediately |unconditionally )?(?:released|freed)\b")
_RELEASE_WORD = re.compile(r"(?i)\b(?:releas|free|libér)")
_LIST = re.compile(r"(?:[A-Z‘'][\w'’.-]*|the|and|et|of|de|al|el|bin|[,\s]|wrongfully detained|detained|American|journalist|activist|citizens?|nationals?)+")


def _release_objects(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentence that name whom it asks to free."""
    out = []
    sentence = text[start:end]
    for m in _RELEASE_OF.finditer(sentence):
        tail = _LIST.match(sentence, m.end())
        if tail:
            out.append((start + m.end(), start + tail.end()))
    return out


def run(ctx: Context) -> None:
    res = ctx.result
    dead = {
        s for e in res.events if semantics(e.type).fatal and e.modality == "asserted" for s in e.subjects
    }
    # people the text reports freed are no longer spoken for, unless it also
    # reports other harm done to them (a trial, threats, a travel ban)
    freed = {
        s for e in res.events
        if semantics(e.type).frees and e.modality == "asserted" and not e.prov.rule.endswith(DOC_SUBJECT)
        for s in e.subjects
    }
    dead |= {
        s for s in freed
        if not any(
            semantics(e.type).puts_at_risk and not semantics(e.type).ended_by_release and s in e.subjects
            for e in res.events
        )
    }
    actors = {a for e in res.events for a in e.actors}
    actors |= {p.name for p in [*res.senders, *res.copies_to] if p.kind != "family"}
    actors |= {p.to for p in res.prior_interventions}
    actors |= {p.value for p in res.persons if office_holder(ctx.text, p.value)}
    addressees = [p.name for p in res.addressees]
    named: list[Value] = []
    groups: list[Value] = []
    for e in res.events:
        if not semantics(e.type).puts_at_risk or e.modality == "denied" or e.prov.rule.endswith(DOC_SUBJECT):
            continue
        for subject in e.subjects:
            is_person = any(p.value == subject for p in res.persons)
            if not is_person:
                if not any(g.value == subject for g in groups):
                    groups.append(Value(subject, prov(NAME, f"group_subject:{e.type}", 0.4, *((s.start, s.end) for s in e.prov.spans[:1]))))
                continue
            if subject in dead or any(same_person(subject, a) for a in [*actors, *addressees]):
                continue
            if not any(same_person(subject, v.value) for v in named):
                named.append(Value(subject, prov(NAME, f"event_subject:{e.type}", 0.6, *((s.start, s.end) for s in e.prov.spans[:1]))))
    # every sentence that asks for someone's release, not only the first
    asks = [r.pattern for r in ask_cues(res.language.value if res.language else None)]
    release_spans = [
        (s, e) for s, e in ctx.sentence_spans()
        if _RELEASE_WORD.search(ctx.text[s:e]) and any(c.search(ctx.text[s:e]) for c in asks)
    ] if any(d.value == "release" for d in res.demands) else []
    for start, end in release_spans:
        span = Span(start, end)
        objects = [ctx.text[s:e] for s, e in _release_objects(ctx.text, span.start, span.end)]
        for p in res.persons:
            # the person may be named in full, by surname or by first name
            words = [w for w in p.value.split() if len(w) >= 3 and w[0].isupper()]
            sentence = ctx.text[span.start:span.end]
            wanted = any(re.search(rf"\b{re.escape(w)}\b", o) for w in words for o in objects) or any(
                _RELEASED.match(sentence[m.end():])
                for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", sentence)
            )
            if (
                wanted
                and p.value not in dead
                and not any(same_person(p.value, v.value) for v in named)
                and not any(same_person(p.value, a) for a in [*addressees, *actors])
            ):
                named.append(Value(p.value, prov(NAME, "release_demand", 0.6, (span.start, span.end))))
    for sender in res.senders:
        who = family_namesake(sender.name) if sender.kind == "family" else None
        if who and who not in dead and not any(same_person(who, v.value) for v in named):
            spans = tuple((sp.start, sp.end) for sp in sender.prov.spans[:1])
            named.append(Value(who, prov(NAME, "family_sender", 0.7, *spans)))
    # where the events miss a subject (few event cues in the language): read the sentences
    language = res.language.value if res.language else None
    excluded = [*actors, *addressees, *dead]
    for value in _harmed_in_sentences(ctx, language or "en", excluded):
        if not any(same_person(value.value, v.value) for v in named):
            named.append(value)
    named = _one_per_person(ctx.text, named)
    # a place or a body the taggers took for a person is nobody at risk
    places = {fold(loc.value) for loc in res.locations} | {fold(o.value) for o in res.organizations}
    named = [
        v for v in named
        if capitalised.plausible_person(v.value, language) and fold(v.value) not in places
        and not _only_quoted(ctx.text, v.value)
    ]
    res.persons_at_risk.extend(named)
    res.groups_at_risk.extend(groups[:3])


@cache
def _speech_verbs() -> str:
    verbs = sorted(capitalised.words("speech_verbs"), key=len, reverse=True)
    return "|".join(map(re.escape, verbs))


def _only_quoted(text: str, name: str) -> bool:
    """Whether every time the text writes the name, a verb of saying stands right before
    or after it ('said X, head of casework at Y', 'sagt X', 'X said'; each language's
    `speech_verbs`): someone the text quotes, a spokesperson or a relative, not whom it
    speaks for."""
    base = re.sub(r"\s*\([^)]*\)", "", name).strip()
    hits = whole(text, base, hyphen=False)
    verbs = _speech_verbs()
    return bool(hits and verbs) and all(
        re.search(rf"(?<!\w)(?:{verbs})\s+(?:[\w.]+\s+)?$", text[max(0, a - 30):a])
        or re.match(rf"\s*,?\s+(?:{verbs})(?!\w)", text[b:b + 24])
        for a, b in hits
    )


def _cue_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:[وبل])?(?:{alternatives})", re.I)


def _harmed_in_sentences(ctx: Context, language: str, excluded: list[str]) -> list[Value]:
    """Named persons who share a sentence with a word of harm in the text's language
    ('detenido', 'inhaftiert', 'بازداشت') and with no word of death; not the writers,
    the addressees, the officials, nor anyone first named in the signature."""
    harm = _cue_re(capitalised.words("at_risk_words", language))
    death = _cue_re(capitalised.words("dead_words", language))
    if harm is None:
        return []
    sentences = ctx.sentence_spans()
    signed = ctx.signature_start if ctx.signature_start > 0 else len(ctx.text)
    out: list[Value] = []
    for p in ctx.result.persons:
        name = p.value
        if any(same_person(name, x) for x in excluded) or office_holder(ctx.text, name):
            continue
        parts = [w for w in re.split(r"[\s\u200c]+", name) if len(w) >= 3]
        found = [a for w in parts for a, _ in whole(ctx.text, w, hyphen=False)]
        if not found or min(found) >= signed:
            continue
        hit: tuple[int, int] | None = None
        for s, e in sentences:
            if any(s <= f < e for f in found):
                sentence = ctx.text[s:e]
                if death is not None and death.search(sentence):
                    hit = None
                    break
                if hit is None and harm.search(sentence):
                    hit = (s, e)
        if hit is not None:
            out.append(Value(name, prov(NAME, "harm_in_sentence", 0.45, hit)))
    return out


def _one_per_person(text: str, named: list[Value]) -> list[Value]:
    """One entry per person: of spellings the resolver would merge, or one the text gives
    in brackets after another ('A (B)'), the one the text uses most (the first on a tie)."""
    kept: list[Value] = []
    for v in named:
        same = next((i for i, k in enumerate(kept) if _spellings_of_one(text, k.value, v.value)), None)
        if same is None:
            kept.append(v)
        elif text.count(v.value) > text.count(kept[same].value):
            kept[same] = v
    return kept


def _spellings_of_one(text: str, a: str, b: str) -> bool:
    decision = match(Mention(a, "person"), Mention(b, "person")).decision
    if decision is Decision.MERGE:
        return True
    aka = r"\s*\(\s*(?:(?:also|or)\s+(?:spelled|spelt|written|known\s+as)\s+|a\.?k\.?a\.?\s+)?"
    bracketed = rf"{re.escape(a)}{aka}{re.escape(b)}|{re.escape(b)}{aka}{re.escape(a)}"
    return decision is Decision.REVIEW and re.search(bracketed, text) is not None

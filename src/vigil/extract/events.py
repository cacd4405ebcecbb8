# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: events — type from the vocabulary, subjects, alleged actors,
place, date and modality, from sentence-level trigger patterns in English
and French (`vocab/event_types.json`).

Modality: a trigger preceded by a future, conditional or fear cue ('will
face', 'if returned') is `feared`; one under a denial or negation is
`denied`; otherwise `asserted`. The contract keeps asserted events and
every deportation threat.
"""

from __future__ import annotations

import re

from vigil.extract import calendars
from vigil.extract.context import Context, compiled, prov
from vigil.extract.names import same_person
from vigil.extract.types import Event
from vigil.vocab import load

NAME = "events"

_FEARED = re.compile(r"(?i)\b(?:will|would|could|may|might|if|fears?|feared|risk(?:s|ing)?|face|faces|facing|possible|possibly|likely|threat of|should|must not|to prevent|prevent|avoid|once|en cas de|risque|pourrait|serait|sera)\b")
_DENIED = re.compile(r"(?i)\b(?:denied that|denies that|deny that|not|never|no|n't|ne\b|nié)\b")
_PRONOUN = re.compile(r"(?i)\b(?:he|she|him|her|his|il|elle|lui)\b")
_GROUP = re.compile(
    r"(?i)\b(?:(?:the|these|those|several|many|hundreds of|thousands of|dozens of|\d[\d,]*|all)\s+)?(?:[\w.-]+\s+){0,3}?(?:members|refugees|detainees|prisoners|activists|journalists|citizens|nationals|protesters|defenders|lawyers|leaders|individuals|people|civilians|soldiers|hostages|asylum seekers|migrants|immigrants|students|dissidents|workers|children|women|passengers|Americans|Uyghurs|membres|réfugiés|détenus|prisonniers|militants|journalistes)\b"
)


def _people_in(ctx: Context, sentence: str) -> list[str]:
    found = []
    for p in ctx.result.persons:
        parts = [w for w in re.split(r"\s+", p.value) if len(w) >= 3]
        if p.value in sentence or (parts and re.search(rf"\b{re.escape(parts[-1])}\b", sentence)):
            found.append(p.value)
    return found


def _entities_in(ctx: Context, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    sentence = ctx.text[start:end]
    for v in (*ctx.result.organizations, *ctx.result.locations):
        base = re.sub(r"\s*\([^)]*\)", "", v.value)
        for form in {base, *re.findall(r"\(([^)]*)\)", v.value)}:
            idx = sentence.find(form)
            if idx >= 0 and form:
                out.append((start + idx, v.value))
                break
    return sorted(out)


def run(ctx: Context) -> None:
    res = ctx.result
    table = load("event_types")
    locations = {v.value for v in res.locations}
    last_person: str | None = None
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for start, end in ctx.sentence_spans():
        sentence = ctx.text[start:end]
        people = _people_in(ctx, sentence)
        for type_, entry in table.items():
            trigger = None
            rule = ""
            for i, pattern in enumerate(entry["patterns"]):
                trigger = compiled(pattern, re.I).search(sentence)
                if trigger:
                    rule = f"{type_}:{i}"
                    break
            if trigger is None:
                continue
            before = sentence[max(0, trigger.start() - 45): trigger.start()]
            modality = "asserted"
            if _DENIED.search(before[-25:]) or re.search(r"(?i)\bdenied that\b", sentence[: trigger.start()]):
                modality = "denied"
            elif _FEARED.search(before):
                modality = "feared"
            subjects = list(people)
            if not subjects and _PRONOUN.search(sentence) and last_person:
                subjects = [last_person]
            if not subjects:
                g = _GROUP.search(sentence)
                if g:
                    subjects = [g.group(0).strip()]
            ents = _entities_in(ctx, start, end)
            abs_trigger = start + trigger.start()
            actors: list[str] = []
            by = re.search(r"\bby\s+(?:the\s+)?", sentence[trigger.end(): trigger.end() + 40])
            if by:
                after = start + trigger.end() + by.end()
                actors = [name for pos, name in ents if after - 2 <= pos <= after + 3][:1]
            if not actors:
                actors = [name for pos, name in ents if pos < abs_trigger and name not in locations][:1]
            actors = [a for a in actors if not any(same_person(a, s) for s in subjects)]
            place = next((name for _, name in ents if name in locations), None)
            date = calendars.partial_date(sentence)
            key = (type_, tuple(sorted(subjects)))
            if key in seen:
                continue
            seen.add(key)
            res.events.append(Event(
                type=type_, subjects=subjects, actors=actors, place=place, date=date,
                modality=modality, prov=prov(NAME, rule, 0.6, (start, end), (abs_trigger, start + trigger.end())),
            ))
        if people:
            last_person = people[-1]

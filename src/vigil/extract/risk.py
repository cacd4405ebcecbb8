# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: on whose behalf the text speaks — named persons at risk (subjects
of detention, arrest, threats, trials ... and not dead) and unnamed groups."""

from __future__ import annotations

import re

from vigil.extract.context import Context, prov
from vigil.extract.names import same_person
from vigil.extract.types import Value

NAME = "risk"

AT_RISK = {
    "arrest", "detention", "deportation_threat", "enforced_disappearance", "trial",
    "torture_ill_treatment", "forced_return", "harassment_threats", "restriction_of_movement",
    "denial_of_family_contact", "hunger_strike", "death_sentence", "forced_transfer",
    "psychological_abuse",
}
DEAD = {"killing", "execution", "death_in_custody_or_suicide"}


def run(ctx: Context) -> None:
    res = ctx.result
    dead = {s for e in res.events if e.type in DEAD and e.modality == "asserted" for s in e.subjects}
    actors = {a for e in res.events for a in e.actors}
    addressees = [p.name for p in res.addressees]
    named: list[Value] = []
    groups: list[Value] = []
    for e in res.events:
        if e.type not in AT_RISK or e.modality == "denied":
            continue
        for subject in e.subjects:
            is_person = any(p.value == subject for p in res.persons)
            if not is_person:
                if not any(g.value == subject for g in groups):
                    groups.append(Value(subject, prov(NAME, f"group_subject:{e.type}", 0.4, *((s.start, s.end) for s in e.prov.spans[:1]))))
                continue
            if subject in dead or subject in actors or any(same_person(subject, a) for a in addressees):
                continue
            if not any(same_person(subject, v.value) for v in named):
                named.append(Value(subject, prov(NAME, f"event_subject:{e.type}", 0.6, *((s.start, s.end) for s in e.prov.spans[:1]))))
    for d in res.demands:
        if d.value != "release":
            continue
        span = d.prov.spans[0]
        sentence = ctx.text[span.start:span.end]
        for p in res.persons:
            if (
                p.value in sentence
                and re.search(r"(?i)\b(?:release|free|libér)", sentence)
                and p.value not in dead
                and not any(same_person(p.value, v.value) for v in named)
                and not any(same_person(p.value, a) for a in addressees)
            ):
                named.append(Value(p.value, prov(NAME, "release_demand", 0.6, (span.start, span.end))))
    res.persons_at_risk.extend(named)
    res.groups_at_risk.extend(groups[:3])

"""One extraction → the facts it contributes to the case file. Pure: no store here.

1. Every name the extraction found (senders, addressees, copies, people and
   groups at risk, persons, organisations, event subjects and actors, the
   parties of earlier appeals) becomes a mention with its spans and role; a
   titled sender, addressee or copy also names the office it holds (`offices`).
   A family writing about one of its own ('the family of X') makes X a
   person at risk, when the extraction did not already name X so.
2. Every event becomes an event linked to its subjects and actors, alleged
   by the document's senders.
3. A letter-like document becomes an intervention (senders, addressees,
   copies, on behalf of those at risk, its demands and events); without a
   date it takes the day it was recorded, flagged as such.
4. Every earlier appeal the text mentions becomes an intervention with the
   status the text gives (e.g. no_response).

Rejected suggestions are left out, so they do not come back.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from vigil import vocab
from vigil.cases.offices import office_name
from vigil.model import (
    DemandFact,
    DocumentFacts,
    EventFact,
    ExtractionRecord,
    FactSource,
    InterventionFact,
    MentionFact,
    SuggestionRecord,
)

LETTER_KINDS = frozenset({"letter", "open_letter", "petition"})
DEFAULT_FOLLOW_UP_DAYS = 30
_ROLES = {
    "senders": "sender",
    "addressees": "addressee",
    "copies_to": "copy",
    "persons_at_risk": "person_at_risk",
    "groups_at_risk": "group_at_risk",
    "persons": "person",
    "organizations": "organization",
}
_RELATIVE_OF = (
    re.compile(r"^(?:the\s+)?famil(?:y|ies)\s+of\s+(?:the\s+)?(?P<name>.+)$", re.I),
    re.compile(r"^(?P<name>.+?)['\u2019]s\s+family$", re.I),
    re.compile(r"^(?:la\s+)?famille\s+(?:de\s+|d['\u2019])(?P<name>.+)$", re.I),
)
"""A family named after the relative it writes for: 'the family of X', "X's family"."""
_KINDS = {
    "persons_at_risk": "person",
    "groups_at_risk": "group",
    "persons": "person",
    "organizations": "organization",
}


def date_precision(value: str | None) -> str | None:
    """day / month / year from an ISO date's length; None when undated."""
    if not value:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "estimate")


def written_precision(value: str) -> str | None:
    """day / month / year of a date a person typed (YYYY-MM-DD, YYYY-MM, YYYY); None if bad."""
    if len(value) not in (4, 7, 10):
        return None
    try:
        date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return None
    return date_precision(value)


def due_date(value: str | None, days: int) -> str | None:
    """`days` after a dated letter (a month or year counts from its first day)."""
    if not value:
        return None
    padded = (value + "-01-01")[:10] if len(value) < 10 else value
    try:
        start = date.fromisoformat(padded)
    except ValueError:
        return None
    return (start + timedelta(days=days)).isoformat()


def _source(s: SuggestionRecord) -> FactSource:
    return FactSource(list(s.spans), s.component, s.rule, s.confidence)


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def document_facts(
    document_id: int,
    recorded_at: datetime,
    record: ExtractionRecord,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    channel: str = "letter",
) -> DocumentFacts:
    """The mentions, events and interventions one extracted document contributes."""
    by_field: dict[str, list[SuggestionRecord]] = {}
    for s in record.suggestions:
        by_field.setdefault(s.field, []).append(s)
    live = {f: [s for s in items if s.review_state != "rejected"] for f, items in by_field.items()}
    keyed = {
        f: [(f"{f}[{n}]", s) for n, s in enumerate(items) if s.review_state != "rejected"]
        for f, items in by_field.items()
    }

    mentions: list[MentionFact] = []
    for field_name, role in _ROLES.items():
        for key, s in keyed.get(field_name, []):
            name = _name(s.value)
            if name is None:
                continue
            kind = s.value.get("kind") if isinstance(s.value, dict) else _KINDS.get(field_name)
            mentions.append(MentionFact(key, role, name, kind, _source(s)))
            org = _name(s.value.get("organization")) if isinstance(s.value, dict) else None
            if field_name == "senders" and org and org != name:
                mentions.append(
                    MentionFact(f"{key}.organization", role, org, "organization", _source(s))
                )
            office = _office(s.value) if role in ("sender", "addressee", "copy") else None
            if office is not None and office.casefold() != name.casefold():
                mentions.append(
                    MentionFact(f"{key}.office", "office", office, "office", _source(s))
                )
    mentions += _relatives_at_risk(mentions)
    senders = [m.key for m in mentions if m.role == "sender"]
    at_risk = [m.key for m in mentions if m.role in ("person_at_risk", "group_at_risk")]

    events: list[EventFact] = []
    for key, s in keyed.get("events", []):
        value = s.value if isinstance(s.value, dict) else {}
        if not value.get("type"):
            continue
        links: dict[str, list[str]] = {"subjects": [], "actors": []}
        for side in links:
            for n, raw in enumerate(value.get(side) or []):
                name = _name(raw)
                if name is None:
                    continue
                mention_key = f"{key}.{side}[{n}]"
                role = "subject" if side == "subjects" else "actor"
                mentions.append(MentionFact(mention_key, role, name, None, _source(s)))
                links[side].append(mention_key)
        events.append(
            EventFact(
                key=key,
                type=str(value["type"]),
                date=value.get("date"),
                date_precision=date_precision(value.get("date")),
                place=value.get("place"),
                modality=value.get("modality"),
                source=_source(s),
                subjects=links["subjects"],
                actors=links["actors"],
                alleged_by=senders[0] if senders else None,
            )
        )

    interventions: list[InterventionFact] = []
    kind = record.contract.get("kind")
    recipients = live.get("addressees") or live.get("copies_to")
    if recipients and (kind in LETTER_KINDS or live.get("addressees")):
        # a letter to nobody named ('Dear colleagues') has no one to follow up with
        interventions.append(
            _letter(record, live, mentions, at_risk, events, recorded_at, follow_up_days, channel)
        )
    statuses = vocab.ids("intervention_statuses")
    for key, s in keyed.get("prior_interventions", []):
        value = s.value if isinstance(s.value, dict) else {}
        parties: list[tuple[str, str]] = []
        for side, role in (("by", "sender"), ("to", "addressee")):
            name = _name(value.get(side))
            if name is not None:
                mentions.append(
                    MentionFact(f"{key}.{side}", f"prior_{role}", name, None, _source(s))
                )
                parties.append((f"{key}.{side}", role))
        parties += [(k, "on_behalf") for k in at_risk]
        status = value.get("status")
        given = isinstance(status, str) and status in statuses
        interventions.append(
            InterventionFact(
                key=key,
                date=value.get("date"),
                date_precision=date_precision(value.get("date")),
                date_is_recorded=False,
                due_date=None,
                channel=None,
                source=_source(s),
                parties=parties,
                demands=[],
                events=[],
                status=str(status) if given else "unknown",
                status_source="text" if given else "built",
            )
        )
    return DocumentFacts(document_id, mentions, events, interventions)


def _office(value: Any) -> str | None:
    """The office a titled person holds, from a party value's title (`offices`)."""
    if not isinstance(value, dict) or value.get("kind") not in ("person", None):
        return None
    return office_name(value.get("title"), value.get("organization"), value.get("country"))


def _relatives_at_risk(mentions: list[MentionFact]) -> list[MentionFact]:
    """X as a person at risk for each sending family 'of X' not already at risk."""
    at_risk = {m.name.casefold() for m in mentions if m.role in ("person_at_risk", "group_at_risk")}
    added: list[MentionFact] = []
    for m in mentions:
        if m.role != "sender" or m.kind not in ("family", None):
            continue
        for pattern in _RELATIVE_OF:
            found = pattern.match(m.name.strip())
            if found is None:
                continue
            name = found.group("name").strip()
            if name.casefold() not in at_risk:
                at_risk.add(name.casefold())
                source = FactSource(m.source.spans, m.source.component, "family_of", 0.7)
                added.append(
                    MentionFact(f"{m.key}.relative", "person_at_risk", name, "person", source)
                )
            break
    return added


def _letter(
    record: ExtractionRecord,
    live: dict[str, list[SuggestionRecord]],
    mentions: list[MentionFact],
    at_risk: list[str],
    events: list[EventFact],
    recorded_at: datetime,
    follow_up_days: int,
    channel: str,
) -> InterventionFact:
    written = record.contract.get("date")
    dated = isinstance(written, str) and bool(written)
    when = str(written) if dated else recorded_at.date().isoformat()
    date_suggestion = next(iter(live.get("date", [])), None)
    spans = [sp for m in mentions if m.role in ("addressee", "sender") for sp in m.source.spans]
    source = (
        _source(date_suggestion)
        if date_suggestion is not None
        else FactSource(sorted(spans, key=lambda sp: sp.start)[:1], "cases", "letter", 0.8)
    )
    roles = {"sender": "sender", "addressee": "addressee", "copy": "copy"}
    parties = [(m.key, roles[m.role]) for m in mentions if m.role in roles]
    parties += [(k, "on_behalf") for k in at_risk]
    demands = [
        DemandFact(str(s.value), _source(s))
        for s in live.get("demands", [])
        if isinstance(s.value, str)
    ]
    return InterventionFact(
        key="letter",
        date=when,
        date_precision=date_precision(when),
        date_is_recorded=not dated,
        due_date=due_date(when, follow_up_days),
        channel=channel,
        source=source,
        parties=parties,
        demands=demands,
        events=[e.key for e in events],
        status="sent",
        status_source="built",
    )

"""Interventions: listing (unanswered, overdue), status history and responses.

Status is a history, never an overwritten field; statuses are the ids of
`vocab/intervention_statuses.json`. A response is a record of its own and
brings the status its type implies. `new_intervention` records a letter sent
outside Vigil; the names a person gives are resolved against known parties.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from vigil import vocab
from vigil.cases.build import build_from_extractions
from vigil.cases.facts import DEFAULT_FOLLOW_UP_DAYS, due_date, written_precision
from vigil.cases.offices import authorities
from vigil.errors import InvalidIntervention, InvalidResponse, InvalidStatus, UnknownRecord
from vigil.model import InterventionDetail, InterventionSummary, OfficeLink, ReplySuggestion
from vigil.resolve import KINDS, Mention, resolve
from vigil.store import Store
from vigil.store import facts as fact_store
from vigil.store import interventions as intervention_store
from vigil.store import offices as office_store
from vigil.store import replies as reply_store
from vigil.store.suggestions import get_extraction

RESPONSE_TYPES: dict[str, str | None] = {
    "acknowledgement": "acknowledged",
    "answer": "answered",
    "refusal": "refused",
    "other": None,
}
"""Response types and the status each brings (None: the status stays)."""
SETTLED = frozenset({"answered", "refused", "closed", "draft"})
"""Statuses that need no follow-up."""


def is_unanswered(item: InterventionSummary) -> bool:
    """No response recorded and not settled (those reported as no_response included)."""
    return not item.responses and item.status not in SETTLED


def is_overdue(item: InterventionSummary, today: date) -> bool:
    return is_unanswered(item) and item.due_date is not None and item.due_date < today.isoformat()


def needs_a_date(item: InterventionSummary) -> bool:
    """No date written in its letter: it carries the day it was recorded, or none."""
    return item.date is None or item.date_is_recorded


def list_interventions(
    store: Store,
    *,
    unanswered: bool = False,
    overdue: bool = False,
    undated: bool = False,
    today: date | None = None,
) -> list[InterventionSummary]:
    day = today or date.today()
    items = intervention_store.list_interventions(store)
    if undated:
        items = [i for i in items if needs_a_date(i)]
    if unanswered:
        items = [i for i in items if is_unanswered(i)]
    if overdue:
        items = [i for i in items if is_overdue(i, day)]
    return items


def response_rates(
    items: list[InterventionSummary], links: Sequence[OfficeLink] = ()
) -> dict[str, tuple[int, int]]:
    """Per addressee name: (interventions, those with a response). With the office links
    (`office_links`), a letter to a person counts for the office they hold too, and one
    to an office for its holders (`offices.authorities`)."""
    rates: dict[str, tuple[int, int]] = {}
    for item in items:
        addressees = [(p.party_id, p.name) for p in item.parties if p.role == "addressee"]
        for name in authorities(addressees, links):
            sent, answered = rates.get(name, (0, 0))
            rates[name] = (sent + 1, answered + (1 if item.responses else 0))
    return rates


def office_links(store: Store, party_id: int | None = None) -> list[OfficeLink]:
    """Offices and the people documents say hold them (of one party, when given)."""
    return office_store.office_links(store, party_id)


def set_date(
    store: Store,
    intervention_id: int,
    when: str,
    *,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    actor: str = "local",
) -> None:
    """Correct an intervention's date (YYYY-MM-DD, YYYY-MM or YYYY); its due date follows."""
    precision = written_precision(when)
    if precision is None:
        raise InvalidIntervention(f"give the date as YYYY-MM-DD, YYYY-MM or YYYY, not {when!r}")
    intervention_store.set_date(
        store,
        intervention_id,
        when=when,
        precision=precision,
        due_date=due_date(when, follow_up_days),
        actor=actor,
    )


def reply_suggestions(
    store: Store, *, intervention_id: int | None = None, document_id: int | None = None
) -> list[ReplySuggestion]:
    """Documents waiting to be confirmed as responses to an earlier letter (to one
    intervention, or from one document, when given)."""
    return [
        s
        for s in reply_store.list_reply_suggestions(store)
        if intervention_id in (None, s.intervention_id) and document_id in (None, s.document_id)
    ]


def reply_of(store: Store, intervention_id: int, suggestion_id: int) -> ReplySuggestion:
    """The reply proposed for this intervention; `UnknownRecord` if it is not one of its."""
    intervention_store.get_intervention(store, intervention_id)
    found = [
        s
        for s in reply_store.list_reply_suggestions(store, None)
        if s.id == suggestion_id and s.intervention_id == intervention_id
    ]
    if not found:
        raise UnknownRecord(
            f"no reply suggestion {suggestion_id} for intervention {intervention_id}"
        )
    return found[0]


def accept_reply(
    store: Store,
    suggestion_id: int,
    *,
    type_: str = "answer",
    when: str | None = None,
    actor: str = "local",
) -> int:
    """Record the proposed reply as a response (dated as the reply's letter, else the day it
    was recorded) from its sender, with the status its type brings; returns the response id."""
    found = reply_store.get_reply_suggestion(store, suggestion_id)
    if found.review_state != "suggested":
        raise InvalidResponse(f"reply suggestion {suggestion_id} was already {found.review_state}")
    sender, recorded = reply_store.reply_facts(store, found.document_id)
    if when is None:
        record = get_extraction(store, found.document_id)
        written = record.contract.get("date") if record is not None else None
        when = written if isinstance(written, str) and len(written) == 10 else recorded
    response_id = respond(
        store,
        found.intervention_id,
        when=when,
        type_=type_,
        document_id=found.document_id,
        from_party=sender,
        actor=actor,
    )
    reply_store.decide_reply(store, suggestion_id, "accepted", response_id, actor)
    return response_id


def reject_reply(
    store: Store,
    suggestion_id: int,
    *,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    actor: str = "local",
) -> None:
    """Not a reply: the document becomes a letter of its own (built now)."""
    found = reply_store.get_reply_suggestion(store, suggestion_id)
    reply_store.decide_reply(store, suggestion_id, "rejected", None, actor)
    build_from_extractions(
        store, follow_up_days=follow_up_days, actor=actor, documents=[found.document_id]
    )


PARTY_ROLES = ("sender", "addressee", "copy", "on_behalf")


def _check_role(role: str) -> None:
    if role not in PARTY_ROLES:
        raise InvalidIntervention(f"unknown role {role!r}; use one of: {', '.join(PARTY_ROLES)}")


def link_party(
    store: Store, intervention_id: int, role: str, party_id: int, actor: str = "local"
) -> bool:
    """Add a sender, addressee, copy or person spoken for; False if already there by hand."""
    _check_role(role)
    return intervention_store.link_party(store, intervention_id, party_id, role, actor)


def unlink_party(
    store: Store, intervention_id: int, role: str, party_id: int, actor: str = "local"
) -> int:
    """Take a party off an intervention in one role; returns the links removed."""
    _check_role(role)
    return intervention_store.unlink_party(store, intervention_id, party_id, role, actor)


def set_demands(
    store: Store, intervention_id: int, demands: Sequence[str], actor: str = "local"
) -> tuple[list[str], list[str]]:
    """Make an intervention's demands exactly these ids of `vocab/demand_types.json`
    (a rebuild does not put a removed one back); returns (added, removed)."""
    known = vocab.ids("demand_types")
    unknown = [d for d in demands if d not in known]
    if unknown:
        raise InvalidIntervention(
            f"unknown demand {unknown[0]!r}; use one of: {', '.join(sorted(known))}"
        )
    return intervention_store.set_demands(store, intervention_id, demands, actor)


def set_status(store: Store, intervention_id: int, status: str, actor: str = "local") -> None:
    statuses = vocab.ids("intervention_statuses")
    if status not in statuses:
        raise InvalidStatus(f"unknown status {status!r}; use one of: {', '.join(sorted(statuses))}")
    intervention_store.add_status(store, intervention_id, status, actor=actor)


def respond(
    store: Store,
    intervention_id: int,
    *,
    when: str,
    type_: str,
    summary: str | None = None,
    document_id: int | None = None,
    from_party: int | None = None,
    actor: str = "local",
) -> int:
    """Record a response; refused if its date is not YYYY-MM-DD or before the letter."""
    if type_ not in RESPONSE_TYPES:
        raise InvalidStatus(
            f"unknown response type {type_!r}; use one of: {', '.join(RESPONSE_TYPES)}"
        )
    try:
        day = date.fromisoformat(when)
    except ValueError:
        raise InvalidResponse(f"give the response date as YYYY-MM-DD, not {when!r}") from None
    return intervention_store.add_response(
        store,
        intervention_id,
        when=day,
        type_=type_,
        status=RESPONSE_TYPES[type_],
        summary=summary,
        document_id=document_id,
        from_party=from_party,
        actor=actor,
    )


def get_intervention(store: Store, intervention_id: int) -> InterventionSummary:
    return intervention_store.get_intervention(store, intervention_id)


def intervention_detail(store: Store, intervention_id: int) -> InterventionDetail:
    """The intervention with its status history (who, when), its events and source words."""
    return intervention_store.intervention_detail(store, intervention_id)


def check_response(store: Store, intervention_id: int, *, when: str, type_: str) -> None:
    """Raise what `respond` would for this date and type, changing nothing.

    The web checks first when a response comes with a file, so that a refused
    response stores no document either.
    """
    if type_ not in RESPONSE_TYPES:
        raise InvalidStatus(
            f"unknown response type {type_!r}; use one of: {', '.join(RESPONSE_TYPES)}"
        )
    try:
        day = date.fromisoformat(when).isoformat()
    except ValueError:
        raise InvalidResponse(f"give the response date as YYYY-MM-DD, not {when!r}") from None
    letter = intervention_store.get_intervention(store, intervention_id).date
    if letter and day < letter:
        raise InvalidResponse(
            f"a response dated {day} is before its letter ({letter}); check the date"
        )


def new_intervention(
    store: Store,
    *,
    when: str,
    to: Sequence[str],
    from_: Sequence[str] = (),
    cc: Sequence[str] = (),
    on_behalf: Sequence[str] = (),
    channel: str = "letter",
    demands: Sequence[str] = (),
    case_id: int | None = None,
    document_id: int | None = None,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    draft: bool = False,
    actor: str = "local",
) -> int:
    """Record a letter sent outside Vigil; its status history starts at `sent` (by hand).

    With `draft`, a letter Vigil drafted: its history starts at `draft`, with no due
    date until `send_draft` records it as sent.

    Each name joins the known party it resolves to (a `merge` decision of
    `vigil.resolve`), else becomes a new party. Checked before anything is
    written; the due date is `follow_up_days` after the letter's date.
    """
    try:
        day = date.fromisoformat(when) if len(when) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidIntervention(f"give the letter's date as YYYY-MM-DD, not {when!r}")
    named = [
        (role, name.strip())
        for role, names in (("sender", from_), ("addressee", to), ("copy", cc))
        for name in names
    ] + [("on_behalf", name.strip()) for name in on_behalf]
    if any(not name for _, name in named):
        raise InvalidIntervention("a party's name is empty; give a name or leave the option out")
    if not any(role == "addressee" for role, _ in named):
        raise InvalidIntervention("give at least one addressee with --to")
    channels = vocab.ids("channels")
    if channel not in channels:
        raise InvalidIntervention(
            f"unknown channel {channel!r}; use one of: {', '.join(sorted(channels))}"
        )
    known = vocab.ids("demand_types")
    unknown = [d for d in demands if d not in known]
    if unknown:
        raise InvalidIntervention(
            f"unknown demand {unknown[0]!r}; use one of: {', '.join(sorted(known))}"
        )
    if follow_up_days < 1:
        raise InvalidIntervention("the follow-up period must be at least 1 day")
    parties = _resolve_names(store, [name for _, name in named])
    return intervention_store.create_intervention(
        store,
        when=day,
        due_date=None if draft else due_date(day.isoformat(), follow_up_days) or day.isoformat(),
        channel=channel,
        named=[(role, name, parties[name]) for role, name in named],
        demands=list(demands),
        case_id=case_id,
        document_id=document_id,
        status="draft" if draft else "sent",
        component=intervention_store.DRAFTED if draft else "hand",
        actor=actor,
    )


def send_draft(
    store: Store,
    intervention_id: int,
    *,
    when: str,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    actor: str = "local",
) -> None:
    """A drafted letter was sent on `when`: its date, due date and `sent` status are recorded."""
    try:
        day = date.fromisoformat(when)
    except ValueError:
        raise InvalidIntervention(f"give the sending date as YYYY-MM-DD, not {when!r}") from None
    item = intervention_store.get_intervention(store, intervention_id)
    if item.status != "draft":
        raise InvalidStatus(
            f"intervention {intervention_id} is {item.status}, not a draft; "
            "record a new status with `vigil intervention status`"
        )
    intervention_store.mark_sent(
        store,
        intervention_id,
        when=day,
        due_date=due_date(day.isoformat(), follow_up_days) or day.isoformat(),
        actor=actor,
    )


def _resolve_names(store: Store, names: Sequence[str]) -> dict[str, int | None]:
    """Each typed name → the known party it resolves to (merge decision), else None.

    A typed name has no kind: it is tried as each kind the known parties have
    (so it blocks with them). When it joins several known parties, the one with
    that exact spelling wins, else the oldest.
    """
    spellings = fact_store.party_spellings(store)
    typed = list(dict.fromkeys(names))
    kinds: list[str | None] = [*sorted({k for _, _, k in spellings if k in KINDS}), None]
    variants = [(name, kind) for name in typed for kind in kinds]
    mentions = [Mention(name, kind) for _, name, kind in spellings]
    mentions += [Mention(name, kind) for name, kind in variants]
    candidates: dict[str, set[int]] = {name: set() for name in typed}
    for cluster in resolve(mentions).clusters:
        known = {spellings[i][0] for i in cluster if i < len(spellings)}
        for i in cluster:
            if i >= len(spellings):
                candidates[variants[i - len(spellings)][0]] |= known
    found: dict[str, int | None] = {}
    for name, parties in candidates.items():
        exact = [pid for pid, spelling, _ in spellings
                 if pid in parties and spelling.casefold() == name.casefold()]  # fmt: skip
        found[name] = exact[0] if exact else (min(parties) if parties else None)
    return found

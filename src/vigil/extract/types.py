"""What the extraction pipeline takes in and gives back.

Every value carries its provenance (`Provenance`): the character spans in the
text that support it, the component and the rule that produced it, a
confidence, and a review state that starts as `suggested`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vigil.model import Span

SUGGESTED = "suggested"


@dataclass(frozen=True)
class ExtractInput:
    """One document as the pipeline sees it (no store, no I/O)."""

    text: str
    title: str | None = None
    language: str | None = None
    published: str | None = None
    """ISO date from page or e-mail metadata, if any."""
    format: str = "txt"
    gazetteer: tuple[str, ...] = ()
    """Names a person has confirmed; they are always recognised."""
    headers: tuple[tuple[str, str], ...] = ()
    """An e-mail's own From, To, Cc and Subject headers (lower-case names), as decoded."""


@dataclass(frozen=True)
class Provenance:
    """Why a value was suggested."""

    spans: tuple[Span, ...]
    component: str
    rule: str
    confidence: float
    review_state: str = SUGGESTED

    def as_dict(self) -> dict[str, Any]:
        return {
            "spans": [[s.start, s.end] for s in self.spans],
            "component": self.component,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
            "review_state": self.review_state,
        }


@dataclass
class Value:
    """A plain suggested value: a name, a vocabulary id, a date, a contact."""

    value: str
    prov: Provenance


@dataclass
class Party:
    """A sender, addressee or copy recipient."""

    name: str
    kind: str
    prov: Provenance
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    place: str | None = None
    address: str | None = None

    def to_contract(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "title": self.title,
            "organization": self.organization,
            "country": self.country,
        }
        if self.place:
            out["place"] = self.place
        if self.address:
            out["address"] = self.address
        return out


@dataclass
class Event:
    """Something that happened (or is threatened) to the subjects."""

    type: str
    subjects: list[str]
    actors: list[str]
    place: str | None
    date: str | None
    modality: str
    """asserted, feared or denied; the contract keeps asserted ones."""
    prov: Provenance

    def to_contract(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subjects": self.subjects,
            "actors": self.actors,
            "place": self.place,
            "date": self.date,
            "modality": self.modality,
        }


@dataclass
class PriorIntervention:
    """An earlier letter or appeal the text mentions."""

    to: str
    by: str | None
    status: str
    prov: Provenance
    date: str | None = None
    """When the text dates it ('we wrote to your office on 2 February 2024'), partial ISO."""

    def __post_init__(self) -> None:
        self.to = " ".join(self.to.split())  # a name wrapped across lines is one name

    def to_contract(self) -> dict[str, Any]:
        out: dict[str, Any] = {"to": self.to, "by": self.by, "status": self.status}
        if self.date:
            out["date"] = self.date
        return out


@dataclass
class Contacts:
    phones: list[Value] = field(default_factory=list)
    faxes: list[Value] = field(default_factory=list)
    emails: list[Value] = field(default_factory=list)
    postal: list[Value] = field(default_factory=list)

    def to_contract(self) -> dict[str, list[str]]:
        return {
            "phones": [v.value for v in self.phones],
            "faxes": [v.value for v in self.faxes],
            "emails": [v.value for v in self.emails],
            "postal": [v.value for v in self.postal],
        }


@dataclass(frozen=True)
class Suggestion:
    """One suggested value of a contract field, as stored for review."""

    field: str
    value: Any
    """A string, or a small JSON-able dict (a party, an event, a prior appeal)."""
    prov: Provenance


@dataclass(frozen=True)
class ComponentError:
    """A component failed on this document; never carries document text."""

    component: str
    error_type: str


@dataclass
class Extraction:
    """Everything the pipeline suggests for one document."""

    language: Value | None = None
    kind: Value | None = None
    title: Value | None = None
    date: Value | None = None
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)
    copies_to: list[Party] = field(default_factory=list)
    salutation: Value | None = None
    closing: Value | None = None
    persons_at_risk: list[Value] = field(default_factory=list)
    groups_at_risk: list[Value] = field(default_factory=list)
    persons: list[Value] = field(default_factory=list)
    organizations: list[Value] = field(default_factory=list)
    locations: list[Value] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    legal_references: list[Value] = field(default_factory=list)
    demands: list[Value] = field(default_factory=list)
    prior_interventions: list[PriorIntervention] = field(default_factory=list)
    contacts: Contacts = field(default_factory=Contacts)
    errors: list[ComponentError] = field(default_factory=list)
    truncated: bool = False

    def suggestions(self) -> list[Suggestion]:
        """Every suggested value with its provenance, one per row a reviewer sees.

        Unlike `to_contract`, feared and denied events are kept (with their
        modality), and the salutation and closing are included.
        """
        out: list[Suggestion] = []
        for name in ("language", "kind", "title", "date", "salutation", "closing"):
            single: Value | None = getattr(self, name)
            if single is not None:
                out.append(Suggestion(name, single.value, single.prov))
        for name in ("senders", "addressees", "copies_to"):
            out += [Suggestion(name, p.to_contract(), p.prov) for p in getattr(self, name)]
        for name in (
            "persons_at_risk",
            "groups_at_risk",
            "persons",
            "organizations",
            "locations",
            "legal_references",
            "demands",
        ):
            out += [Suggestion(name, v.value, v.prov) for v in getattr(self, name)]
        out += [
            Suggestion("events", e.to_contract(), e.prov)
            for e in self.events
        ]
        out += [
            Suggestion("prior_interventions", p.to_contract(), p.prov)
            for p in self.prior_interventions
        ]
        for name in ("phones", "faxes", "emails", "postal"):
            out += [
                Suggestion(f"contacts.{name}", v.value, v.prov)
                for v in getattr(self.contacts, name)
            ]
        return out

    def contract_events(self) -> list[Event]:
        """Asserted events (a threat, such as a threatened removal, is asserted
        whatever the mood of its sentence: see `vocab.event_semantics`)."""
        return [e for e in self.events if e.modality == "asserted"]

    def to_contract(self, doc_id: str) -> dict[str, Any]:
        """The gold-file shape of `eval/dev/*.gold.json`, plus a `provenance` key."""
        events = self.contract_events()
        return {
            "id": doc_id,
            "language": self.language.value if self.language else None,
            "kind": self.kind.value if self.kind else "other",
            "title": self.title.value if self.title else None,
            "date": self.date.value if self.date else None,
            "senders": [p.to_contract() for p in self.senders],
            "addressees": [p.to_contract() for p in self.addressees],
            "copies_to": [p.to_contract() for p in self.copies_to],
            "persons_at_risk": [v.value for v in self.persons_at_risk],
            "groups_at_risk": [v.value for v in self.groups_at_risk],
            "persons": [v.value for v in self.persons],
            "organizations": [v.value for v in self.organizations],
            "locations": [v.value for v in self.locations],
            "events": [e.to_contract() for e in events],
            "legal_references": [v.value for v in self.legal_references],
            "demands": [v.value for v in self.demands],
            "prior_interventions": [p.to_contract() for p in self.prior_interventions],
            "contacts": self.contacts.to_contract(),
            "truncated": self.truncated,
            "errors": [{"component": e.component, "type": e.error_type} for e in self.errors],
            "provenance": self._provenance(events),
        }

    def _provenance(self, events: list[Event]) -> dict[str, Any]:
        def one(v: Value | None) -> dict[str, Any] | None:
            return v.prov.as_dict() if v else None

        def many(items: list[Value]) -> list[dict[str, Any]]:
            return [{"value": v.value, **v.prov.as_dict()} for v in items]

        return {
            "language": one(self.language),
            "kind": one(self.kind),
            "title": one(self.title),
            "date": one(self.date),
            "salutation": one(self.salutation),
            "closing": one(self.closing),
            "senders": [p.prov.as_dict() for p in self.senders],
            "addressees": [p.prov.as_dict() for p in self.addressees],
            "copies_to": [p.prov.as_dict() for p in self.copies_to],
            "persons_at_risk": many(self.persons_at_risk),
            "groups_at_risk": many(self.groups_at_risk),
            "persons": many(self.persons),
            "organizations": many(self.organizations),
            "locations": many(self.locations),
            "events": [{"modality": e.modality, **e.prov.as_dict()} for e in events],
            "legal_references": many(self.legal_references),
            "demands": many(self.demands),
            "prior_interventions": [p.prov.as_dict() for p in self.prior_interventions],
            "contacts": {
                "phones": many(self.contacts.phones),
                "faxes": many(self.contacts.faxes),
                "emails": many(self.contacts.emails),
                "postal": many(self.contacts.postal),
            },
        }

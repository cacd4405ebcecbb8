"""FollowTheMoney entities for Aleph and other FtM tools, one JSON object a line.

Mapping (each id is `make_id("vigil", <kind>, <Vigil id>)`, so it is stable across
exports of the same store):

    party (person)            → Person
    party (organization)      → Organization
    party (office)            → PublicBody
    party (family, group, ?)  → LegalEntity
    document                  → Document (title, file name, date, language, SHA-256 in notes)
    event                     → Event (type label, date, place, involved = subjects and
                                actors, summary says who alleges it; never stated as fact)
    intervention              → Event ("Letter …", organizer = senders, involved = addressees
                                and the people it is about, status in summary)
                                + UnknownLink sender → addressee (role: intervention)
    case                      → Project, with a ProjectParticipant per person at risk
    each event or intervention's source document → Documentation (document, entity)

Every entity is checked against the library's schema (required properties present,
every value accepted when read back with `cleaned=False`) before it is written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from vigil import vocab
from vigil.errors import ArchiveError
from vigil.model import CaseSummary, InterventionSummary, TimelineItem
from vigil.outputs.sealing import Protection, seal, write_private
from vigil.outputs.views import CaseFile, read_case_file
from vigil.store import Store

SCHEMA_OF_KIND = {"person": "Person", "organization": "Organization", "office": "PublicBody"}


def _entity(schema: str, kind: str, key: int | str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id("vigil", kind, str(key))
    return proxy


def party_id(party_id: int) -> str:
    return str(_entity("LegalEntity", "party", party_id).id)


def validate(proxy: EntityProxy) -> dict[str, Any]:
    """The entity as a dict after checking it with the library; `ArchiveError` if invalid."""
    data: dict[str, Any] = proxy.to_dict()
    missing = [p for p in proxy.schema.required if not proxy.has(p)]
    if missing:
        raise ArchiveError(
            f"FtM entity {proxy.schema.name} lacks {', '.join(missing)}; this is a bug in Vigil"
        )
    try:
        again = model.get_proxy(data, cleaned=False)
    except InvalidData as exc:
        raise ArchiveError(f"FtM entity {proxy.schema.name} is invalid: {exc}") from exc
    if again.to_dict()["properties"] != data["properties"]:
        raise ArchiveError(f"FtM entity {proxy.schema.name} changes when read back; a Vigil bug")
    return data


class _Builder:
    def __init__(self, store: Store, data: CaseFile) -> None:
        self.store = store
        self.data = data
        self.out: dict[str, EntityProxy] = {}
        self.party_ids: dict[int, str] = {}
        self.document_ids: dict[int, str] = {}

    def add(self, proxy: EntityProxy) -> EntityProxy:
        assert proxy.id is not None
        self.out.setdefault(proxy.id, proxy)
        return self.out[proxy.id]

    def party(self, party_id: int, name: str, kind: str | None) -> str:
        if party_id not in self.party_ids:
            proxy = _entity(SCHEMA_OF_KIND.get(kind or "", "LegalEntity"), "party", party_id)
            proxy.add("name", name)
            if kind:
                proxy.add("keywords", kind)
            self.party_ids[party_id] = str(self.add(proxy).id)
        return self.party_ids[party_id]

    def document(self, doc_id: int) -> str:
        if doc_id not in self.document_ids:
            doc = self.store.get(doc_id)
            proxy = _entity("Document", "document", doc_id)
            locator = doc.sources[0].locator if doc.sources else f"document-{doc_id}"
            proxy.add("fileName", Path(locator).name or f"document-{doc_id}")
            proxy.add("title", doc.title)
            proxy.add("date", doc.published)
            proxy.add("language", doc.language, quiet=True)
            proxy.add("fileSize", doc.size)
            proxy.add("notes", f"SHA-256 {doc.sha256}")
            self.document_ids[doc_id] = str(self.add(proxy).id)
        return self.document_ids[doc_id]

    def documentation(self, doc_id: int | None, entity_id: str, role: str) -> None:
        if doc_id is None:
            return
        proxy = _entity("Documentation", "documentation", f"{doc_id}:{entity_id}")
        proxy.add("document", self.document(doc_id))
        proxy.add("entity", entity_id)
        proxy.add("role", role)
        self.add(proxy)

    def event(self, item: TimelineItem) -> None:
        proxy = _entity("Event", "event", item.id)
        label = vocab.label("event_types", item.label) if item.label in vocab.ids(
            "event_types"
        ) else item.label  # fmt: skip
        subjects = [p.name for p in item.parties if p.role == "subject"]
        proxy.add("name", f"{label}: {', '.join(subjects)}" if subjects else label)
        proxy.add("date", item.date)
        proxy.add("location", item.place)
        proxy.add("keywords", item.label)
        for p in item.parties:
            proxy.add("involved", self.party(p.party_id, p.name, p.kind))
            if p.role == "actor":
                proxy.add("organizer", self.party(p.party_id, p.name, p.kind))
        if item.document_id is None and item.entered_by is not None:
            summary = f"Entered by hand by {item.entered_by}, no source document"
        else:
            summary = f"Alleged by {', '.join(item.alleged_by) or 'the source document'}"
        proxy.add("summary", f"{summary} (review: {item.review_state})")
        if item.quote is not None:
            proxy.add("description", item.quote.text)
        eid = str(self.add(proxy).id)
        self.documentation(item.document_id, eid, "source")

    def intervention(self, item: InterventionSummary) -> None:
        proxy = _entity("Event", "intervention", item.id)
        to = ", ".join(item.names("addressee")) or "unknown addressee"
        proxy.add("name", f"Letter to {to}")
        proxy.add("date", item.date)
        proxy.add("keywords", "intervention")
        responses = "; ".join(f"{r.date} {r.type}" for r in item.responses) or "none"
        proxy.add("summary", f"Status: {item.status}; due: {item.due_date or '-'}; "
                             f"responses: {responses}")  # fmt: skip
        senders, addressees = [], []
        for p in item.parties:
            pid = self.party(p.party_id, p.name, p.kind)
            if p.role == "sender":
                proxy.add("organizer", pid)
                senders.append(pid)
            else:
                proxy.add("involved", pid)
                if p.role == "addressee":
                    addressees.append(pid)
        eid = str(self.add(proxy).id)
        for doc_id in dict.fromkeys([item.document_id, *item.source_documents]):
            self.documentation(doc_id, eid, "source")
        for s in senders:
            for a in addressees:
                link = _entity("UnknownLink", "letter", f"{item.id}:{s}:{a}")
                link.add("subject", s)
                link.add("object", a)
                link.add("role", "intervention")
                link.add("date", item.date)
                link.add("status", item.status)
                self.add(link)

    def case(self, case: CaseSummary) -> None:
        proxy = _entity("Project", "case", case.id)
        proxy.add("name", case.name)
        proxy.add("status", case.status)
        project = str(self.add(proxy).id)
        for m in case.members:
            link = _entity("ProjectParticipant", "case_member", f"{case.id}:{m.party_id}")
            link.add("project", project)
            link.add("participant", self.party(m.party_id, m.name, m.kind))
            link.add("role", "at risk")
            self.add(link)


def entities(store: Store) -> Iterator[dict[str, Any]]:
    """Every case, party, event, intervention and source document as validated FtM dicts."""
    data = read_case_file(store)
    builder = _Builder(store, data)
    for p in data.parties:
        builder.party(p.id, p.name, p.kind)
    events: dict[int, TimelineItem] = {}
    for case in data.cases:
        builder.case(case)
        for item in data.views[case.id].timeline:
            if item.what == "event":
                events.setdefault(item.id, item)
        for doc_id in data.views[case.id].documents:
            builder.document(doc_id)
    for item in events.values():
        builder.event(item)
    for iv in data.interventions:
        builder.intervention(iv)
    for proxy in builder.out.values():
        yield validate(proxy)


@dataclass(frozen=True)
class FtmExportSummary:
    entities: int
    bytes_written: int
    encrypted: bool


def export_ftm(store: Store, target: Path, protection: Protection) -> FtmExportSummary:
    """Entities as JSON lines (what `ftm` and Aleph's tools read); sealed unless plaintext."""
    protection.check()
    buffer = io.StringIO()
    count = 0
    for entity in entities(store):
        buffer.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    payload = seal(buffer.getvalue().encode("utf-8"), protection)
    write_private(target, payload)
    return FtmExportSummary(count, len(payload), not protection.plaintext)

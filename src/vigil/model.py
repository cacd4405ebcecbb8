"""Dataclasses of the domain. No I/O here.

The foundation holds documents, their sources (chain of custody) and the
records of inputs Vigil refused. Parties, events, interventions and cases
join this module as the extraction and case-file work lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class DocumentState(StrEnum):
    """Where a document is in its lifecycle (BRIEF.md, 'Document lifecycle')."""

    STORED = "stored"
    """Original, hash and clean text are kept; extraction has not run."""
    NEEDS_OCR = "needs_ocr"
    """Stored, but the file has no text layer; waits for OCR."""
    EXTRACTED = "extracted"
    """Machine suggestions with provenance are stored."""
    REVIEWED = "reviewed"
    """A person accepted, edited or rejected each suggestion."""


class DocumentKind(StrEnum):
    LETTER = "letter"
    OPEN_LETTER = "open_letter"
    PETITION = "petition"
    PRESS_RELEASE = "press_release"
    NEWS_ARTICLE = "news_article"
    REPORT = "report"
    OTHER = "other"


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in a text."""

    start: int
    end: int


@dataclass
class Attachment:
    """A file carried inside another (an e-mail attachment)."""

    filename: str
    data: bytes


@dataclass
class ParsedDocument:
    """What a format parser makes of one file's bytes; the store adds ids."""

    format: str
    """Short name of the format read: txt, md, html, pdf, docx, eml."""
    text: str
    """Clean text: what is searched and extracted (boilerplate left out)."""
    full_text: str
    """Every line the parser read, boilerplate included."""
    state: DocumentState = DocumentState.STORED
    title: str | None = None
    language: str | None = None
    published: str | None = None
    """ISO date the source itself gives (page metadata, e-mail Date), if any."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Format metadata: author, url, e-mail headers, encoding, page count ..."""
    boilerplate: list[Span] = field(default_factory=list)
    """Spans of `full_text` marked as site boilerplate."""
    attachments: list[Attachment] = field(default_factory=list)


class TextOrigin(StrEnum):
    """Where a document's stored text came from (kept in its metadata as `text_origin`)."""

    PARSER = "parser"
    """Read from the file by its format's parser (the default, never recorded)."""
    OCR = "ocr"
    """Read from page images by Tesseract; per-page confidence in metadata `ocr`."""
    TRANSCRIPT = "transcript"
    """Typed or pasted by a person (`vigil document text`, the document page)."""


@dataclass(frozen=True)
class OcrPage:
    """One page as OCR read it: its number (from 1), mean word confidence 0-100, counts."""

    number: int
    confidence: float
    words: int
    chars: int
    source: str
    """'ocr' (read from the page image) or 'text layer' (a PDF page that had text)."""
    rotated: int = 0
    """Degrees the page image was turned before reading (Tesseract's OSD)."""


@dataclass
class OcrResult:
    """What OCR made of one document's original: text, per-page record, language."""

    text: str
    pages: list[OcrPage]
    languages: tuple[str, ...]
    """Tesseract language packs used."""
    engine: str
    pages_total: int
    """Pages in the file; more than `len(pages)` when `ocr_max_pages` cut the rest."""
    language: str | None = None

    @property
    def confidence(self) -> float:
        """Mean confidence over the pages OCR read (0 when none was)."""
        read = [p.confidence for p in self.pages if p.source == "ocr"]
        return round(sum(read) / len(read), 1) if read else 0.0


@dataclass(frozen=True)
class Source:
    """One place a document was found: a path, a URL or a parent message."""

    locator: str
    kind: str
    recorded_at: datetime


@dataclass
class Document:
    """A stored document, as the store returns it (original bytes fetched apart)."""

    id: int
    sha256: str
    format: str
    size: int
    state: DocumentState
    title: str | None
    language: str | None
    kind: str | None
    published: str | None
    text: str
    full_text: str
    metadata: dict[str, Any]
    boilerplate: list[Span]
    parent_id: int | None
    created_at: datetime
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class Rejection:
    """An input Vigil refused, with its reason (never its content)."""

    id: int
    locator: str
    sha256: str | None
    reason: str
    recorded_at: datetime


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    title: str | None
    score: float
    snippet: str
    language: str | None
    kind: str | None
    published: str | None
    sources: list[str]


@dataclass(frozen=True)
class SearchQuery:
    text: str
    language: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    limit: int = 20
    offset: int = 0
    year: str | None = None
    """Four digits: documents dated that year."""
    country: str | None = None
    """ISO 3166 alpha-2: documents whose extraction names that country."""
    case_id: int | None = None
    party_id: int | None = None
    hidden: frozenset[int] = frozenset()
    """Documents left out (the store view's scope; set by the store, never by a request)."""


class Facet(StrEnum):
    """What search results are counted by, besides their total."""

    LANGUAGE = "language"
    KIND = "kind"
    YEAR = "year"
    COUNTRY = "country"
    CASE = "case"
    PARTY = "party"


@dataclass(frozen=True)
class FacetCount:
    """How many matching documents share one value of a facet (`label` names an id)."""

    value: str
    count: int
    label: str | None = None


@dataclass(frozen=True)
class SearchCounts:
    """The total of a search and its facet counts, over every match (not one page).

    `capped`: there are more than `total` matches, and the facet counts are those of
    the first ones counted (lower bounds, shown as "412+"); otherwise all are exact.
    """

    total: int
    facets: dict[Facet, list[FacetCount]]
    capped: bool = False


@dataclass(frozen=True)
class SearchResults:
    """What the search page shows: a page of hits, the counts, and what a name found."""

    hits: list[SearchHit]
    counts: SearchCounts
    parties: list[PartySummary]
    cases: list[CaseSummary]
    also_searched: list[str]
    """The known spellings of the parties found, added to the document query."""


class DocumentSort(StrEnum):
    """The orders the documents list offers (a whitelist: never SQL from a request)."""

    ID = "id"
    TITLE = "title"
    DATE = "date"
    KIND = "kind"
    LANGUAGE = "language"


class PartySort(StrEnum):
    """The orders the parties list offers."""

    ID = "id"
    NAME = "name"
    KIND = "kind"
    DOCUMENTS = "documents"


@dataclass(frozen=True)
class DocumentSummary:
    """One line of `vigil documents`."""

    id: int
    title: str | None
    format: str
    state: DocumentState
    language: str | None
    kind: str | None
    published: str | None
    size: int
    created_at: datetime
    parent_id: int | None


@dataclass(frozen=True)
class VerifyReport:
    """What `vigil verify` found."""

    checked: int
    failed_ids: list[int]
    """Documents whose original no longer hashes to the recorded SHA-256."""
    problems: list[str]
    """Database-level problems (damaged pages, tables failing their check, the key file)."""
    damaged_pages: list[int] = field(default_factory=list)
    """Pages of the SQLCipher file whose HMAC fails."""

    @property
    def ok(self) -> bool:
        return not self.failed_ids and not self.problems


@dataclass(frozen=True)
class SuggestionRecord:
    """One machine suggestion as stored: value, where in the text, who made it, review."""

    field: str
    value: Any
    spans: list[Span]
    component: str
    rule: str
    confidence: float
    review_state: str = "suggested"
    id: int | None = None
    document_id: int | None = None


@dataclass(frozen=True)
class ExtractionRecord:
    """Stage 2's result for one document."""

    pipeline_version: str
    contract: dict[str, Any]
    suggestions: list[SuggestionRecord]
    errors: list[dict[str, str]]
    """Failed components: {"component", "type"}; never text."""
    truncated: bool
    extracted_at: datetime | None = None


# -- case file (parties, events, interventions, cases) -------------------------


@dataclass(frozen=True)
class FactSource:
    """Where a machine-made fact came from: spans of a document, the component and rule."""

    spans: list[Span]
    component: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class MentionFact:
    """One name in one document, in one role; `key` says where in the extraction."""

    key: str
    role: str
    name: str
    kind: str | None
    source: FactSource


@dataclass(frozen=True)
class EventFact:
    key: str
    type: str
    date: str | None
    date_precision: str | None
    place: str | None
    modality: str | None
    source: FactSource
    subjects: list[str]
    """Mention keys of the subjects (victims)."""
    actors: list[str]
    """Mention keys of the alleged actors."""
    alleged_by: str | None
    """Mention key of the sender who alleges it, if the document is signed."""


@dataclass(frozen=True)
class DemandFact:
    demand: str
    source: FactSource


@dataclass(frozen=True)
class InterventionFact:
    key: str
    date: str | None
    date_precision: str | None
    date_is_recorded: bool
    due_date: str | None
    channel: str | None
    source: FactSource
    parties: list[tuple[str, str]]
    """(mention key, role): sender, addressee, copy, on_behalf."""
    demands: list[DemandFact]
    events: list[str]
    """Keys of the events it is about."""
    status: str
    status_source: str
    """'text' when the document gives the status, 'built' for Vigil's default."""


@dataclass(frozen=True)
class DocumentFacts:
    """What one extracted document contributes to the case file."""

    document_id: int
    mentions: list[MentionFact]
    events: list[EventFact]
    interventions: list[InterventionFact]


@dataclass(frozen=True)
class MentionRow:
    """A stored mention, as resolution reads it."""

    id: int
    name: str
    kind: str | None
    party_id: int | None


@dataclass(frozen=True)
class ReplySuggestion:
    """A document proposed as a response to an earlier letter's intervention."""

    id: int
    intervention_id: int
    document_id: int
    rule: str
    review_state: str
    response_id: int | None


@dataclass(frozen=True)
class CaseFileUpdate:
    """What updating the case file for some documents did: the build, the cases suggested."""

    build: BuildReport
    cases: list[int]


@dataclass(frozen=True)
class AtRiskParty:
    """A party mentioned at risk, with how often it takes each role and where."""

    party_id: int
    name: str
    kind: str | None
    review_state: str
    roles: dict[str, int]
    documents: tuple[int, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class BuildReport:
    """What one `build_from_extractions` run added (zero on a re-run)."""

    documents: int
    mentions: int
    parties: int
    events: int
    interventions: int
    sources: int = 0
    """Near-duplicate documents joined to an intervention as one more source."""


@dataclass(frozen=True)
class Quote:
    """A fact's source: the document and the quoted words."""

    document_id: int
    spans: list[Span]
    text: str


@dataclass(frozen=True)
class PartyRole:
    party_id: int
    name: str
    kind: str | None
    role: str


@dataclass(frozen=True)
class TimelineItem:
    """One event or intervention of a case, with its date, parties and sources."""

    what: str
    """'event' or 'intervention'."""
    id: int
    label: str
    date: str | None
    date_precision: str | None
    document_id: int | None
    parties: list[PartyRole]
    alleged_by: list[str]
    quote: Quote | None
    status: str | None = None
    review_state: str = "suggested"
    place: str | None = None
    modality: str | None = None
    entered_by: str | None = None
    """Who entered an event by hand (None: read by the machine)."""
    entered_at: datetime | None = None
    """When it was entered by hand."""


@dataclass(frozen=True)
class CaseFields:
    """What caseworkers record on a case (migration 12); every field may be empty."""

    country: str | None = None
    """ISO 3166-1 alpha-2 code (`vocab/countries.json`)."""
    situation: str | None = None
    """An id of `vocab/case_situations.json`: detained, released, missing, ..."""
    detention_place: str | None = None
    charges: str | None = None
    lawyer: str | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    assignee: int | None = None
    """A user id (organisation mode)."""


CASE_FIELD_NAMES = (
    "country",
    "situation",
    "detention_place",
    "charges",
    "lawyer",
    "tags",
    "notes",
    "assignee",
)


@dataclass(frozen=True)
class CaseSummary:
    id: int
    name: str
    status: str
    merged_into: int | None
    review_state: str
    members: list[PartyRole]
    fields: CaseFields = field(default_factory=CaseFields)


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list shows, and in what order (the cases page, `vigil cases list`)."""

    country: str | None = None
    situation: str | None = None
    assignee: int | None = None
    tag: str | None = None
    sort: str = "id"
    """A column: id, name, status, country, situation, assignee."""
    descending: bool = False


@dataclass(frozen=True)
class CaseView:
    """A case with its parties (with roles), documents and timeline."""

    case: CaseSummary
    parties: list[PartyRole]
    documents: list[int]
    timeline: list[TimelineItem]


@dataclass(frozen=True)
class ResponseRecord:
    id: int
    intervention_id: int
    from_party: int | None
    date: str
    type: str
    summary: str | None
    document_id: int | None


@dataclass(frozen=True)
class OfficeLink:
    """An office and a person a document says holds it (dated when the document is)."""

    office_id: int
    office: str
    holder_id: int
    holder: str
    since: str | None
    document_id: int | None


@dataclass(frozen=True)
class LetterSides:
    """An intervention's date and the names on either side: what a reply is matched on."""

    id: int
    document_id: int | None
    date: str | None
    date_is_recorded: bool
    senders: tuple[str, ...]
    recipients: tuple[str, ...]  # addressees, then copies


@dataclass(frozen=True)
class InterventionSummary:
    """One intervention: who wrote to whom, on whose behalf, its status and responses."""

    id: int
    document_id: int | None
    key: str | None
    date: str | None
    date_precision: str | None
    date_is_recorded: bool
    due_date: str | None
    status: str
    parties: list[PartyRole]
    demands: list[str]
    responses: list[ResponseRecord]
    review_state: str
    source_documents: list[int] = field(default_factory=list)
    """Every document carrying this letter: its own first, then near-duplicates (reposts)."""

    def names(self, role: str) -> list[str]:
        return [p.name for p in self.parties if p.role == role]


@dataclass(frozen=True)
class StatusChange:
    """One entry of an intervention's status history: what, when, who, and from where."""

    status: str
    at: datetime
    actor: str
    source: str
    """'text' (the document says so), 'built' (Vigil's default), 'hand', 'response'."""


@dataclass(frozen=True)
class InterventionDetail:
    """One intervention with its status history, the events it is about and its source words."""

    intervention: InterventionSummary
    history: list[StatusChange]
    events: list[TimelineItem]
    quote: Quote | None


@dataclass(frozen=True)
class GraphNode:
    """A party in a case's network; `category` is its main role there."""

    id: int
    name: str
    kind: str | None
    category: str
    """'at_risk', 'actor', 'authority' (addressee or copy), 'sender' or 'other'."""
    roles: list[str]


@dataclass(frozen=True)
class GraphEdge:
    """Two parties linked by events or interventions of the case (`source` → `target`)."""

    source: int
    target: int
    relation: str
    """'actor', 'sender', 'addressee', 'copy' (towards a party at risk) or 'wrote_to'."""
    details: list[str]
    """Event types of 'actor' links; empty otherwise."""
    items: list[tuple[str, int]]
    """The timeline items behind the link: ('event' | 'intervention', id)."""


@dataclass(frozen=True)
class CaseNetwork:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    left_out: int
    """Parties not drawn because the network holds at most its limit of nodes."""


# -- parties: names, mentions, merge suggestions (merge and split by hand) ----------------


@dataclass(frozen=True)
class PartySummary:
    """One party in a list: its name, kind, and how much points at it."""

    id: int
    name: str
    kind: str | None
    names: int
    mentions: int
    documents: int
    merged_into: int | None
    review_state: str = "suggested"
    """`rejected` once a person dismissed it (kept, never suggested as a case again)."""


@dataclass(frozen=True)
class PartyName:
    """One spelling of a party's name and its script (latin, arabic, ...)."""

    name: str
    script: str


@dataclass(frozen=True)
class PartyMention:
    """One mention of a party: where (document), as what (role), and the words used.

    `merged_from` is the party the mention was in before its last merge (None
    if never merged), so a split can undo a merge.
    """

    id: int
    document_id: int
    role: str
    name: str
    merged_from: int | None


@dataclass(frozen=True)
class PartyDocument:
    """A document that mentions a party, with every role the party plays in it."""

    document_id: int
    title: str | None
    roles: list[str]


@dataclass(frozen=True)
class PartyCase:
    """A case a party belongs to, with its role there."""

    id: int
    name: str
    status: str
    role: str


@dataclass(frozen=True)
class MergeSuggestion:
    """Two parties that may be one, with the score and reasons resolution gave.

    `party_a < party_b`; `review_state` is suggested, accepted or rejected.
    """

    id: int
    party_a: int
    name_a: str
    kind_a: str | None
    party_b: int
    name_b: str
    kind_b: str | None
    score: float
    reasons: list[str]
    review_state: str

    def other(self, party_id: int) -> int:
        """The party on the other side from `party_id`."""
        return self.party_b if party_id == self.party_a else self.party_a


@dataclass(frozen=True)
class PartyView:
    """One party: its names and scripts, mentions, roles across documents, cases, and the
    merge suggestions waiting about it."""

    party: PartySummary
    names: list[PartyName]
    mentions: list[PartyMention]
    documents: list[PartyDocument]
    cases: list[PartyCase]
    suggestions: list[MergeSuggestion]
    offices: list[OfficeLink] = field(default_factory=list)
    """Offices it holds, or people who hold it (`cases.offices`)."""


# -- titles: one rule for every page and list ---------------------------------------------


def file_name(locator: str) -> str:
    """The file name at the end of a source locator (a path, a URL, `upload:NAME`)."""
    return locator.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0].removeprefix("upload:")


def display_title(title: str | None, locator: str | None, doc_id: int) -> str:
    """How a document is named everywhere: its extracted title, else its file name, else
    its number."""
    return (title or "").strip() or file_name(locator or "") or f"Document {doc_id}"


# -- background jobs: uploads and case-file rebuilds run by the web server's worker -------


class JobKind(StrEnum):
    UPLOAD = "upload"
    """Files stored with the job: stage 1, then extraction and the case file."""
    REBUILD = "rebuild"
    """Build the case file from every extraction and suggest cases (`vigil cases suggest`)."""


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class JobFile:
    """One file of an upload job and what became of it (None: not handled yet)."""

    id: int
    position: int
    filename: str
    sha256: str
    size: int
    outcome: str | None
    document_id: int | None
    reason: str | None
    suggestions: int | None


@dataclass(frozen=True)
class Job:
    id: int
    kind: JobKind
    state: JobState
    done: int
    total: int
    error: str | None
    """What failed (an error class and a stage), never document text."""
    retryable: bool
    summary: dict[str, Any]
    """Counts: suggestions, interventions, cases, ...; `documents` the ids it stored."""
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    files: list[JobFile] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


@dataclass(frozen=True)
class CaseGrant:
    """A user granted a restricted case: who, when, and by whom."""

    user_id: int
    user_name: str
    granted_at: datetime
    granted_by: str


@dataclass(frozen=True)
class CaseGroupGrant:
    """A group granted a restricted case (its members see it): which, when, and by whom."""

    group_id: int
    group_name: str
    granted_at: datetime
    granted_by: str


@dataclass(frozen=True)
class CaseAccess:
    """Who may see a case: everyone (not restricted), or admins, the users granted it and
    the members of the groups granted it."""

    case_id: int
    restricted: bool
    grants: list[CaseGrant] = field(default_factory=list)
    group_grants: list[CaseGroupGrant] = field(default_factory=list)


@dataclass(frozen=True)
class GroupMember:
    """A user in a group."""

    user_id: int
    user_name: str


@dataclass(frozen=True)
class UserGroup:
    """A named group of users, to grant restricted cases to all of them at once."""

    id: int
    name: str
    created_at: datetime
    created_by: str
    members: list[GroupMember] = field(default_factory=list)
    """In user name order."""

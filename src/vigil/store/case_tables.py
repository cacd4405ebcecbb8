"""Tables of the case file: parties, mentions, events, interventions, responses, cases.

Defined on the one `metadata` of `tables.py`; created by migration 6. Every
machine-made row keeps its source (document and JSON spans) and a review
state; links from events and interventions to parties go through `mentions`,
so each link points at the words that support it. Natural keys
(`document_id`, `key`) make building from extractions idempotent.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from vigil.store.tables import metadata


def _document_fk(nullable: bool = False) -> Column[int]:
    return Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=nullable,
        index=True,
    )


def _provenance() -> list[Column[object]]:
    """Where a machine-made fact came from and whether a person has looked at it."""
    return [
        Column("spans", Text, nullable=False, default="[]"),
        Column("component", String(40), nullable=False, default="hand"),
        Column("rule", String(200), nullable=False, default=""),
        Column("confidence", Float, nullable=False, default=1.0),
        Column("review_state", String(16), nullable=False, default="suggested", index=True),
    ]


parties = Table(
    "parties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32)),
    Column("name", Text, nullable=False),
    Column("review_state", String(16), nullable=False, default="suggested"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

party_names = Table(
    "party_names",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "party_id",
        Integer,
        ForeignKey("parties.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", Text, nullable=False),
    Column("script", String(16), nullable=False),
    UniqueConstraint("party_id", "name", name="uq_party_names_party_name"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    # None: a party named for an event entered by hand with no document (migration 20).
    _document_fk(nullable=True),
    # Where in the extraction: "senders[0]", "events[2].actors[1]", ...
    Column("key", String(120), nullable=False),
    Column("role", String(32), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32)),
    Column("party_id", Integer, ForeignKey("parties.id", ondelete="SET NULL"), index=True),
    *_provenance(),
    UniqueConstraint("document_id", "key", name="uq_mentions_document_key"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("status", String(16), nullable=False, default="open"),
    Column("merged_into", Integer, ForeignKey("cases.id", ondelete="SET NULL")),
    # The party at risk this case was suggested for (None for a case made by hand).
    Column("suggested_for", Integer, ForeignKey("parties.id", ondelete="SET NULL"), unique=True),
    Column("review_state", String(16), nullable=False, default="suggested"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

case_members = Table(
    "case_members",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", Integer, ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(32), nullable=False, default="at_risk"),
    Column("review_state", String(16), nullable=False, default="suggested"),
)

case_documents = Table(
    "case_documents",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    # None: entered by hand with no source document (migration 20).
    _document_fk(nullable=True),
    Column("key", String(120), nullable=False),
    Column("type", String(64), nullable=False, index=True),
    Column("date", String(10)),
    # day / month / year / estimate; None when undated.
    Column("date_precision", String(16)),
    Column("place", Text),
    # asserted / alleged / threatened / denied ... as the extractor read it.
    Column("modality", String(32)),
    *_provenance(),
    # Who entered an event by hand, and when (migration 20; None: read by the machine).
    Column("entered_by", String(120)),
    Column("entered_at", DateTime(timezone=True)),
    UniqueConstraint("document_id", "key", name="uq_events_document_key"),
)

event_parties = Table(
    "event_parties",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # subject / actor
    # Who alleges it: a sender mention of the source document (None: unsigned text).
    Column("alleged_by", Integer, ForeignKey("mentions.id", ondelete="SET NULL")),
)

interventions = Table(
    "interventions",
    metadata,
    Column("id", Integer, primary_key=True),
    _document_fk(nullable=True),
    # "letter" (the document itself), "prior_interventions[0]", or None (by hand).
    Column("key", String(120)),
    Column("date", String(10)),
    Column("date_precision", String(16)),
    # True when the date is the day the document was recorded, not one the text gives.
    Column("date_is_recorded", Boolean, nullable=False, default=False),
    Column("channel", String(32)),
    Column("due_date", String(10), index=True),
    *_provenance(),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "key", name="uq_interventions_document_key"),
)


def _intervention_key() -> Column[int]:
    """The intervention a link row belongs to (part of its primary key)."""
    return Column(
        "intervention_id",
        Integer,
        ForeignKey("interventions.id", ondelete="CASCADE"),
        primary_key=True,
    )


intervention_parties = Table(
    "intervention_parties",
    metadata,
    _intervention_key(),
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # sender / addressee / copy / on_behalf
)

intervention_events = Table(
    "intervention_events",
    metadata,
    _intervention_key(),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)

intervention_demands = Table(
    "intervention_demands",
    metadata,
    _intervention_key(),
    Column("demand", String(64), primary_key=True),
    *_provenance(),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "intervention_id",
        Integer,
        ForeignKey("interventions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("from_party", Integer, ForeignKey("parties.id", ondelete="SET NULL")),
    Column("date", String(10), nullable=False),
    Column("type", String(32), nullable=False),
    Column("summary", Text),
    _document_fk(nullable=True),
    Column("actor", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

intervention_status_history = Table(
    "intervention_status_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "intervention_id",
        Integer,
        ForeignKey("interventions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("status", String(32), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    # "text" (the document says so), "built" (Vigil's default), "hand", "response".
    Column("source", String(16), nullable=False),
    Column("spans", Text, nullable=False, default="[]"),
)

TABLES = (
    parties,
    party_names,
    mentions,
    cases,
    case_members,
    case_documents,
    events,
    event_parties,
    interventions,
    intervention_parties,
    intervention_events,
    intervention_demands,
    responses,
    intervention_status_history,
)


# -- migration 7: merge suggestions between parties; merges kept reversible ------------
# Not in TABLES (migration 6 creates those): migration 7 creates this table and adds the
# two columns below to stores made before it (a store made since has them from migration 6).

parties.append_column(
    # A party merged into another is kept as a tombstone pointing at the one it joined.
    Column("merged_into", Integer, ForeignKey("parties.id", ondelete="SET NULL"))
)
mentions.append_column(
    # The party a mention was in before its last merge, so a split can undo the merge.
    Column("merged_from", Integer, ForeignKey("parties.id", ondelete="SET NULL"))
)

party_merge_suggestions = Table(
    "party_merge_suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("party_a", Integer, ForeignKey("parties.id", ondelete="CASCADE"), nullable=False),
    Column(
        "party_b", Integer, ForeignKey("parties.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("score", Float, nullable=False),
    # JSON list of human-readable reasons (they quote names: never logged).
    Column("reasons", Text, nullable=False, default="[]"),
    Column("review_state", String(16), nullable=False, default="suggested", index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("actor", String(200), nullable=False),
    UniqueConstraint("party_a", "party_b", name="uq_party_merge_suggestions_pair"),
    CheckConstraint("party_a < party_b", name="ck_party_merge_suggestions_order"),
)


# -- migration 8: intervention sources ---------------------------------------------------
# Not in TABLES (migration 6 creates those): migration 8 creates these two.

intervention_sources = Table(
    "intervention_sources",
    metadata,
    # More documents carrying the same letter (a repost, the e-mail and its PDF), beyond
    # the intervention's own `document_id`; similarity is the Jaccard of word shingles.
    _intervention_key(),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("similarity", Float, nullable=False),
)

intervention_hand_parties = Table(
    "intervention_hand_parties",
    metadata,
    # Parties a person named for an intervention recorded by hand (no document words to
    # point at, so no mention); a merged party is followed through `parties.merged_into`.
    _intervention_key(),
    Column("party_id", Integer, ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # sender / addressee / copy / on_behalf
)


# -- migration 9: replies proposed as responses -------------------------------------------
# Not in TABLES (migration 6 creates those): migration 9 creates this one.

reply_suggestions = Table(
    "reply_suggestions",
    metadata,
    # A document that reads as a reply to an earlier letter (its addressee writing back to
    # its sender, or saying it answers a letter): proposed as a response to that letter's
    # intervention instead of a new letter. Accepting records the response (`response_id`).
    Column("id", Integer, primary_key=True),
    Column(
        "intervention_id",
        Integer,
        ForeignKey("interventions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _document_fk(),
    Column("rule", String(40), nullable=False),
    Column("review_state", String(16), nullable=False, default="suggested", index=True),
    Column("response_id", Integer, ForeignKey("responses.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("actor", String(200), nullable=False),
    UniqueConstraint("intervention_id", "document_id", name="uq_reply_suggestions_pair"),
)


# -- migration 12: what caseworkers record on a case -------------------------------------
# A store made since these were defined has them from migration 6; an older one gets them
# from migration 12. `tags` is a JSON list of short strings.

CASE_FIELD_COLUMNS = (
    Column("country", String(2), index=True),
    Column("situation", String(40), index=True),
    Column("detention_place", Text),
    Column("charges", Text),
    Column("lawyer", Text),
    Column("tags", Text, nullable=False, default="[]", server_default="[]"),
    Column("notes", Text),
    Column("assignee", Integer, ForeignKey("users.id", ondelete="SET NULL"), index=True),
)
for _column in CASE_FIELD_COLUMNS:
    cases.append_column(_column)


# -- migration 16: letter fingerprints, mentions' name keys, offices and their holders -----
# Not in TABLES (migration 6 creates those): migration 16 creates these three.

mention_keys = Table(
    "mention_keys",
    metadata,
    # The blocking keys of a mention's name (`vigil.resolve.keys`, without their kind
    # prefix) and its surname key, so an update finds the mentions a new one may join by a
    # lookup instead of resolving every mention again (`cases.build`).
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(200), primary_key=True, index=True),
)

letter_bands = Table(
    "letter_bands",
    metadata,
    # The LSH band keys of a letter that has its own intervention (`cases.duplicates`), so a
    # new letter finds its near-duplicates by a lookup instead of re-reading every letter.
    # A text too short to compare has the one key '-': fingerprinted, never a candidate.
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("band_key", String(48), primary_key=True, index=True),
)

office_holders = Table(
    "office_holders",
    metadata,
    # An office and the person a document says holds it ('Jane Doe, Minister of the
    # Interior'), dated when the text dates it; from the document and the words that say so.
    Column("id", Integer, primary_key=True),
    Column("office_id", Integer, ForeignKey("parties.id", ondelete="CASCADE"), nullable=False),
    Column(
        "holder_id",
        Integer,
        ForeignKey("parties.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("since", String(10)),  # the date the document gives (YYYY[-MM[-DD]]), when it does
    _document_fk(nullable=True),
    Column("spans", Text, nullable=False, default="[]"),
    Column("review_state", String(16), nullable=False, default="suggested"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    UniqueConstraint("office_id", "holder_id", "document_id", name="uq_office_holders_link"),
)

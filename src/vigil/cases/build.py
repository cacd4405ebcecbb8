"""Stored extractions → parties, events and interventions, resolved across documents.

1. Each extracted document's facts (`facts.document_facts`) are written where
   missing, so a second run adds nothing.
2. A mention of unknown kind takes the kind its exact spelling has elsewhere.
3. Every mention is resolved with `vigil.resolve`: mentions join one party only
   on a `merge` decision, never across two different known kinds; the
   uncertain middle stays apart (it is for a person to review).
4. A group keeps the party one of its mentions already has; otherwise a new
   party is made, named after its first mention. Existing parties are never
   merged here: uncertain pairs of parties become merge suggestions for a
   person (`parties.suggest_merges`).
5. An office named beside its holder ('Jane Doe, Minister of ...') is linked to
   the holder's party (`offices`, `store/offices.py`), for the documents built.

A letter whose text is a near-duplicate (`duplicates`) of a letter that
already has an intervention (a repost, the same text as e-mail and PDF)
becomes one more source of that intervention, not a new one; the earlier
appeals it mentions join those of the first copy, and its events are the
first copy's (one detention on the timeline, not one per copy). The same text to other
addressees stays a letter of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from vigil.cases.duplicates import SHORT, band_keys, nearest_of
from vigil.cases.facts import DEFAULT_FOLLOW_UP_DAYS, document_facts
from vigil.cases.parties import suggest_merges
from vigil.cases.replies import Letter as EarlierLetter
from vigil.cases.replies import reply_to
from vigil.cases.short_forms import PersonMention, name_words, short_form_moves
from vigil.model import BuildReport, DocumentFacts, InterventionFact, LetterSides, MentionRow
from vigil.resolve import KINDS, Mention, resolve
from vigil.resolve.cluster import MAX_BLOCK
from vigil.resolve.keys import blocking_keys
from vigil.resolve.normalise import normalise
from vigil.store import Store, fingerprints
from vigil.store import facts as fact_store
from vigil.store import interventions as intervention_store
from vigil.store import name_keys as key_store
from vigil.store import offices as office_store
from vigil.store import parties as party_store
from vigil.store import replies as reply_store
from vigil.store.suggestions import get_extraction

CHANNELS = {"eml": "email", "html": "web"}
"""How a letter was sent, read from the format it came in (anything else: a letter)."""


def build_from_extractions(
    store: Store,
    *,
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    actor: str = "local",
    documents: Iterable[int] | None = None,
) -> BuildReport:
    """Turn every stored extraction (or those of `documents`) into case-file facts; idempotent.

    With `documents` (the ones just extracted) only their facts are read and
    written: the work does not grow with the documents already built.
    """
    totals = {"mentions": 0, "events": 0, "interventions": 0, "sources": 0}
    docs = fact_store.extracted_documents(store, None if documents is None else list(documents))
    letters = _Letters(store, None if documents is None else [d.id for d in docs])
    answers = _Replies(store, scoped=documents is not None)
    replies = intervention_store.response_documents(store)
    replies |= intervention_store.drafted_documents(store)  # Vigil's own drafts
    for doc in docs:
        if doc.id in replies:
            continue  # a response letter belongs to the intervention it answers
        record = get_extraction(store, doc.id)
        if record is None:
            continue
        channel = CHANNELS.get(doc.format, "letter")
        facts = document_facts(doc.id, doc.recorded_at, record, follow_up_days, channel)
        repeats = letters.repeats(facts)
        if repeats is not None:
            # a copy of a letter already built: its events are the first copy's, not new ones
            facts = replace(facts, events=[])
        if repeats is None and answers.is_reply(facts, doc.id not in letters.owners, actor):
            facts = replace(
                facts, interventions=[i for i in facts.interventions if i.key != "letter"]
            )
        saved = fact_store.save_document_facts(store, facts, actor, repeats=repeats)
        for name, count in saved.items():
            totals[name] += count
        if repeats is None:
            letters.saved(facts)
            answers.saved(facts, letters.owners.get(doc.id))
    # an update resolves and joins short forms for its new mentions only; a full build, all
    new = None if documents is None else key_store.unassigned(store)
    made = resolve_parties(store, actor, new=new)
    # only people's surnames: a place or an office shares its last word with thousands of
    # mentions, none of them a person's short form
    surnames = None if new is None else key_store.person_surnames(store, [r.id for r in new])
    join_short_forms(store, actor, surnames)
    office_store.link_offices(store, None if documents is None else [d.id for d in docs], actor)
    suggest_merges(store, actor, _neighbourhood(store, [d.id for d in docs], documents))
    return BuildReport(
        len(docs),
        totals["mentions"],
        made,
        totals["events"],
        totals["interventions"],
        totals["sources"],
    )


def _neighbourhood(
    store: Store, built: list[int], documents: Iterable[int] | None
) -> list[int] | None:
    """For an update, the parties its documents mention and those sharing a name key with
    them (keys more mentions share than resolution compares left out): the only parties a
    new merge suggestion can be about. None (every party) for a full build."""
    if documents is None:
        return None
    touched = key_store.parties_of_documents(store, built)
    counts = key_store.key_counts(store, key_store.keys_of_parties(store, touched))
    shared = key_store.parties_sharing(store, [k for k, n in counts.items() if n <= MAX_BLOCK])
    return sorted(set(touched) | set(shared))


class _Letters:
    """The letters that have an intervention, and which intervention a repeated one joins.

    Candidates come from the letters' stored fingerprints (`store/fingerprints.py`, LSH
    band keys): a new letter reads only the texts of the few letters sharing a key, so
    the work does not grow with the letters already built. Letters built before their
    fingerprints were kept get them on first need.
    """

    def __init__(self, store: Store, documents: Sequence[int] | None = None) -> None:
        self.store = store
        self.scoped = documents is not None
        """An update reads the owners and repeats of its documents, and of candidates."""
        self.owners = fact_store.letter_owners(store, documents)
        self.known = fact_store.repeated_letters(store, documents)
        self._backfilled = False

    def _owned(self, documents: Sequence[int]) -> list[int]:
        """Those of `documents` that are a letter's own document (read on need in an update)."""
        if self.scoped:
            asked = [d for d in documents if d not in self.owners]
            if asked:
                self.owners.update(fact_store.letter_owners(self.store, asked))
        return [d for d in documents if d in self.owners]

    def text(self, document_id: int) -> str:
        return fact_store.document_text(self.store, document_id)

    def repeats(self, facts: DocumentFacts) -> tuple[int, float] | None:
        """(intervention, similarity) when this document's letter repeats an earlier one."""
        doc = facts.document_id
        if not any(i.key == "letter" for i in facts.interventions):
            return None
        if doc in self.known:
            return self.known[doc]
        if doc in self.owners:
            # Its own letter, or one recorded by hand with this document: nothing new.
            return (self.owners[doc], 1.0)
        self._backfill()
        text = self.text(doc)
        shared = fingerprints.sharing(self.store, band_keys(text), SHORT)
        candidates = [d for d in self._owned(shared) if d != doc]
        for near in nearest_of(text, candidates, self.text):
            owner = self.owners[near.document_id]
            # The same text sent to other addressees is another intervention: the first
            # letter's addressees must be named in this one too.
            other = intervention_store.intervention_addressees(self.store, owner)
            if other and not any(name.casefold() in text.casefold() for name in other):
                continue
            self.known[doc] = (owner, near.similarity)
            return self.known[doc]
        return None

    def saved(self, facts: DocumentFacts) -> None:
        """Fingerprint a letter that has just become an intervention of its own."""
        doc = facts.document_id
        if doc in self.owners or not any(i.key == "letter" for i in facts.interventions):
            return
        owners = fact_store.letter_owners(self.store, [doc])
        if doc in owners:
            self.owners[doc] = owners[doc]
            fingerprints.save_fingerprint(self.store, doc, band_keys(self.text(doc)))

    def _backfill(self) -> None:
        if self._backfilled:
            return
        self._backfilled = True
        for doc in fingerprints.unfingerprinted(self.store, everywhere=not self.scoped):
            fingerprints.save_fingerprint(self.store, doc, band_keys(self.text(doc)))


class _Replies:
    """Which letters answer an earlier one (`replies`): proposed as responses, not letters.

    A document keeps its decision: waiting or accepted, it is no letter of its own;
    rejected, it is one. The earlier letters are read on first need only.
    """

    def __init__(self, store: Store, scoped: bool = False) -> None:
        self.store = store
        self.states = reply_store.reply_states(store)
        self._earlier: list[EarlierLetter] | None = None
        self.scoped = scoped
        """An update reads only the letters to someone its senders may be (`candidates`)."""
        self.added: list[EarlierLetter] = []

    def is_reply(self, facts: DocumentFacts, new_letter: bool, actor: str) -> bool:
        doc = facts.document_id
        letter = next((i for i in facts.interventions if i.key == "letter"), None)
        if letter is None:
            return False
        if doc in self.states:
            return self.states[doc] != "rejected"
        if not new_letter:
            return False
        names = {
            role: [m.name for m in facts.mentions if m.role in roles]
            for role, roles in (("from", ("sender",)), ("to", ("addressee", "copy")))
        }
        found = reply_to(
            names["from"],
            names["to"],
            None if letter.date_is_recorded else letter.date,
            fact_store.document_text(self.store, doc),
            [e for e in self.candidates(names["from"]) if e.document_id != doc],
        )
        if found is None:
            return False
        reply_store.add_reply_suggestion(self.store, found.intervention_id, doc, found.rule, actor)
        self.states[doc] = "suggested"
        return True

    def candidates(self, senders: Sequence[str]) -> list[EarlierLetter]:
        """The earlier letters a reply from `senders` may answer: all of them, or in an
        update those addressed to a party with a name key of a sender (`name_keys`; keys
        more mentions share than resolution compares left out, as there)."""
        if not self.scoped:
            return self.earlier
        keys = {k for name in senders for k in name_keys(MentionRow(0, name, None, None))}
        counts = key_store.key_counts(self.store, keys)
        ids = intervention_store.addressed_to_keys(
            self.store, [k for k, n in counts.items() if n <= MAX_BLOCK]
        )
        found = [_earlier(i) for i in intervention_store.letter_sides(self.store, ids)]
        return found + [e for e in self.added if e.intervention_id not in set(ids)]

    def saved(self, facts: DocumentFacts, intervention_id: int | None) -> None:
        """A letter just saved can be answered by a later document of the same build."""
        letter = next((i for i in facts.interventions if i.key == "letter"), None)
        if intervention_id is None or letter is None:
            return
        if self.scoped:
            self.added.append(self._letter(facts, intervention_id, letter))
            return
        if self._earlier is None:
            return
        self._earlier.append(self._letter(facts, intervention_id, letter))

    @staticmethod
    def _letter(
        facts: DocumentFacts, intervention_id: int, letter: InterventionFact
    ) -> EarlierLetter:
        return EarlierLetter(
            intervention_id,
            facts.document_id,
            None if letter.date_is_recorded else letter.date,
            tuple(m.name for m in facts.mentions if m.role == "sender"),
            tuple(m.name for m in facts.mentions if m.role in ("addressee", "copy")),
        )

    @property
    def earlier(self) -> list[EarlierLetter]:
        if self._earlier is None:
            self._earlier = [_earlier(i) for i in intervention_store.letter_sides(self.store)]
        return self._earlier


def _earlier(sides: LetterSides) -> EarlierLetter:
    date = None if sides.date_is_recorded else sides.date
    return EarlierLetter(sides.id, sides.document_id, date, sides.senders, sides.recipients)


def join_short_forms(
    store: Store, actor: str = "local", surnames: Iterable[str] | None = None
) -> int:
    """Move each short or titled form of a person's name to the full name's party
    (`short_forms`); returns the mentions moved. With `surnames` (surname keys, `name_keys`)
    only the people of those surnames are read: every rule compares people of one surname."""
    found = (
        [PersonMention(*row) for row in party_store.person_mentions(store)]
        if surnames is None
        else _surname_people(store, surnames)
    )
    moves = [mv for mv in short_form_moves(found) if mv.mention_id > 0]
    party_store.move_mentions(
        store, [(mv.mention_id, mv.from_party, mv.to_party) for mv in moves], actor
    )
    return len(moves)


def _surname_people(store: Store, surnames: Iterable[str]) -> list[PersonMention]:
    """What `short_form_moves` needs of the people of `surnames` to move what it would move
    given all their mentions, read as a row per spelling and party, not per mention.

    Every spelling and party stands in once (a negative id and document, never moved):
    they give each full name's party and each surname's people. The mentions that can
    move are read whole: the one-word forms, with the names in their documents, and the
    full names outside their name's party.
    """
    spellings = key_store.person_names_sharing(store, surnames)
    words = {name: name_words(name) for name, _ in spellings}
    holder: dict[tuple[str, str], int] = {}
    for name, party in spellings:  # by party: the earliest holds the name
        w = words[name]
        if len(w) >= 2:
            holder.setdefault((w[0], w[-1]), party)
    short = {name for name, _ in spellings if len(words[name]) == 1}
    moving = {
        name
        for name, party in spellings
        if len(words[name]) >= 2 and holder[(words[name][0], words[name][-1])] != party
    }
    read = key_store.person_mentions_sharing(store, surnames, names=short | moving)
    rows = {r[0]: r for r in read}
    documents = {r[1] for r in rows.values() if r[2] in short}
    if documents:
        more = key_store.person_mentions_sharing(store, surnames, documents=documents)
        rows.update((r[0], r) for r in more)
    stand_ins = [
        PersonMention(-n, -n, name, party)
        for n, (name, party) in enumerate(spellings, 1)
        if len(words[name]) >= 2
    ]
    return stand_ins + [PersonMention(*rows[i]) for i in sorted(rows)]


def name_keys(row: MentionRow) -> set[str]:
    """A mention's blocking keys without their kind and family (so an event's subject of
    unknown kind meets the person of the same name), and its surname key `s|<surname>`."""
    normal = normalise(row.name, row.kind if row.kind in KINDS else None)
    # 'p|n|doe|jon' → 'doe|jon': the kind and the key's family are left out
    keys = {k.split("|", 2)[-1] for k in blocking_keys(normal, row.kind)}
    words = name_words(row.name)
    if words:
        keys.add(f"s|{words[-1]}")
    return keys


def key_mentions(store: Store, *, everywhere: bool = True) -> None:
    """Key the mentions that have no keys yet (`store/name_keys.py`; in an update, those
    made since the last build)."""
    rows = key_store.unkeyed(store, everywhere=everywhere)
    key_store.save_keys(store, [(row.id, name_keys(row)) for row in rows])


def resolve_parties(
    store: Store, actor: str = "local", *, new: Sequence[MentionRow] | None = None
) -> int:
    """Give every mention a party (resolving spellings across documents); returns parties made.

    With `new` (the mentions without a party), only those are resolved, with the mentions
    sharing a name key with them (`name_keys`), not every mention: the work follows them."""
    key_mentions(store, everywhere=new is None)
    if new is not None:
        counts = key_store.key_counts(store, key_store.keys_of(store, [r.id for r in new]))
        # a key more mentions share than resolution compares is no block there either
        keys = [k for k, n in counts.items() if n <= MAX_BLOCK]
        shared = key_store.mentions_sharing(store, keys)
        rows = sorted({r.id: r for r in [*shared, *new]}.values(), key=lambda r: r.id)
    else:
        rows = fact_store.load_mentions(store)
    if not rows or all(r.party_id is not None for r in rows):
        return 0
    rows = _with_known_kinds(rows)
    resolution = resolve([Mention(r.name, r.kind) for r in rows])
    groups: list[tuple[int | None, list[MentionRow], str | None, str]] = []
    for cluster in resolution.clusters:
        for kind, members in _by_kind([rows[i] for i in cluster]):
            existing = sorted({m.party_id for m in members if m.party_id is not None})
            # a group whose mentions all have their party has nothing to write
            if any(m.party_id is None for m in members):
                groups.append((existing[0] if existing else None, members, kind, members[0].name))
    return fact_store.assign_parties(store, groups, actor)


def _with_known_kinds(rows: list[MentionRow]) -> list[MentionRow]:
    """A mention of unknown kind (an event's subject, an earlier appeal's addressee)
    takes the kind the same spelling has elsewhere, so it can block with it."""
    seen: dict[str, Counter[str]] = {}
    for r in rows:
        if r.kind:
            seen.setdefault(r.name.casefold(), Counter())[r.kind] += 1
    return [
        r
        if r.kind or r.name.casefold() not in seen
        else MentionRow(r.id, r.name, seen[r.name.casefold()].most_common(1)[0][0], r.party_id)
        for r in rows
    ]


def _by_kind(members: list[MentionRow]) -> list[tuple[str | None, list[MentionRow]]]:
    """Split a cluster by known kind; mentions of unknown kind join the largest group."""
    counts = Counter(m.kind for m in members if m.kind)
    if not counts:
        return [(None, members)]
    main = counts.most_common(1)[0][0]
    split: dict[str, list[MentionRow]] = {}
    for m in members:
        split.setdefault(m.kind or main, []).append(m)
    return sorted(split.items(), key=lambda item: item[1][0].id)

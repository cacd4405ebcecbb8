"""Stage: events — type from the vocabulary, subjects, alleged actors,
place, date and modality, from sentence-level trigger patterns in English
and the other languages of `vocab/languages/` (each file's `events` section),
read through the dependency parse.

- **Trigger**: the first pattern of a type found in a sentence; its head word
  is the verb or noun the pattern names ('was *arrested*', '*arrest* of').
- **Subjects**: the passive subject or the object of a trigger verb, the
  'of' complement or possessor of a trigger noun, with their conjuncts
  ('A, B and C'); a pronoun points back to the last person at
  risk ('they', 'both': everyone the last sentence named; with no one named
  before, the document's main person). Without a parse, the people named in
  the sentence who are not the letter's own parties, else the person a
  pronoun of the language points back to. The active subject of a type the
  subject does itself ('he fled') is its subject, and so is the active subject
  of a verb of undergoing ('he remains in custody', 'is serving a sentence':
  `undergoing_verbs` of the languages); no one is the actor of what happens to
  him. Names listed after 'Among
  them are' join the group's event of that sentence or the one before.
- **Actors**: the active subject of a trigger verb or its 'by' agent (an
  institution, its agents or its interrogators), else the state actor
  the text names most ('the Syrian authorities'), unless the text names the
  police, security or judicial body that did a state act ('officers of the X
  Directorate arrested him'): then it presumes no one. A court found by kind
  acts on a detention only as the subject or agent of a verb the trigger hangs
  from ('a judge ordered him held'), never as the court that sentenced
  ('sentenced to five years' imprisonment') or one asked for ('bring him
  before a judge').
- **Modality**: `denied` under a negation or a verb of denial; `feared` under
  a condition ('if'), a future or modal ('will face'), a fear or risk word, or
  a request ('we call on X to release'); otherwise `asserted`. A type that is
  itself a threat (a threatened removal) is asserted whatever the mood. The
  contract keeps asserted events.
- **Semantics**: what a type means (a state act, putting its subject at
  risk, fatal, the institutions that usually act) is read from the
  vocabulary through `vigil.vocab.event_semantics`.

Events of one type about the same people are merged into one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from vigil.extract import calendars, capitalised, prefilter
from vigil.extract.context import Context, prov
from vigil.extract.event_modality import cue_modality, requested
from vigil.extract.event_roles import (
    agent_body,
    agent_phrase,
    armed_body,
    carry_named_force,
    clean_actor,
    indefinite_bystander,
    judicial_body,
    named_agent,
    place_bound,
    plausible_subject,
    settle_actors,
    upholding_court,
)
from vigil.extract.kind import LETTER_KINDS
from vigil.extract.names import looks_like_person, same_person
from vigil.extract.occurrences import whole
from vigil.extract.parties import country_of, country_table, office_holder
from vigil.extract.prefilter import Literals
from vigil.extract.referents import Referents, genders, pronoun_gender
from vigil.extract.types import Event, Value
from vigil.vocab import languages, load
from vigil.vocab.event_semantics import semantics
from vigil.vocab.languages import Rule

NAME = "events"
_FLAGS = re.IGNORECASE | re.MULTILINE

_FEARED = re.compile(
    r"(?i)\b(?:will|would|could|may|might|if|fears?|feared|risk(?:s|ing)?|faces?|facing|possible|"
    r"possibly|likely|threat of|should|must not|to prevent|prevent|avoid|once|en cas de|risque|"
    r"pourrait|serait|sera)\b"
)
_DENIED = re.compile(
    r"(?i)\b(?:denied that|denies that|deny that|not|never|no(?!\.?\s*\d)|n't|ne\b|nié)\b"
)
# a negation inside a trigger of a type that is itself a deprivation ('not allowed to visit',
# "n'ont pas pu le voir", 'non hanno potuto vederlo', 'keine Besuche', 'sin visitas')
_OWN_NEGATION = re.compile(
    r"(?i)(?<!\w)(?:not|never|no|ne|pas|jamais|non|mai|nicht|kein\w*|nie|nunca|sin|sans|senza|"
    r"ohne)(?!\w)|n't(?!\w)|(?<!\w)n['\u2019](?=\w)"
)
_PRONOUN = re.compile(r"(?i)\b(?:he|she|him|her|his|il|elle|lui)\b")
_GROUP_WORDS = (
    r"members|refugees|detainees|prisoners|activists|journalists|citizens|nationals|protesters|"
    r"defenders|lawyers|leaders|individuals|people|civilians|soldiers|hostages|asylum seekers|"
    r"migrants|immigrants|students|dissidents|workers|children|women|passengers|Americans|"
    r"Uyghurs|trustees|missionaries|opponents|membres|réfugiés|détenus|prisonniers|militants|"
    r"journalistes|manifestants|défenseurs"
)
_GROUP = re.compile(
    r"(?i)\b(?:(?:the|these|those|several|many|hundreds of|thousands of|dozens of|"
    r"\d[\d,]*|all)\s+)?"
    rf"(?:[\w.-]+\s+){{0,3}}?(?:{_GROUP_WORDS})\b"
)
_GROUP_HEAD = re.compile(rf"(?i)^(?:{_GROUP_WORDS})$")
_STATE = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<adj>[A-Z][a-z]+(?:ian|an|ese|ish|i|ch|ic|ean|ien|ais|ois|en))\s+"
    r"(?P<noun>government|authorities|regime|police|security (?:forces|services)|armed forces|"
    r"forces|military|army|officials|judiciary|courts?)\b"
    r"|\b(?P<of>(?:[Gg]overnment|[Rr]egime|[Aa]uthorities) of (?:the )?"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"|\b(?P<named>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?) "
    r"(?P<noun2>(?:military )?regime|authorities|government)\b"
    r"|\b(?P<poss>(?P<owner>[A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s (?:military |security |judicial )?"  # noqa: RUF001
    r"(?:government|authorities|regime|police|security (?:forces|services)|courts?))"
    r"|\b(?P<fr>(?:le |les )?(?:gouvernement|autorités|police|régime|forces de sécurité) "
    r"(?P<fradj>[a-zé]+(?:ien|ais|ois|en|ain|in)(?:ne)?s?))\b"
)
# event types a state is alleged to commit when the text names no one else
# the institution a sentence names for an event type, when no one else is
# the actor ('the military court sentenced', 'la police a arrêté')
_JUSTICE = (
    r"(?:(?-i:[A-Z])[\w-]+\s+|military\s+|federal\s+|state\s+|revolutionary\s+|public\s+)?"
    r"(?:prosecutors?|prosecution|judges?|court|tribunal)\b"
    r"|\b(?:le |la |les )?(?:juges?|procureurs?|tribunal|cour)\b"
)
_FORCES = (
    r"(?:(?-i:[A-Z])[\w-]+\s+)?(?:police|security (?:forces|services|agents)|"
    r"intelligence (?:services|agents|officers))\b"
    r"|\b(?:la )?police(?: \w+)?\b|\bforces de sécurité\b"
)
_GUARDS = r"(?:guards|officers)\b"
_AGENT_KINDS = {"forces": _FORCES, "justice": _JUSTICE, "guards": _GUARDS}
"""The institution each kind of `usual_agents` (vocab/event_types.json) names."""


@cache
def _agents(type_: str) -> re.Pattern[str] | None:
    """The institutions that usually do an event of this type, as one pattern."""
    kinds = semantics(type_).usual_agents
    if not kinds:
        return None
    return re.compile(rf"(?i)\b(?:{'|'.join(_AGENT_KINDS[k] for k in kinds)})")


# the head of a described (unnamed) actor: an institution or its agents, not
# 'others' or 'the circumstances'
_AGENT_HEAD = re.compile(
    r"(?i)^(?:police|forces|guards?|officers?|officials?|agents?|authorities|government|regime|"
    r"military|army|court|judges?|prosecutors?|prosecution|staff|gangs?|groups?|militias?|soldiers|"
    r"interrogators?|investigators?|jailers?|wardens?|gunmen|kidnappers?|abductors?|"
    r"services|administration|ministry|state|police|juges?|procureurs?|gouvernement|autorités|"
    r"régime|gardiens|agents|militaires|tribunal|cour)$"
)
_BARE_STATE = re.compile(
    r"(?i)^(?:the\s+)?(?:regime|government|authorities|administration|state|"
    r"régime|gouvernement|autorités)$"
)
DOC_SUBJECT = "+doc_subject"
"""Suffix of the rule of an event whose subject is the document's main person."""
PRONOUN_SUBJECT = "+pronoun"
"""Suffix of the rule of an event whose subject is a pronoun ('they were moved')
that no earlier sentence names: it is then about the document's main person."""
_SUBJ_PASS = {"nsubjpass", "nsubj:pass"}
_SUBJ = {"nsubj"}
_OBJ = {"dobj", "obj"}
_NEG = {"not", "n't", "never", "no", "ne", "pas", "jamais", "nullement"}
_DENY = {"deny", "refute", "reject", "dismiss", "nier", "démentir", "contester"}
_FEAR_LEMMAS = {
    "fear",
    "risk",
    "threaten",
    "prevent",
    "avoid",
    "danger",
    "craindre",
    "risquer",
    "menacer",
    "éviter",
    "empêcher",
    "possibility",
    "threat",
    "risque",
    "crainte",
}
_MODALS = {
    "will",
    "would",
    "could",
    "may",
    "might",
    "shall",
    "should",
    "must",
    "ca",
    "can",
    "'ll",
    "pourrait",
    "pourraient",
    "devrait",
    "devraient",
}
_ASK = {
    "call",
    "urge",
    "demand",
    "ask",
    "request",
    "press",
    "appeal",
    "implore",
    "insist",
    "encourage",
    "demander",
    "exiger",
    "appeler",
    "exhorter",
    "prier",
    "inviter",
    "réclamer",
}
_CLAUSES = {"ccomp", "relcl", "acl", "acl:relcl", "parataxis", "csubj"}
_COND = {"if", "unless", "whether", "si", "should"}
_SPEAKERS = {
    "say",
    "state",
    "urge",
    "call",
    "write",
    "ask",
    "request",
    "demand",
    "welcome",
    "announce",
    "join",
    "lead",
    "send",
    "express",
    "note",
    "condemn",
    "applaud",
    "thank",
    "meet",
    "tell",
    "declare",
    "add",
    "praise",
    "continue",
    "remain",
    "introduce",
    "sign",
    "commend",
    "press",
}


def _forms(lemmas: set[str]) -> frozenset[str]:
    """Lemmas with their English inflections: the pipelines run without a lemmatizer."""
    out = set(lemmas)
    for w in lemmas:
        out |= {w + "s", w + "ed", w + "d", w + "ing", w + "es"}
        if w.endswith("y"):
            out |= {w[:-1] + "ied", w[:-1] + "ies"}
        if w.endswith("e"):
            out.add(w[:-1] + "ing")
        if w in ("write", "send", "lead", "say", "tell", "meet"):
            out |= {"wrote", "written", "sent", "led", "said", "told", "met"}
    return frozenset(out)


_DENY_F = _forms(_DENY | {"nie", "nié", "démenti"})
_FEAR_F = _forms(_FEAR_LEMMAS)
_ASK_F = _forms(_ASK)
_SPEAKERS_F = _forms(_SPEAKERS)


def _word(tok: Any) -> str:
    return str(tok.lemma_ or tok.text).lower()


@dataclass
class _Mention:
    start: int
    end: int
    value: str


@cache
def _patterns(language: str | None) -> list[tuple[str, tuple[Rule, ...]]]:
    """Each event type's trigger rules, the text's language first (`vocab/languages/`)."""
    order = [c.code for c in languages.for_text(language)]
    return [(type_, languages.rules("events", type_, order)) for type_ in load("event_types")]


@cache
def _flat(language: str | None) -> tuple[tuple[str, Rule], ...]:
    """Every trigger rule with its type, in `_patterns`' order."""
    return tuple((type_, rule) for type_, rules in _patterns(language) for rule in rules)


@cache
def _index(language: str | None) -> Literals:
    """The literals of every trigger rule (in `_flat`'s order): which rules a sentence
    may match is read in one scan."""
    return Literals([rule.pattern for _, rule in _flat(language)])


def _candidates(language: str | None, folded: str) -> list[tuple[str, list[Rule]]]:
    """Each event type with the rules of it that may match a sentence folded to
    `folded`, in order (only a rule one of whose literals is there can match)."""
    flat = _flat(language)
    out: list[tuple[str, list[Rule]]] = []
    for i in _index(language).candidates(folded):
        type_, rule = flat[i]
        if out and out[-1][0] == type_:
            out[-1][1].append(rule)
        else:
            out.append((type_, [rule]))
    return out


def _mentions(text: str, values: list[Value], parts: bool) -> list[_Mention]:
    """Where each name occurs in the text (its full form, else its last word)."""
    out: list[_Mention] = []
    firsts = [v.value.split()[0] for v in values if len(v.value.split()) >= 2]
    for v in values:
        base = re.sub(r"\s*\([^)]*\)", "", v.value).strip()
        forms = {base, *re.findall(r"\(([^)]*)\)", v.value)}
        if parts:
            words = [w for w in base.split() if len(w) >= 3 and w[0].isupper()]
            if words:
                forms.add(words[-1])
            if len(words) >= 2 and firsts.count(words[0]) == 1 and looks_like_person(base):
                # a first name alone ('Daniel', not 'Daniel Smith') when no other person
                # shares it
                out.extend(
                    _Mention(a, b, v.value)
                    for a, b in whole(text, words[0])
                    if not _capital_follows(text, b)
                )
        for form in forms:
            if len(form) < 2:
                continue
            out.extend(_Mention(a, b, v.value) for a, b in whole(text, form))
    return out


def _capital_follows(text: str, end: int) -> bool:
    """Whether white space and then a capital A-Z follow `end` ('Daniel Smith')."""
    at = end
    while at < len(text) and text[at].isspace():
        at += 1
    return at > end and at < len(text) and "A" <= text[at] <= "Z"


def _at(mentions: list[_Mention], start: int, end: int) -> str | None:
    for m in mentions:
        if m.start < end and start < m.end:
            return m.value
    return None


_CAUSE = re.compile(
    r"\b(?:due to|because of|owing to|thanks to|at the (?:request|behest|instigation) of"
    r"|on the orders? of|by order of|under orders from|in (?:cooperation|collusion|concert) with"
    r"|with the (?:cooperation|help|complicity|assistance|support) of"
    r"|à la demande de|sur (?:l')?ordre de|en (?:coopération|collusion) avec"
    r"|avec la (?:complicité|coopération|aide) de)\b(?P<tail>[^.;:,]*)",
    re.IGNORECASE,
)


def _cause_actors(
    sentence: str, offset: int, persons: list[_Mention], bodies: list[_Mention]
) -> list[str]:
    """Named parties in a causal phrase of the sentence ('due to the cooperation
    of X with Y', 'on the orders of X'): who the text holds responsible."""
    found: list[tuple[int, str]] = []
    for cause in _CAUSE.finditer(sentence):
        lo, hi = offset + cause.start("tail"), offset + cause.end("tail")
        found += [(m.start, m.value) for m in (*persons, *bodies) if lo <= m.start < hi]
    return [value for _, value in sorted(found)]


def _state_actor(ctx: Context) -> str | None:
    """The state actor the text names most often ('Syrian authorities')."""
    countries = country_table()
    places = {v.value for v in ctx.result.locations}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _STATE.finditer(ctx.text):
        if m.group("adj"):
            if m.group("adj").lower() not in countries:
                continue
            text = f"{m.group('adj')} {m.group('noun')}"
        elif m.group("of"):
            text = m.group("of")
            place = re.sub(r"^\w+ of (?:the )?", "", text)
            if place.lower() not in countries and place.split()[0].lower() not in countries:
                continue
        elif m.group("poss"):
            if m.group("owner").lower() not in countries:
                continue
            text = m.group("poss")
        elif m.group("named"):
            if m.group("named").lower() in ("the", "this", "our", "that", "a"):
                continue
            if m.group("noun2") != "regime" and not (
                m.group("named").lower() in countries or m.group("named") in places
            ):
                continue
            text = f"{m.group('named')} {m.group('noun2')}"
        else:
            if m.group("fradj").lower() not in countries:
                continue
            text = re.sub(r"^(?:le|les) ", "", m.group("fr"))
        key = text.lower()
        counts[key] += 1
        first.setdefault(key, m.start())
        ctx.meta.setdefault("state:" + key, text)
    holding = _holding_country(ctx.text, ctx.folded(), {v.value for v in ctx.result.organizations})
    if not counts:
        return holding
    # the authorities of the state where people are held, before any other
    iso = countries.get(holding.lower()) if holding else None
    local = [k for k in counts if iso and country_of(ctx.meta["state:" + k]) == iso]
    best = max(local or counts, key=lambda k: (counts[k], -first[k]))
    return ctx.meta["state:" + best]


# 'detained in Russia', 'held hostage by Iran', 'imprisonné en Turquie': the
# state where the deprivation of liberty happens, when no authority is named
_HELD_IN = re.compile(
    r"(?i)\b(?:detained|held(?: hostage| captive)?|imprisoned|jailed|arrested|sentenced|convicted|"
    r"detention|imprisonment|captivity|custody|prison|hostages?|detainees?|"
    r"détenue?s?|emprisonnée?s?|arrêtée?s?|détention)\s+(?:\w+\s+){0,3}?"
    r"(?:in|by|en|au|par)\s+(?:the\s+)?(?P<country>(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)"  # noqa: RUF001
)


def _holding_country(text: str, folded: str, bodies: set[str]) -> str | None:
    """The country where people are held, or the body that holds them ('by X')
    (`folded`: the text's `fold_case`)."""
    countries = country_table()
    counts: Counter[str] = Counter()
    for m in prefilter.finditer(_HELD_IN, text, folded):
        name = m.group("country")
        body = next((b for b in bodies if b == name or b.startswith(name + " (")), None)
        agent = re.search(r"(?i)\b(?:by|par)\s+(?:the\s+)?$", text[m.start() : m.start("country")])
        if body and agent:
            counts[body] += 1
            continue
        if name.lower() not in countries:
            name = name.split()[0]
        if name.lower() in countries:
            counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _trigger_token(doc: Any, start: int, end: int) -> Any | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    for pos in ("VERB", "NOUN", "ADJ", "PROPN"):
        for tok in span:
            if tok.pos_ == pos and tok.dep_ not in ("aux", "auxpass", "aux:pass"):
                return tok
    return span[-1]


def _chain(tok: Any, depth: int = 4) -> list[Any]:
    out = [tok]
    while depth and out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
        depth -= 1
    return out


def _modality_parsed(tok: Any) -> str:
    """Read modality up the head chain; a content or relative clause is a boundary
    (what one 'should know that ...' is asserted), except for verbs of denial or fear."""
    chain = _chain(tok)
    bounded = False
    for i, node in enumerate(chain):
        lemma = _word(node)
        if i > 0 and chain[i - 1].dep_ in _CLAUSES:
            bounded = True
        if i > 0 and (lemma in _DENY or lemma in _DENY_F):
            return "denied"
        if bounded:
            if lemma in ("fear", "fears", "feared", "craindre", "craint", "worry", "worried"):
                return "feared"
            continue
        if i <= 1 and any(_negation(c) for c in node.children):
            return "denied"
        if i <= 1 and any(_negative_subject(c) for c in node.children):
            return "denied"  # 'no one has been convicted', 'personne n'a été ...'
        if i == 0 and tok.pos_ == "NOUN" and _sought(tok):
            return "feared"  # 'pushing for Evan's release', 'seeking the release': a goal
        if i == 0 and tok.dep_ == "amod" and _asks(node.head):
            return "feared"  # 'we demand the release of the detained refugees': a request
        if i <= 1 and any(c.dep_ == "mark" and c.lower_ in _COND for c in node.children):
            return "feared"
        if i <= 2 and any(c.dep_.startswith("aux") and c.lower_ in _MODALS for c in node.children):
            return "feared"
        if i > 0 and lemma in _FEAR_F and tok.pos_ == "NOUN":
            return "feared"  # 'risk of arrest'
        if i > 0 and lemma in _ASK_F and tok.tag_ == "VB":
            return "feared"  # 'we call on X to release Y'
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if i <= 1 and tok.tag_ == "VB" and infinitive:
            return "feared"
    return "asserted"


def _negation(tok: Any) -> bool:
    """A negation word ('not', 'never', 'pas'); not the number sign 'No.' ('case No. 1024',
    'Colony No. 4'), which the parser may hang on the verb as an object."""
    if tok.dep_ != "neg" and tok.lower_ not in _NEG:
        return False
    after = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return not (
        tok.lower_ == "no" and after is not None
        and (after.text == "." or after.like_num)
    )


_NEGATIVE_SUBJECTS = {"nobody", "none", "nothing", "noone", "personne", "aucun", "aucune"}


def _negative_subject(tok: Any) -> bool:
    """A subject such as 'nobody', 'no one' or 'no official'."""
    if tok.dep_ not in _SUBJ and tok.dep_ not in _SUBJ_PASS:
        return False
    return tok.lower_ in _NEGATIVE_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ in ("no", "aucun", "aucune") for c in tok.children
    )


_STRIVE_F = _forms(
    {"push", "press", "call", "work", "fight", "advocate", "campaign", "hope", "pray", "appeal",
     "plead", "lobby", "effort", "plaider", "lutter", "militer", "appeler", "appel"}
)
_SEEK_F = _forms({"seek", "demand", "request", "urge", "want", "ask", "chercher", "demander"})


def _sought(tok: Any) -> bool:
    """A nominal event that is asked for: 'for his release', 'seeking the release'."""
    if tok.dep_ == "conj" and tok.head is not tok:
        return _sought(tok.head)  # 'seeking the release and safe return of …'
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "pour"):
        return _word(tok.head.head) in _STRIVE_F  # not 'condemned for mistreatment'
    return tok.dep_ in ("dobj", "obj") and _word(tok.head) in _SEEK_F


def _asks(tok: Any) -> bool:
    """Whether the clause around `tok` asks for something ('we demand', 'we urge')."""
    return any(_word(node) in _ASK_F for node in _chain(tok))


def _modality_regex(sentence: str, at: int) -> str:
    before = sentence[max(0, at - 45) : at]
    if _DENIED.search(before[-25:]) or re.search(r"(?i)\bdenied that\b", sentence[:at]):
        return "denied"
    if _FEARED.search(before):
        return "feared"
    return "asserted"


def _pronoun_number(tok: Any) -> str | None:
    """'sing' or 'plur' when the token is a third-person personal pronoun
    ('he', 'they', 'ils') or 'both' standing alone; else None."""
    if tok.lower_ == "both" and tok.pos_ in ("DET", "PRON", "NOUN"):
        return "plur"
    morph = tok.morph
    if tok.pos_ != "PRON" or morph.get("Person") != ["3"]:
        return None
    if morph.get("PronType") not in ([], ["Prs"]) or morph.get("Gender") == ["Neut"]:
        return None  # 'who', 'it'
    return "plur" if tok.morph.get("Number") == ["Plur"] else "sing"


def _with_conj(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conj(c))
    return out


def _phrase(tok: Any) -> str:
    """A short noun phrase headed by tok: its modifiers and an 'of' complement."""
    words = [tok]
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "nummod", "quantmod", "poss", "nmod", "npadvmod"):
            words.extend(c.subtree)
    for c in tok.rights:
        if (c.dep_ == "prep" and c.lower_ == "of" and len(list(c.subtree)) <= 7) or (
            c.dep_ in ("amod", "nmod") and len(list(c.subtree)) <= 3
        ):
            words.extend(c.subtree)
    words = sorted(
        {
            t.i: t
            for t in words
            if t.dep_ != "punct" and not (t.dep_ == "det" and t.head.i == tok.i)
        }.values(),
        key=lambda t: t.i,
    )
    text = "".join(t.text_with_ws for t in words)
    return re.sub(r"\s+", " ", text).strip(" ,.;:")


@cache
def _group_words() -> frozenset[str]:
    """Every language's `group_words` ('residents', 'détenus'), folded."""
    return frozenset(w.casefold() for w in capitalised.words("group_words"))


def _group_head(word: str) -> bool:
    """Whether a noun heads a group of people ('refugees', the languages' `group_words`)."""
    return bool(_GROUP_HEAD.match(word)) or word.casefold() in _group_words()


def _group_in(doc: Any, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    for tok in span or ():
        if tok.pos_ in ("NOUN", "PROPN") and _group_head(tok.text):
            return _phrase(tok)
    return None


@dataclass
class _Roles:
    subjects: list[Any]
    actors: list[Any]


@cache
def _undergoing() -> frozenset[str]:
    """Verbs whose active subject undergoes what their complement names ('serving a
    sentence', 'remains in detention', 'purge une peine'): `undergoing_verbs` of
    `vocab/languages_words.json`, every language."""
    return frozenset(w.casefold() for w in capitalised.words("undergoing_verbs"))


def _roles(tok: Any) -> _Roles:
    subjects: list[Any] = []
    actors: list[Any] = []
    node = tok
    # an auxiliary-headed or adjectival trigger: read its verb
    for _ in range(2):
        children = list(node.children)
        passive = [c for c in children if c.dep_ in _SUBJ_PASS]
        active = [c for c in children if c.dep_ in _SUBJ]
        # the trigger itself is no one's subject ('quash the death sentences')
        objects = [c for c in children if c.dep_ in _OBJ and c.i != tok.i]
        if node.pos_ in ("VERB", "AUX", "ADJ"):
            if passive:
                subjects += passive
            elif objects:
                subjects += objects
                actors += active
            elif active and (node.tag_ in ("VBN", "JJ") or node.lower_ in _undergoing()):
                subjects += active  # 'he is serving a six-year sentence', 'X remains in custody'
            elif active:
                actors += active
            for c in children:
                if c.dep_ in ("agent", "obl:agent"):
                    actors += [g for g in c.children if g.dep_ == "pobj"] or [c]
        else:
            for c in children:
                if c.dep_ == "poss" or (
                    c.dep_ == "nmod"
                    and any(g.lower_ in ("de", "d'", "du", "des") for g in c.children)
                ):
                    subjects.append(c)
                if c.dep_ == "prep" and c.lower_ == "of":
                    subjects += [g for g in c.children if g.dep_ == "pobj"]
                if c.dep_ == "prep" and c.lower_ == "by":
                    actors += [g for g in c.children if g.dep_ == "pobj"]
        if subjects or node.dep_ not in (
            "acomp",
            "xcomp",
            "pobj",
            "dobj",
            "attr",
            "ccomp",
            "obj",
            "prep",
            "advcl",
        ):
            break
        if node.dep_ in ("pobj", "prep") and node.head.dep_ == "prep":
            node = node.head.head
        else:
            node = node.head
    subjects = [t for s in subjects for t in _with_conj(s)]
    actors = [t for a in actors for t in _with_conj(a)]
    return _Roles(subjects, actors)


def run(ctx: Context) -> None:
    res = ctx.result
    doc = ctx.nlp
    parsed = doc is not None and doc.has_annotation("DEP")
    persons = _mentions(ctx.text, res.persons, parts=True)
    bodies = _mentions(ctx.text, [*res.organizations, *res.locations], parts=False)
    locations = {v.value for v in res.locations}
    org_names = {v.value for v in res.organizations}
    person_names = {v.value for v in res.persons}
    parties = [
        p.name for p in (*res.senders, *res.addressees, *res.copies_to) if p.kind == "person"
    ]
    state = _state_actor(ctx)
    # a statement reports what the state did; an appeal names who acted when it knows
    appeal = res.kind is not None and res.kind.value in LETTER_KINDS
    in_parties = [
        (span.start, span.end)
        for p in (*res.senders, *res.addressees, *res.copies_to)
        for span in p.prov.spans
    ]
    language = res.language.value if res.language else None
    referents = Referents(genders(ctx.text, persons, language))
    last_people: list[str] = []
    touched_before: list[Event] = []  # the events of the sentence before
    upholders: list[tuple[str, list[str]]] = []  # a court that upheld a sentence, whom it names
    presumptions: list[tuple[Event, str]] = []  # an event given the state no sentence names
    folded = ctx.folded()
    for start, end in ctx.sentence_spans():
        touched: list[Event] = []
        kept_away: set[str] = set()  # relatives this sentence keeps from the person
        sentence = ctx.text[start:end]
        named = [m for m in persons if start <= m.start < end]
        in_sentence: list[str] = []
        for m in named:
            if m.value not in in_sentence:
                in_sentence.append(m.value)
        for type_, rules in _candidates(language, folded[start:end]):
            trigger = None
            rule = ""
            for candidate in rules:
                trigger = candidate.pattern.search(sentence)
                if trigger:
                    rule = candidate.id
                    break
            if trigger is None:
                continue
            t_start, t_end = start + trigger.start(), start + trigger.end()
            if any(a <= t_start < b for a, b in in_parties):
                continue  # 'Working Group on Arbitrary Detention' in a copy list is no event
            tok = _trigger_token(doc, t_start, t_end) if parsed else None
            subjects: list[str] = []
            actors: list[str] = []
            pronoun = False  # the subject is 'he' or 'they' with no one named before
            if tok is not None and indefinite_bystander(tok):
                continue  # 'a man released from the camp told us': a witness, no event
            if tok is not None:
                modality = _modality_parsed(tok)
                roles = _roles(tok)
                if semantics(type_).done_by_subject and roles.actors:
                    roles = _Roles(roles.actors, [])  # 'he fled Iran': whom it is about
                for s in roles.subjects:
                    name = _at(persons, s.idx, s.idx + len(s.text))
                    number = _pronoun_number(s)
                    if name:
                        subjects.append(name)
                    elif number == "plur" and last_people:
                        subjects.extend(last_people)
                    elif number is not None and referents.last:
                        resolved = referents.resolve(pronoun_gender(s.text, language))
                        subjects.append(resolved or referents.last)
                    elif number is not None:
                        pronoun = True
                    elif s.pos_ in ("NOUN", "PROPN") and (
                        s.tag_ in ("NNS", "NNPS") or _group_head(s.text)
                    ):
                        subjects.append(_phrase(s))
                for a in roles.actors:
                    if a.pos_ == "PRON":
                        continue
                    verb = a.head.head if a.dep_ == "pobj" else a.head
                    if (
                        not semantics(type_).judicial and judicial_body(a.text)
                        and _sentencing(verb.text, language)
                    ):
                        continue  # 'the X Court sentenced him to five years' imprisonment'
                    name = _at(bodies, a.idx, a.idx + len(a.text)) or _at(
                        persons, a.idx, a.idx + len(a.text)
                    )
                    if name:
                        actors.append(name)
                    elif a.pos_ in ("NOUN", "PROPN") and _AGENT_HEAD.search(a.lemma_ or a.text):
                        actors.append(_phrase(a))
            else:
                modality = _modality_regex(sentence, trigger.start())
            here = [
                (m.start - start, m.end - start, m.value)
                for m in bodies
                if start <= m.start < end and m.value in org_names
            ]
            body = agent_body(type_, sentence, (trigger.start(), trigger.end()), here)
            if body:
                actors = [body]  # 'arrested by members of the X': X, not the state
            subjects = [
                x for x in subjects if plausible_subject(x, locations, org_names, person_names)
            ]
            if modality == "asserted" and requested(sentence, trigger.start()):
                modality = "feared"  # 'we call for his release': asked for, not done
            elif modality == "asserted" and tok is None:
                modality = cue_modality(sentence, trigger.start()) or modality
            if semantics(type_).threat:
                modality = "asserted"  # 'he may be deported' asserts the threat
            elif (
                modality == "denied" and semantics(type_).negative
                and _OWN_NEGATION.search(trigger.group(0))
            ):
                modality = "asserted"  # the trigger's own negation: 'not allowed to visit'
            if not subjects:
                speakers = set()
                if tok is not None:
                    for m in named:
                        span = doc.char_span(m.start, m.end, alignment_mode="expand")
                        if span is not None and any(
                            t.dep_ in _SUBJ and _word(t.head) in _SPEAKERS_F for t in span
                        ):
                            speakers.add(m.value)
                subjects = [
                    p
                    for p in in_sentence
                    if p not in speakers
                    and not any(same_person(p, q) for q in parties)
                    and p not in actors
                ]
            if semantics(type_).kin_kept_away and subjects:
                # 'his wife, X, has not been allowed to visit him': X is kept away
                kin = _kin(ctx.text, start, named, language)
                if any(x in kin for x in subjects):
                    kept_away.update(kin)
                    subjects = [x for x in subjects if x not in kin]
            if not subjects and _pronouns(language).search(sentence):
                said = _pronouns(language).search(sentence)
                resolved = referents.resolve(
                    pronoun_gender(said.group(0), language) if said else None
                )
                if resolved:
                    subjects = [resolved]
                elif tok is None:
                    pronoun = True  # 'wurde er festgenommen' before anyone is named
            if not subjects and tok is not None:
                group = _group_in(doc, start, end)
                subjects = [group] if group else []
            elif not subjects:
                g = _GROUP.search(sentence)
                if g:
                    subjects = [g.group(0).strip()]
            actors = [
                a
                for a in dict.fromkeys(actors)
                if a and not any(same_person(a, s) for s in subjects)
            ]
            actors = [a for a in actors if a not in locations or a.lower() in country_table()]
            # 'the regime', 'the authorities': the state the text names
            actors = [
                state if _BARE_STATE.match(a) and state else a
                for a in actors
                if not _BARE_STATE.match(a) or state
            ]
            if not actors:
                actors = [
                    a
                    for a in _cause_actors(sentence, start, persons, bodies)
                    if a not in subjects and a not in locations
                ]
            if not actors:
                by = agent_phrase(sentence[trigger.end() : trigger.end() + 90])
                if by and _BARE_STATE.match(by):
                    by = state  # 'by the authorities': the state the text names
                if by and not _may_act(type_, None, by, (0, 0), sentence, language):
                    by = None  # 'held since 2020, sentenced by the court to ...': the trial's
                actors = [by] if by else []
            if not actors:
                named_here = [
                    m.value for m in bodies
                    if start <= m.start < end and m.value in org_names
                    and _may_act(type_, tok, m.value, (m.start, m.end), sentence, language)
                ]
                named_body = named_agent(type_, named_here)
                actors = [named_body] if named_body else []
            agents = _agents(type_) if not actors else None
            for agent in agents.finditer(sentence) if agents is not None else ():
                where = (start + agent.start(), start + agent.end())
                if _may_act(type_, tok, agent.group(0), where, sentence, language):
                    actors = [agent.group(0)]
                    break
            presumed = (
                not actors and state is not None and semantics(type_).state_act and not appeal
                and not any(
                    e.type == type_ and state in e.actors and e.modality == "asserted"
                    for e in res.events
                )
            )
            if presumed and state:
                # presumed once per type (the text does not repeat it), on an event told as
                # fact: one feared or asked for does not spend it
                actors = [state]
            # 'des agents de l'Agence' cut short where the body's name goes on: the body
            actors = [_whole_body(a, sentence, start, bodies, org_names) for a in actors]
            place = next(
                (m.value for m in bodies if start <= m.start < end and m.value in locations), None
            )
            # the date right after the trigger ('tortured in 2019') before the sentence's first
            date = calendars.partial_date(sentence[trigger.start() : trigger.end() + 30])
            date = date or calendars.partial_date(sentence)
            held = _add(
                res.events,
                Event(
                    type=type_,
                    subjects=list(dict.fromkeys(subjects)),
                    actors=list(dict.fromkeys(clean_actor(a) for a in actors))[:3],
                    place=place,
                    date=date,
                    modality=modality,
                    prov=prov(
                        NAME,
                        rule + (PRONOUN_SUBJECT if pronoun and not subjects else ""),
                        0.6,
                        (start, end),
                        (t_start, t_end),
                    ),
                ),
            )
            touched.append(held)
            if presumed and state:
                presumptions.append((held, clean_actor(state)))
        members = _members(language).search(sentence)
        if members:
            # 'six residents were taken away. Among them are A and B': the group's names
            listed = [
                m.value for m in named
                if m.start >= start + members.end()
                and not any(same_person(m.value, q) for q in parties)
            ]
            for e in (*touched, *touched_before):
                if e in res.events and listed and not _has_name(e.subjects):
                    e.subjects.extend(x for x in dict.fromkeys(listed) if x not in e.subjects)
        touched_before = touched
        upheld = upholding_court(sentence, [
            (m.start - start, m.end - start, m.value)
            for m in bodies
            if start <= m.start < end and m.value in org_names
        ])
        if upheld:
            upholders.append((upheld, in_sentence))
        risk_people = [
            p for p in in_sentence
            if p not in kept_away and not any(same_person(p, q) for q in parties)
        ]
        if risk_people:
            referents.saw(risk_people)
            last_people = risk_people
    # an event with no subject in its sentence is about the person the text is
    # about (the one named most often, not a party); with no such person it is
    # a trigger word, not an event (a threatened removal is always reported)
    # the writers, the recipients and office-holders act or write: they are not
    # whom the events happened to
    officials = {p.value for p in res.persons if office_holder(ctx.text, p.value)}
    places = [*locations, *org_names]
    kept: dict[str, bool] = {}  # each name is judged once, however many events name it
    for e in res.events:
        for x in e.subjects:
            if x not in kept:
                kept[x] = (
                    not any(same_person(x, q) for q in [*parties, *officials])
                    and plausible_subject(x, locations, org_names, person_names)
                    and not place_bound(x, ctx.text, places, language)
                )
        e.subjects[:] = [x for x in e.subjects if kept[x]]
    counts = Counter(
        m.value for m in persons
        if not any(same_person(m.value, q) for q in parties) and m.value not in officials
    )
    main = counts.most_common(1)[0][0] if counts else None
    for e in res.events:
        if not e.subjects and main and (
            semantics(e.type).defaults_to_main_person or e.prov.rule.endswith(PRONOUN_SUBJECT)
        ):
            e.subjects.append(main)
            e.prov = replace(e.prov, rule=e.prov.rule + DOC_SUBJECT, confidence=0.4)
            # no one does to himself what happens to him ('X spent four years in prison')
            e.actors[:] = [a for a in e.actors if not same_person(a, main)]
    res.events[:] = [e for e in res.events if e.subjects or semantics(e.type).threat]
    _unpresume(res.events, presumptions, org_names)
    settle_actors(res.events)
    carry_named_force(res.events, org_names)
    _add_upholders(res.events, upholders)


def _may_act(
    type_: str, tok: Any | None, body: str, where: tuple[int, int], sentence: str,
    language: str | None,
) -> bool:
    """Whether the `body` found by kind at `where` ('the court', a named court in the
    sentence) may be the actor of a trigger `tok` of this type. A court, judge or
    prosecutor acts on an event that is not itself judicial (a detention) only as the
    subject or the agent of a verb the trigger hangs from ('a judge ordered him held in
    pretrial detention', 'the Prosecution, which ordered his detention'), not when it is
    asked for or acts otherwise ('bring him before a judge', 'a court ordered his
    release'), and not when that verb sentences (`_sentencing`). Without a parse, a court
    named in a sentence that reports a trial is the trial's."""
    if semantics(type_).judicial or not judicial_body(body):
        return True
    if tok is None:
        return not _sentencing(sentence, language)
    span = tok.doc.char_span(*where, alignment_mode="expand")
    if span is None:
        return True
    chain = {t.i for t in _chain(tok)}
    verbs = []
    for t in span:
        if t.dep_ in _SUBJ:
            verbs.append(t.head)  # 'a judge ordered ...'
        if t.dep_ == "pobj" and t.head.dep_ in ("agent", "obl:agent"):
            verbs.append(t.head.head)  # '... remanded in custody by the court'
        verbs += [  # 'the Prosecution, which ordered his detention'
            c for c in t.children
            if c.dep_ in ("relcl", "acl:relcl")
            and any(g.dep_ in _SUBJ and g.tag_ in ("WDT", "WP") for g in c.children)
        ]
    return any(v.i in chain and not _sentencing(v.text, language) for v in verbs)


def _sentencing(text: str, language: str | None) -> bool:
    """Whether `text` (a verb, or a sentence read without a parse) holds a trigger of a
    judicial event type ('sentenced', 'condamné', 'محکوم'): a prison term a court hands
    down ('sentenced him to five years' imprisonment') is the court's trial, not a
    detention it does."""
    return any(
        r.pattern.search(text)
        for type_, rules in _patterns(language)
        if semantics(type_).judicial
        for r in rules
    )


def _unpresume(
    events: list[Event], presumptions: list[tuple[Event, str]], bodies: Collection[str]
) -> None:
    """A text that names the police, security, intelligence or judicial body that did
    a state act ('officers of the X Directorate arrested him', 'the Y Court sentenced
    him') tells who did what: the state presumed for its other events ('Syrian
    authorities') is dropped from them. A state's generic forces ('the Syrian security
    forces') name no such body."""
    named = any(
        a in bodies
        and semantics(e.type).state_act
        and (armed_body(a) or judicial_body(a))
        and not _STATE.fullmatch(a)
        for e in events
        for a in e.actors
        if not any(e is held and a == state for held, state in presumptions)
    )
    if named:
        for held, state in presumptions:
            held.actors[:] = [a for a in held.actors if a != state]


def _add_upholders(events: list[Event], upholders: list[tuple[str, list[str]]]) -> None:
    """A court that upheld a sentence ('The Supreme Court upheld her death sentence') is
    an actor of each event `upheld_on_appeal` (a death sentence) about the people its
    sentence names (about anyone when it names no one)."""
    for court, named in upholders:
        for e in events:
            if not semantics(e.type).upheld_on_appeal or court in e.actors or len(e.actors) >= 3:
                continue
            if not named or any(same_person(a, b) for a in named for b in e.subjects):
                e.actors.append(court)


def _add(events: list[Event], new: Event) -> Event:
    """Merge an event into one of the same type and modality about the same people;
    the event that holds it."""
    for old in events:
        if old.type != new.type:
            continue
        if (old.modality == "asserted") != (new.modality == "asserted"):
            continue
        overlap = any(same_person(a, b) for a in old.subjects for b in new.subjects)
        if (
            overlap
            or not old.subjects
            or not new.subjects
            or (not _has_name(old.subjects) and not _has_name(new.subjects))
        ):
            for s in new.subjects:
                if not any(same_person(s, o) or s == o for o in old.subjects):
                    old.subjects.append(s)
            for a in new.actors:
                if a not in old.actors and len(old.actors) < 3:
                    old.actors.append(a)
            old.place = old.place or new.place
            old.date = old.date or new.date
            return old
    events.append(new)
    return new


@cache
def _pronouns(language: str | None) -> re.Pattern[str]:
    """A third-person singular pronoun ('he', 'il', 'er', 'او'): English and French,
    and the language's `subject_pronouns` of `vocab/languages_words.json`."""
    words = capitalised.words("subject_pronouns", language) if language else ()
    if not words:
        return _PRONOUN
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    english_french = _PRONOUN.pattern.removeprefix("(?i)")
    return re.compile(rf"(?i){english_french}|(?<!\w)(?:{alternatives})(?!\w)")


def _whole_body(
    actor: str, sentence: str, start: int, bodies: list[_Mention], orgs: set[str]
) -> str:
    """The organisation whose name an actor phrase of the sentence stops inside
    ('des agents de l'Agence' | 'de sécurité nationale'), else the phrase."""
    at = sentence.find(actor)
    if at < 0:
        return actor
    a, b = start + at, start + at + len(actor)
    for m in bodies:
        if m.value in orgs and a <= m.start < b < m.end:
            return m.value
    return actor


def _kin(text: str, start: int, named: list[_Mention], language: str | None) -> set[str]:
    """The people a sentence names as someone's relative: right after a family word
    of the language ('his wife, X', 'sa mère, Mme X', 'su hermano X')."""
    relation = _relation(language)
    return {m.value for m in named if relation.search(text[max(start, m.start - 60) : m.start])}


@cache
def _relation(language: str | None) -> re.Pattern[str]:
    """A family word ending the text before a name, with an optional comma and
    honorific (`family_words` of the language and of English)."""
    family = {
        *capitalised.words("family_words", language), *capitalised.words("family_words", "en")
    }
    titles = capitalised.honorifics(language) + capitalised.honorifics("en")
    kin = "|".join(re.escape(w) for w in sorted(family, key=len, reverse=True))
    honorific = "|".join(re.escape(w.rstrip(".")) for w in dict.fromkeys(titles))
    return re.compile(rf"(?i)(?<!\w)(?:{kin})\s*,?\s*(?:(?:{honorific})\.?\s+)?$")


@cache
def _members(language: str | None) -> re.Pattern[str]:
    """The words that open a list of a group's members ('among them', 'parmi eux'),
    `member_cues` of `vocab/languages_words.json` (English's too, for quoted text)."""
    cues = {*capitalised.words("member_cues", language), *capitalised.words("member_cues", "en")}
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{alternatives})(?!\w)" if cues else r"(?!)")


def _has_name(subjects: list[str]) -> bool:
    return any(looks_like_person(s) for s in subjects)

# Patterns are matched as written: typographic quotes and accented words are intended.
# ruff: noqa: RUF001
"""Who an event happened to and who did it, beyond the dependency parse.

Helpers of the events stage (`vigil.extract.events`), in every language the
letters come in, with or without a parser:

- `plausible_subject`: a subject is a person or a group, not a duration ('four
  months'), a salutation ('Dear Members'), a place or a body the text names,
  a kinship word alone ('Mum') or a relative pronoun.
- `place_bound`: a name read as a person that the text only ever writes as
  part of a place or a body ('the Hrodna Regional Court', 'a police station
  in Hrodna', 'the court of Eastgate North') is a place, not whom an event
  happened to.
- `agent_phrase`: the agent of a passive in English, French, Spanish, German
  or Italian ('by the border police', 'par la police', 'por la policía', 'von
  der Polizei', 'dalla polizia'): the words after the preposition, up to the
  end of the noun phrase, when their head is an institution or its agents.
- `indefinite_bystander`: a trigger that only describes an unnamed witness
  ('a man released from the colony told us') is no event.
- `clean_actor`: 'officers of the X' and 'agents of the X' name X, the body;
  a date stuck before an actor ('8 March 2024 police officers') is dropped; a
  described actor is written in English, as GUIDE.md asks ('des policiers' ->
  'police officers', `vocab/described_actors.json`); named bodies keep their
  spelling.
- `settle_actors`: once a document's events are read, a judicial event (a
  trial, a sentence; the `judicial` flag of the event vocabulary) that names no
  actor is given the court of another judicial event about the same person
  (a court is told by each language's `court_words`).
- `named_agent`: an event with no parsed actor takes a body named in its
  sentence when that body is of the type's `usual_agents` kind (a court for a
  trial; police, security or intelligence, told by each language's
  `force_words`, for an arrest).
- `carry_named_force`: a state act about a person that names no actor takes
  the named police, security or intelligence body of an arrest or detention
  (the `custody` flag) of the same person; not a court, not 'the authorities'.
- `agent_body`: the named body of an agent phrase next to a trigger ('arrested by
  members of the X', 'arrêté par des agents de la X', 'von Beamten des X
  festgenommen', 'задержан сотрудниками X') or of the members who are the
  trigger's subject ('officers of the X arrested him'): the body, not the state,
  did it; a closed aside between them is read past ('detained in Mahabad (West
  Azerbaijan province) by agents of the X'). A court for a judicial event, any
  other body for the rest.
- `upholding_court`: the court that 'upheld the sentence' ('la Cour suprême a
  confirmé la condamnation'): a second actor of the sentence it upheld.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from typing import Any

from vigil.extract import capitalised
from vigil.extract.names import same_person
from vigil.extract.occurrences import whole
from vigil.extract.types import Event
from vigil.vocab import languages, load
from vigil.vocab.event_semantics import semantics

_NUMBER = (
    r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|several|many|few|a few|some|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|"
    r"plusieurs|quelques|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|varios|varias|"
    r"ein|eine|einen|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|mehrere|due|tre|quattro|"
    r"cinque|sei|sette|otto|nove|dieci|alcuni|alcune"
)
_UNIT = (
    r"hours?|days?|weeks?|months?|years?|decades?|heures?|jours?|semaines?|mois|ans?|années?|"
    r"horas?|días?|semanas?|meses|mes|años?|Stunden?|Tagen?|Tage|Wochen?|Monaten?|Monate?|"
    r"Jahren?|Jahre|ore|giorni|giorno|settimane?|mesi|mese|anni|anno"
)
_DURATION = re.compile(
    rf"(?i)^(?:(?:{_NUMBER})(?:[\s-]+(?:more|long|full|other))?\s+)?(?:{_UNIT})$"
)
_SALUTATION = re.compile(
    r"(?i)^(?:dear|chers?|chères?|madame|monsieur|estimad[oa]s?|querid[oa]s?|sehr geehrte[rn]?|"
    r"liebe[rn]?|gentil[ei]|egregi[oa]|caro|cara|cari|care)\b"
)
_KIN_ALONE = re.compile(
    r"(?i)^(?:mum|mom|mother|dad|father|maman|papa|mamá|papá|mama|vater|mutter|mamma|babbo)$"
)
_RELATIVE = re.compile(
    r"(?i)^(?:who|whose|whom|which|that|qui|que|dont|quien|quienes|cuyo|cuya|der|die|das|"
    r"welche[rsn]?|che|cui)\b"
)


def plausible_subject(
    value: str, places: Collection[str], bodies: Collection[str], people: Collection[str] = ()
) -> bool:
    """Whether `value` can be whom an event happened to (a name that is also
    one of the `people` the text names stays, whatever else it names)."""
    text = value.strip()
    if len(text) < 2:
        return False
    if _DURATION.match(text) or _SALUTATION.match(text) or _KIN_ALONE.match(text):
        return False
    if _RELATIVE.match(text):
        return False
    folded = text.casefold()
    if any(folded == p.casefold() for p in people):
        return True
    return not any(folded == p.casefold() for p in (*places, *bodies))


@cache
def _bound_before(language: str | None) -> re.Pattern[str]:
    """What ends the text before a place's name: a place preposition of the language or
    English ('in', 'dans'), the head word of a body or place and an 'of' ('Court of',
    'commissariat de'), or a word of the languages' `name_heads` ('distrettuale')."""
    prepositions = {*languages.words("place_prepositions", ["en"])}
    if language:
        prepositions.update(languages.words("place_prepositions", [language]))
    heads = {
        *capitalised.words("organisation_heads"), *capitalised.words("place_heads"),
        *languages.words("court_words"), *capitalised.words("name_heads"),
    }
    preposition = "|".join(re.escape(w) for w in sorted(prepositions, key=len, reverse=True))
    head = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    named = "|".join(
        re.escape(w) for w in sorted(capitalised.words("name_heads"), key=len, reverse=True)
    ) or "(?!)"
    return re.compile(
        rf"(?i)(?<!\w)(?:(?:{preposition})\s+(?:the\s+)?"
        rf"|(?:{head})\w{{0,3}}\s+(?:of|de|du|des|di|del|della|von)\s+(?:the\s+|la\s+)?"
        rf"|(?:{named}))\s*$"
    )


@cache
def _bound_after() -> re.Pattern[str]:
    """A body's or place's head word right after a name ('X Regional Court', 'X Prison',
    'X Rules'; the languages' `name_heads` beside the heads of bodies and places)."""
    heads = {
        *capitalised.words("organisation_heads"), *capitalised.words("place_heads"),
        *languages.words("court_words"), *capitalised.words("name_heads"),
    }
    head = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?i)^\s+(?:{head})(?!\w)")


def place_bound(value: str, text: str, names: Collection[str], language: str | None) -> bool:
    """Whether every occurrence of `value` in `text` lies inside one of the longer
    `names` (of bodies and places), after a place preposition or a body's head word,
    or before one: the text never writes it as a person's name. A name of one to
    three words."""
    words = value.split()
    if not words or len(words) > 3 or value[0].islower():
        return False  # a described group ('peaceful opponents'), a name run into a place
    longer = [n for n in names if len(n) > len(value) and value in n]
    found = False
    for a, b in whole(text, value):
        found = True
        if any(text.find(n, max(0, b - len(n)), a + len(n)) != -1 for n in longer):
            continue  # an occurrence of a longer name holds this one
        if _bound_before(language).search(text[max(0, a - 60) : a]):
            continue
        if _bound_after().match(text[b : b + 40]):
            continue
        return False
    return found


# the head words of an acting institution or its agents, by language
_INSTITUTION = (
    r"police|gendarmerie|gendarmes?|forces|guards?|officers?|officials?|agents?|authorities|"
    r"government|regime|military|army|soldiers|militia|militias|court|judges?|prosecutors?|"
    r"prosecution|ministry|directorate|service|services|intelligence|security|staff|gunmen|"
    r"policiers|autorités|gouvernement|régime|armée|militaires|tribunal|cour|juges?|procureurs?|"
    r"parquet|ministère|direction|services|renseignement|surveillants|gardiens|"
    r"policía|guardia|fuerzas|agentes|autoridades|gobierno|ejército|militares|tribunal|"
    r"juez|jueza|jueces|fiscalía|fiscal|ministerio|dirección|servicios|"
    r"polizei|behörden?|regierung|regime|armee|militär|soldaten|sicherheitskräfte|"
    r"sicherheitsdienst|geheimdienst|gericht|richter(?:in)?|staatsanwaltschaft|ministerium|"
    r"beamte[n]?|grenzpolizei|bundespolizei|"
    r"polizia|carabinieri|guardia|forze|agenti|autorità|governo|regime|esercito|militari|"
    r"tribunale|corte|giudici?|procura|ministero|direzione|servizi|questura|prefettura"
)
_INSTITUTION_WORD = re.compile(rf"(?i)(?<![\w-])(?:{_INSTITUTION})(?![\w-])")
_BY = re.compile(
    r"(?i)(?<![\w-])(?:by|par|por|von|vom|dalla|dallo|dal|dai|dagli|dalle|da)\s+"
    r"(?:the\s+|la\s+|le\s+|les\s+|l['’]\s*|el\s+|los\s+|las\s+|der\s+|den\s+|dem\s+|)"
    r"(?P<phrase>[^\s,.;:()]+(?:\s+(?!(?:and|et|y|und|e|in|on|at|en|à|au|a|am|im|nel|nella|"
    r"for|pour|para|für|per|with|avec|con|mit|after|après|tras|nach|dopo|who|qui|que|quien|"
    r"der|die|das|che|because|car|porque|weil|perché|while|pendant|durante|während)(?![\w-]))"
    r"[^\s,.;:()]+){0,7})"
)


def agent_phrase(text: str) -> str | None:
    """The institution a passive names as its agent in `text` ('par la police')."""
    for m in _BY.finditer(text):
        phrase = m.group("phrase")
        words = phrase.split()
        heads = [i for i, w in enumerate(words) if _INSTITUTION_WORD.fullmatch(w)]
        if not heads:
            continue
        first = heads[0]
        if first > 2:
            continue  # 'by a decision of the police' reads as a thing, not an agent
        end = first + 1
        while end < len(words) and _INSTITUTION_WORD.fullmatch(words[end]):
            end += 1  # 'security forces', 'police officers'
        tail = _COMPLEMENT.match(" ".join(words[end:]))
        phrase = " ".join(words[:end]) + (" " + tail.group(0) if tail else "")
        return clean_actor(phrase)
    return None


# 'of the Interior', 'de l'Intérieur', 'der Stadt Köln', 'of State Security': a named complement
_COMPLEMENT = re.compile(
    r"(?:of|for|de|du|des|del|de la|di|della|dello|der|des|für)\s+(?:the\s+|la\s+|l['’]|le\s+)?"
    r"(?-i:[A-Z][\w'’-]*)(?:\s+(?:(?-i:[A-Z][\w'’-]*)|of|and|de|du|des))*(?<![a-z] of)(?<! and)"
    r"(?<! de)(?<! du)(?<! des)",
    re.IGNORECASE,
)


_OF_BODY = re.compile(
    r"(?i)^(?:(?:the|some|several|two|three|\d+)\s+)?(?:officers|agents|members|officials|"
    r"staff|personnel|agents|policiers|membres|fonctionnaires|agentes|miembros|funcionarios|"
    r"beamte|mitarbeiter|agenti|funzionari)\s+(?:of|from|de|du|des|de la|del|de los|der|des|"
    r"dello|della|del|dei)\s+(?:the\s+|la\s+|l['’])?(?P<body>(?-i:[A-Z])[\w'’ -]+)$"
)
_LEADING_DATE = re.compile(
    r"(?i)^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{4}\s+"
)


_ARTICLE = re.compile(
    r"(?i)^(?:the|des|les|la|le|l['’]\s*|el|los|las|die|der|den|dem|il|lo|i|gli|le)\s*(?<=\s|['’])"
)


@cache
def _described() -> dict[str, str]:
    """Described actors of every language, in English (`vocab/described_actors.json`)."""
    table: dict[str, str] = {}
    for language, words in load("described_actors").items():
        if not language.startswith("_"):
            table.update({k.casefold(): v for k, v in words.items()})
    return table


def clean_actor(value: str) -> str:
    """'officers of the State Security Service' -> 'State Security Service';
    a described actor in English ('des policiers' -> 'police officers')."""
    value = _LEADING_DATE.sub("", value.strip())
    m = _OF_BODY.match(value)
    if m:
        return m.group("body").strip()
    english = _described().get(_ARTICLE.sub("", value).casefold())
    return english or value


@cache
def _body_words(section: str) -> re.Pattern[str]:
    """Every language's words of `section` (`court_words`, `force_words`): a short one
    begins a word and takes an ending of three letters at most ('courts', 'суда', not
    'courtyard'); one of six letters or more may also close a compound ('Landgericht')."""
    words = sorted(languages.words(section), key=len, reverse=True)
    parts = [
        re.escape(w) if len(w) >= 6 else rf"(?<!\w){re.escape(w)}\w{{0,3}}(?!\w)" for w in words
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def judicial_body(actor: str) -> bool:
    """Whether an actor is a court, a judge or a prosecutor ('Revolutionary Court of X')."""
    return bool(_body_words("court_words").search(actor))


def armed_body(actor: str) -> bool:
    """Whether an actor is a police, security, intelligence or armed body."""
    return bool(_body_words("force_words").search(actor))


_KIND_TEST = {"forces": armed_body, "guards": armed_body, "justice": judicial_body}
"""How a named body is told to be of each kind of `usual_agents` (vocab/event_types.json)."""


def named_agent(type_: str, bodies: Sequence[str]) -> str | None:
    """The first of the `bodies` named in a trigger's sentence that is of a kind that
    usually does an event of this type ('the Provincial Police Directorate' for an
    arrest, 'the Revolutionary Court of X' for a trial), in any language with the
    words."""
    tests = [_KIND_TEST[k] for k in semantics(type_).usual_agents if k in _KIND_TEST]
    return next((b for b in bodies if any(test(b) for test in tests)), None)


def settle_actors(events: list[Event]) -> None:
    """A judicial event with no actor takes the court of another about one of its subjects."""
    for event in events:
        if event.actors or not semantics(event.type).judicial:
            continue
        for other in events:
            if other is not event and other.actors and semantics(other.type).judicial and any(
                same_person(a, b) or a == b for a in other.subjects for b in event.subjects
            ):
                event.actors[:] = [a for a in other.actors if judicial_body(a)]
                break


def carry_named_force(events: list[Event], bodies: Collection[str]) -> None:
    """A state act with no actor about a person takes the named (capitalised) police, security or
    intelligence body that another event about the same person names ('arrested by the
    Provincial Security Directorate ... held incommunicado'); a court stays with its
    judicial events, and a generic 'authorities' or 'police' is not carried."""
    for event in events:
        meaning = semantics(event.type)
        if event.actors or not meaning.state_act or meaning.judicial or meaning.threat:
            continue
        for other in events:
            if other is event or not semantics(other.type).custody or not any(
                same_person(a, b) or a == b for a in other.subjects for b in event.subjects
            ):
                continue
            named = [a for a in other.actors if (a in bodies or a[:1].isupper()) and armed_body(a)]
            if named:
                event.actors[:] = named[:1]
                break


_AGENT_ARTICLE = (
    r"(?:the|a|an|some|several|two|three|four|\d+|la|le|les|l['’]|un|une|des|du|el|los|las|"
    r"unos|unas|der|die|das|den|dem|des|il|lo|gli|i|l['’]|alcuni)"
)
_AGENT_WINDOW = 150
_ASIDE = re.compile(r"\([^()\[\];]*\)")
"""A closed parenthesis between a trigger and its agent ('detained in Mahabad (West
Azerbaijan province) by agents of the X'): an aside the agent phrase reads past."""
"""How far from a trigger (in characters) its agent phrase may stand."""


def _alternation(section: str) -> str:
    words = sorted(capitalised.words(section), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or "(?!)"


@cache
def _agent_lead() -> re.Pattern[str]:
    """The words an agent phrase ends with right before the body's name ('by members
    of the', 'par des agents en civil de la', 'von Beamten des', 'сотрудниками'): each
    language's `agent_markers`, `agent_members` and `agent_links` (vocab/languages_words.json)."""
    article = rf"(?:{_AGENT_ARTICLE}\s*(?<=\s|['’]))?"
    members = (
        rf"(?:{article}(?:{_alternation('agent_members')})(?:\s+[a-zà-ÿ]+){{0,2}}?\s+"
        rf"(?:{_alternation('agent_links')})\s*(?<=\s|['’]){article})?"
    )
    return re.compile(
        rf"(?i)(?<!\w)(?:{_alternation('agent_markers')})\s+{article}{members}$"
    )


@cache
def _members_of() -> re.Pattern[str]:
    """'officers of the', 'agents de la': members of a body, standing before its name."""
    article = rf"(?:{_AGENT_ARTICLE}\s*(?<=\s|['’]))?"
    return re.compile(
        rf"(?i)(?<!\w)(?:{_alternation('agent_members')})\s+(?:{_alternation('agent_links')})"
        rf"\s*(?<=\s|['’]){article}$"
    )


def agent_body(
    type_: str, sentence: str, trigger: tuple[int, int], bodies: Sequence[tuple[int, int, str]]
) -> str | None:
    """The named body whose agents did the event of a trigger at `trigger` (offsets in
    `sentence`), from the `bodies` named in the sentence (start, end, name): 'arrested
    by members of the X', 'par des agents de la X', or, standing right before the
    trigger with no comma between, 'von Beamten des X festgenommen', 'officers of the X
    arrested him'; the nearest one. A judicial event takes a court and any other event
    a body that is not one; an event its subject does (fleeing) has none."""
    meaning = semantics(type_)
    if meaning.done_by_subject:
        return None  # 'fled from members of the X': X is not who did it
    judicial = meaning.judicial
    lead, members = _agent_lead(), _members_of()
    found: list[tuple[int, str]] = []
    for start, end, name in bodies:
        if judicial != judicial_body(name):
            continue
        before = sentence[max(0, start - 60) : start]
        if end <= trigger[0]:
            gap = trigger[0] - end
            if gap > 40 or re.search(r"[,.;:]", sentence[end : trigger[0]]):
                continue  # 'interviewed by the X, which ... he was detained': not its agent
            if lead.search(before) or members.search(before):
                found.append((gap, name))
        elif start >= trigger[1]:
            gap = start - trigger[1]
            between = _ASIDE.sub(" ", sentence[trigger[1] : start])
            if gap > _AGENT_WINDOW or re.search(r"[()\[\];]", between):
                continue  # '(a body mandated by the X)': the agent of another verb
            if lead.search(before):
                found.append((gap, name))
    return min(found)[1] if found else None


@cache
def _upholding() -> re.Pattern[str]:
    """'upheld the (death) sentence', 'a confirmé la condamnation': each language's
    `upholding_verbs` followed, within a few words, by a word of the sentence."""
    return re.compile(
        rf"(?i)^\W{{0,3}}(?:\w+\s+){{0,3}}?(?:{_alternation('upholding_verbs')})(?!\w)"
        r"[^.;]{0,60}?(?:sentences?|verdicts?|condamnations?|peines?|sentencias?|condenas?|"
        r"Urteile?|Todesurteile?|condanna|condanne|sentenza|sentenze|приговор\w*)"
    )


def upholding_court(sentence: str, bodies: Sequence[tuple[int, int, str]]) -> str | None:
    """The court of `bodies` (start, end, name in `sentence`) that the sentence says upheld
    a sentence ('The Supreme Court upheld her death sentence')."""
    for _start, end, name in bodies:
        if judicial_body(name) and _upholding().search(sentence[end : end + 120]):
            return name
    return None


_INDEFINITE = {"a", "an", "one", "un", "une", "uno", "una", "ein", "eine", "einem", "einer"}


def indefinite_bystander(tok: Any) -> bool:
    """Whether a trigger word only describes someone unnamed, brought in as a
    witness ('a man *released* from the colony told me'): no event of the case."""
    if tok.dep_ not in ("acl", "amod") or tok.head is tok:
        return False
    head = tok.head
    if head.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in head.children):
        return False
    return not any(t.pos_ == "PROPN" for t in head.subtree)


__all__ = [
    "agent_body",
    "agent_phrase",
    "armed_body",
    "carry_named_force",
    "clean_actor",
    "indefinite_bystander",
    "judicial_body",
    "named_agent",
    "plausible_subject",
    "settle_actors",
    "upholding_court",
]

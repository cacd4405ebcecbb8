# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Stage: persons, organisations and locations.

Statistical NER (spaCy) combined with gazetteers kept as data (countries,
international bodies, the names a person confirmed), a few patterns
('the Albanian police', 'Government of X'), and repairs of the small
models' usual errors: honorifics and titles inside a person, a P.O. box or
a title tagged as a person, a hyphenated transliteration split in two, a
country tagged as an organisation. Aliases in parentheses stay with their
name: 'Mojahedin-e Khalgh (MEK)'. Names only in breadcrumbs or after a
'Related posts' marker are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial

from vigil.extract import capitalised, facilities, prefilter
from vigil.extract.context import Context, prov
from vigil.extract.models import PACKAGES
from vigil.extract.names import (
    alias_forms,
    family_namesake,
    fold,
    looks_like_person,
    same_body,
    same_person,
    strip_honorifics,
)
from vigil.extract.occurrences import whole
from vigil.extract.parties import country_table, starts_with_title
from vigil.extract.types import Value
from vigil.vocab import languages, load

NAME = "entities"

_BOILER_START = re.compile(
    r"(?im)^[ \t]*(?:you may also like|related posts?|related articles?|leave a (?:comment|reply)|share this|read more|tags?:|categories:|subscribe|follow us|articles? similaires|à lire aussi)\b"
)
"""Where a page's own text ends, after the signature: comments, share buttons, other posts."""
_RELATED = re.compile(r"(?im)^[ \t]*related(?:[ \t]+[a-z]+){0,3}[ \t]*(?::|$)")
"""A list of other posts ('RELATED', 'Related intervention letters', 'Related: ...'), which
the zone model may read as the signature's last lines: looked for from its first line."""
_GOV = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<adj>[A-Z][a-z]+(?:ian|an|ese|ish|i|ch|ic|ean))\s+(?P<noun>[Gg]overnment|[Pp]olice|[Aa]uthorities|[Rr]egime|[Ss]ecurity [Ff]orces|[Aa]rmed [Ff]orces|[Ff]orces|[Mm]ilitary|[Aa]rmy|[Jj]udiciary|[Cc]ourts?|[Mm]inistry of [A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
    r"|\b(?P<gov>(?:[Tt]he\s+)?(?:[Gg]overnment|Ministry of [A-Z][\w ]{2,30}?|Embassy|Parliament|President|Supreme Court) of (?:the )?(?!(?:Dr|Mr|Mrs|Ms|Prof|President|Prime)\b)[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
    r"|\b(?P<usg>U\.S\. [Gg]overnment|United States [Gg]overnment)\b"
    r"|\b(?P<adm>(?!(?:The|This|That|Previous|Current|New|Former|Their|Our|His|Her|Its|Next|Last|Every|Each)\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)? [Aa]dministration)\b"
    r"|\b(?P<caps>[A-Z]{2,6}) (?P<noun2>authorities|government|officials)\b"
)
_GOV_FR = re.compile(
    r"\b(?:gouvernement|police|autorités|armée|forces de sécurité|forces armées|régime|justice) "
    r"(?:[a-zéèëêïîôç]{3,}(?:ien|ienne|iens|iennes|ais|aise|aises|ain|aine|ains|aines|ois|oise|oises|ol|ole|oles|ite|ites)\b"
    r"|(?:de l'|de la |du |d')[A-ZÉ][\w'’-]+)"
)
"""French state bodies: 'la police équatorienne', "le gouvernement de l'Équateur"."""

_ADJECTIVE_FIRST = ("de", "en", "ru", "tr")
"""Languages that put a nationality before the noun it qualifies."""


@cache
def _state_bodies() -> re.Pattern[str]:
    """A state body written in lower case with its nationality, per language
    (`state_body_nouns` and `nationality_adjectives` of `languages_words.json`): the
    noun first in French, Spanish and Italian ('les autorités biélorusses', 'la
    policía nicaragüense'), the adjective first in German ('die iranischen Behörden')."""
    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    parts = []
    for code in languages.codes():
        nouns = alternation(capitalised.words("state_body_nouns", code))
        adjectives = alternation(capitalised.words("nationality_adjectives", code))
        if nouns and adjectives:
            parts.append(f"(?:{adjectives})\\s+(?:{nouns})" if code in _ADJECTIVE_FIRST else f"(?:{nouns})\\s+(?:{adjectives})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


@cache
def _state_bodies_need() -> prefilter.Required:
    """The literals a state body's match holds one of (a nationality or a body noun)."""
    return prefilter.required(_state_bodies())


_PLACE_NOUN = re.compile(r"\s+(?:detention|prison|airport|court|camp|police|district|city|province|region|centre|center|jail|station|office|municipality)\b", re.I)
"""What follows a one-word name that is a place: 'Rotterdam detention centre'."""
_ORG_DROP = re.compile(r"(?i)^(?:the )?(?:secretary|minister|president|ambassador|senator|congress(?:wo)?man|representative|department spokesperson|human rights|covid-19|\W+)$")
# what the small models tag ORG but is no named body: a bare generic head
# ('State', 'Department'), an instrument ('... Covenant ...', 'X v. Y'), an
# office ('President of X'), a citation or a compound adjective
_NOT_BODY = re.compile(
    r"(?i)^(?:the )?(?:state|department|council|court|government|administration|house|interior|office|"
    r"ministry|committee|commission|agency|embassy|rapporteur|borders?|constitution|sec|mes|gouvernement|"
    r"état|ministère|conseil|tribunal)$"
    r"|\b(?:covenant|convention|declaration|charter|protocol|act|pacte|déclaration|statute|constitution)\b"
    r"(?! (?:front|party|group|network|coalition|alliance|campaign))"
    r"|\bv\.\s|^[\W\d]|/C/|\w+-approved$"
)
# 'supported by 63 organisations: A, B and C.' / 'signé par les associations suivantes : A, B'
_ORG_LIST = re.compile(
    r"(?i)\b(?:organi[sz]ations?|groups|associations|coalitions|NGOs|ONG)\b[^:\n.]{0,80}?:\s*(?P<list>[^\n]{20,})"
)
_LIST_SEP = re.compile(r"\s*(?:,|;)\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+(?=(?:the\s+)?[A-Z])")
_TRAIL = re.compile(r"(?:['’]s?|\s+(?:and|et|said|says|has|have|had|was|is|who|in))$")


@dataclass
class _Mention:
    text: str
    start: int
    end: int
    rule: str
    confidence: float


@cache
def _bodies() -> list[tuple[str, str, re.Pattern[str]]]:
    out = []
    for b in load("bodies")["bodies"]:
        for form in [b["name"], *b["aliases"]]:
            flags = 0 if (form.isupper() or len(form) <= 4) else re.I
            out.append((form, b["kind"], re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", flags)))
    return out


@cache
def _lowered_forms() -> prefilter.Substrings:
    """The known bodies' forms in lower case (in `_bodies`' order), found in one pass."""
    return prefilter.Substrings([form.lower() for form, _, _ in _bodies()])


@cache
def _place_names() -> frozenset[str]:
    """The names of countries and cities, as the gazetteers write them."""
    return frozenset(capitalised.country_names()) | frozenset(capitalised.city_names())


@cache
def _countries() -> re.Pattern[str]:
    names = [c["name"] for c in load("countries")["countries"]] + [a for c in load("countries")["countries"] for a in c["aliases"] if len(a) > 3 or a.isupper()]
    names = sorted(set(names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _boilerplate(ctx: Context) -> list[tuple[int, int]]:
    spans = [(ln.start, ln.end) for ln in ctx.lines if _breadcrumb(ln.text) or ln.text.count("|") >= 2]
    half = len(ctx.text) // 2
    m = _BOILER_START.search(ctx.text, ctx.signature_end if ctx.signature_end > 0 else half)
    related = _RELATED.search(ctx.text, ctx.signature_start if ctx.signature_start > 0 else half)
    ends = [found.start() for found in (m, related) if found]
    if ends:
        spans.append((min(ends), len(ctx.text)))
    return spans


def _breadcrumb(line: str) -> bool:
    """'Home » News » Appeals': '»' between items, not a quotation's closing guillemet."""
    return "»" in line and "«" not in line and (len(line) < 200 or line.count("»") >= 2)


def _expand(text: str, s: int, e: int) -> tuple[int, int]:
    """Join a hyphenated transliteration the tokenizer split: 'Mojahedin-e' + 'Khalgh'."""
    while s > 1 and text[s - 1] == "-" and text[s - 2].isalpha():
        s -= 2
        while s > 0 and text[s - 1].isalpha():
            s -= 1
    while e < len(text) - 1 and text[e] == "-" and text[e + 1].isalpha():
        e += 1
        while e < len(text) and (text[e].isalpha() or text[e] in "'’"):
            e += 1
    return s, e


def _clean(raw: str) -> str:
    text = re.sub(r"\s+", " ", raw).strip(" ,.;:*_\"“”‘’()[]")
    text = re.sub(r"^(?:the|The|le|la|les|l')\s+", "", text)
    prev = None
    while prev != text:
        prev = text
        text = _TRAIL.sub("", text).strip(" ,")
    return text


def _with_alias(ctx: Context, m: _Mention) -> _Mention:
    after = re.match(r"\s*\(([A-Z][A-Za-z.]{1,9})\)", ctx.text[m.end: m.end + 14])
    if after and m.text.count(" ") >= 1:
        return _Mention(f"{m.text} ({after.group(1)})", m.start, m.end + after.end(), m.rule, m.confidence)
    return m


_GIVEN_RULES = frozenset({"letter_party", "family_namesake", "confirmed_name"})
"""Persons other stages or a reviewer gave: no tagger's guess to check."""
_PAREN_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_NAME_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_LINKS = frozenset({"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "al", "el", "e", "i", "ul", "et"})


def _spelled_out(text: str, end: int, acronym: str) -> int | None:
    """Where the name an acronym in brackets abbreviates starts, reading back from `end`:
    capitalised words (and linking words) whose initials, hyphenated parts included,
    hold the acronym's letters in order ('Jonbish-i Rahai-yi Milli (JRM)')."""
    line_start = text.rfind("\n", 0, end) + 1
    starts: list[int] = []
    for w in reversed(list(_NAME_WORD.finditer(text, max(line_start, end - 120), end))):
        if w.group(0)[0].isupper():
            starts.append(w.start())
        elif w.group(0) not in _LINKS:
            break
    for start in reversed(starts):  # the longest name that fits first
        name = text[start:end].strip()
        initials = "".join(part[0] for part in re.split(r"[\s-]+", name) if part).upper()
        letters = iter(initials)
        if (
            initials[:1] == acronym[0]
            and all(ch in letters for ch in acronym)
            and (" " in name or "-" in name)
        ):
            return start
    return None


def _acronym(long: str, short: str) -> bool:
    letters = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", long) if w[0].isupper())
    return short.isupper() and len(short) >= 2 and (short == letters or short in re.findall(r"\(([^)]*)\)", long))


_CONSCIENCE = re.compile(r"Conscience\s+(?=[A-Z])")
_PRISONER_OF = re.compile(r"(?i)\bprisoners?\s+of\s+$")
MAX_JOINED_WORDS = 5


def _joined_neighbours(persons: list[_Mention], text: str) -> list[_Mention]:
    """A name the tagger cut short, followed by one space and another name it tagged in
    the document ('Juan Pablo' before 'Ruiz Alvarado', tagged as 'Mr. Ruiz Alvarado'
    later), is one person's name, when together they have at most `MAX_JOINED_WORDS`."""
    names = {m.text for m in persons if m.rule == "ner_person"}
    out: list[_Mention] = []
    for m in persons:
        if m.rule == "ner_person" and text[m.start:m.end] == m.text:
            for other in sorted(names - {m.text}, key=len, reverse=True):
                joined = f"{m.text} {other}"
                if text.startswith(" " + other, m.end) and len(joined.split()) <= MAX_JOINED_WORDS:
                    end = m.end + 1 + len(other)
                    if end == len(text) or not text[end].isalnum():
                        m = _Mention(joined, m.start, end, "ner_person_joined", m.confidence)
                        break
        out.append(m)
    return out


def run(ctx: Context) -> None:
    skip = _boilerplate(ctx)
    countries = country_table()

    def free(start: int) -> bool:
        return not any(a <= start < b for a, b in skip)

    persons: list[_Mention] = []
    orgs: list[_Mention] = []
    locs: list[_Mention] = []
    org_people: list[_Mention] = []
    """Personal names the tagger called ORG: kept when a tagged person shares the surname."""
    title_span = ctx.result.title.prov.spans[0] if ctx.result.title and ctx.result.title.prov.spans else None
    for s, e, label in ctx.ents:
        if not free(s) or (title_span is not None and title_span.start <= s < title_span.end and label != "LOC"):
            continue
        s, e = _expand(ctx.text, s, e)
        text = _clean(ctx.text[s:e])
        if len(text) < 2 or not any(c.isupper() for c in text[:1]):
            continue
        low = text.lower()
        if low in countries:
            if countries[low] and text[0].isupper() and not any(c["adjectives"] and text in c["adjectives"] for c in load("countries")["countries"]):
                locs.append(_Mention(text, s, e, "ner_country", 0.8))
            continue
        if label == "PERSON":
            conscience = _CONSCIENCE.match(text)
            if conscience and _PRISONER_OF.search(ctx.text, max(0, s - 20), s):
                s, text = s + conscience.end(), text[conscience.end():]  # 'Prisoner of Conscience X'
            name = strip_honorifics(text)
            title = starts_with_title(name)
            if title:
                name = strip_honorifics(name[len(title):].strip())
            if not name or re.search(r"\d|(?i:\bp\.?\s?o\.?\s+box\b)|@", name) or name.lower() in countries:
                continue
            if not (looks_like_person(name) or re.fullmatch(r"[A-Z][\w'’-]{2,}", name)) or _ORG_DROP.match(name):
                continue
            if " " not in name and _PLACE_NOUN.match(ctx.text, e):
                locs.append(_Mention(name, s, e, "ner_place_before_noun", 0.5))
                continue  # 'the Rotterdam detention centre': a place naming a building
            persons.append(_Mention(name, s, e, "ner_person", 0.7))
        elif label == "ORG":
            if _ORG_DROP.match(text) or _NOT_BODY.search(text) or len(text) > 90 or "\n" in ctx.text[s:e].strip():
                continue
            title = starts_with_title(text)
            if title and (text == title or text[len(title):].startswith((" of ", " - ", "/"))):
                continue
            if looks_like_person(text) and not re.search(r"(?i)\b(?:party|front|group|union|council|court|house|centre|center|network|foundation)\b", text):
                name = strip_honorifics(text)
                if looks_like_person(name) and " " in name and not starts_with_title(name):
                    org_people.append(_Mention(name, s, e, "ner_org_person", 0.55))
                continue
            if " " not in text and not text.isupper() and (
                text in capitalised.city_names() or text in capitalised.country_names()
                or re.search(r"\b(?:in|from|to|near|at|of) $", ctx.text[max(0, s - 6):s])
            ):
                locs.append(_Mention(text, s, e, "org_tag_on_place", 0.45))  # 'in Erbil'
                continue
            orgs.append(_with_alias(ctx, _Mention(text, s, e, "ner_org", 0.6)))
        elif label == "LOC":
            if "\n" in ctx.text[s:e].strip() or len(text) > 60 or not _proper_noun(ctx, s, e):
                continue
            locs.append(_Mention(text, s, e, "ner_location", 0.7))
    surnames = {p.text.split()[-1] for p in persons if " " in p.text}
    persons.extend(m for m in org_people if m.text.split()[-1] in surnames)
    language = ctx.result.language.value if ctx.result.language else None
    if language not in PACKAGES:  # no statistical model: names by rule
        for c in capitalised.find(ctx.text, language):
            if not free(c.start):
                continue
            target = persons if c.label == "PERSON" else orgs if c.label == "ORG" else locs
            target.append(_Mention(c.text, c.start, c.end, c.rule, c.confidence))
    for m in _countries().finditer(ctx.text):
        if free(m.start()):
            locs.append(_Mention(m.group(1), m.start(), m.end(), "gazetteer_country", 0.9))
    bodies = _bodies()
    for i in _lowered_forms().occurring(ctx.text.lower()):  # a cheap test before the pattern
        form, kind, pattern = bodies[i]
        for m in pattern.finditer(ctx.text):
            if len(form) <= 4 and re.match(r"\s+(?:[A-Z][a-z]|High|Special|Working|Committee)", ctx.text[m.end():m.end() + 12]):
                continue  # 'UN Working Group ...': the short form opens a longer name
            if free(m.start()):
                target = locs if kind == "location" else orgs
                target.append(_with_alias(ctx, _Mention(m.group(0), m.start(), m.end(), "gazetteer_body", 0.85)))
                break
    for m in _GOV.finditer(ctx.text):
        if not free(m.start()):
            continue
        if m.group("adj") and m.group("adj").lower() not in countries:
            continue
        text = _clean(m.group(0))
        orgs.append(_Mention(text, m.start(), m.end(), "government_phrase", 0.7))
    for m in _PAREN_ACRONYM.finditer(ctx.text):
        begin = _spelled_out(ctx.text, m.start(), m.group(1))
        if begin is not None and free(begin):
            name = re.sub(r"^(?:The|the)\s+", "", ctx.text[begin:m.end()])
            orgs.append(_Mention(name, begin, m.end(), "acronym_spelled_out", 0.7))
    for m in _GOV_FR.finditer(ctx.text):
        if free(m.start()):
            orgs.append(_Mention(m.group(0), m.start(), m.end(), "government_phrase_fr", 0.65))
    for m in _state_bodies().finditer(ctx.text) if prefilter.may_match(_state_bodies_need(), ctx.folded()) else ():
        if free(m.start()):
            orgs.append(_Mention(m.group(0), m.start(), m.end(), "state_body_nationality", 0.65))
    for m in _ORG_LIST.finditer(ctx.text):
        if not free(m.start()):
            continue
        pos = m.start("list")
        for item in _LIST_SEP.split(m.group("list").rstrip(" .")):
            name = re.sub(r"^(?:the|la|le|les|l')\s+", "", item.strip(), flags=re.I)
            at = ctx.text.find(name, pos)
            if at >= 0:
                pos = at + len(name)
            if 2 <= len(name) <= 80 and name[0].isupper() and not looks_like_person(name) and name.lower() not in countries:
                orgs.append(_Mention(name, max(at, 0), max(at, 0) + len(name), "listed_organization", 0.6))
    for name in ctx.doc.gazetteer:
        idx = ctx.text.find(name)
        if idx >= 0 and free(idx):
            target = persons if looks_like_person(name) else orgs
            target.append(_Mention(name, idx, idx + len(name), "confirmed_name", 0.95))
    copies = ctx.result.copies_to
    copied = {id(c) for c in copies}
    for party in (*ctx.result.senders, *ctx.result.addressees, *copies):
        span = party.prov.spans[0] if party.prov.spans else None
        start, end = (span.start, span.end) if span else (0, 0)
        if party.kind == "person":
            persons.append(_Mention(party.name, start, end, "letter_party", 0.8))
        elif party.kind == "family" and (namesake := family_namesake(party.name)):
            persons.append(_Mention(namesake, start, end, "family_namesake", 0.75))
        elif party.kind == "organization" and party.name and (id(party) not in copied or _names_a_body(party.name)):
            orgs.append(_Mention(party.name, start, end, "letter_party", 0.6))
        if party.organization and party.kind != "family" and _body_like(party.organization):
            orgs.append(_Mention(party.organization, start, end, "letter_party_org", 0.6))

    persons = _joined_neighbours(persons, ctx.text)
    res = ctx.result
    # what the model or other stages suggest is checked by the same rules
    places = _place_names()
    locs.extend(
        _Mention(p.text, p.start, p.end, "person_tag_on_place", 0.5)
        for p in persons if p.text in places and " " not in p.text and p.rule.startswith("ner")
    )
    # each name is judged once, however often it is mentioned
    after_place = cache(partial(_only_after_place_preposition, ctx.text))
    street_name = cache(partial(facilities.street_name, ctx.text))
    plausible = cache(partial(_plausible_person, language))
    locs.extend(
        _Mention(p.text, p.start, p.end, "person_tag_after_place_preposition", 0.45)
        for p in persons if p.rule.startswith("ner") and after_place(p.text)
    )
    persons = [p for p in persons if not (p.rule.startswith("ner") and after_place(p.text))]
    persons = [
        p for p in persons
        if plausible(p.text) and p.text not in places
        and not (p.rule not in _GIVEN_RULES and street_name(p.text))
    ]
    orgs = [o for o in orgs if capitalised.plausible_body(o.text, language)]
    # where spaCy has no model, one word the text also writes in lower case is a common
    # noun ('Droits'); a name with an acronym in it is a body's ('VRWC Northland')
    persons = [
        p for p in persons
        if (" " in p.text.strip() or language in PACKAGES or not re.search(rf"(?<!\w){re.escape(p.text.lower())}(?!\w)", ctx.text))
        and not _acronym_inside(p.text) and not _common_noun_phrase(p.text, ctx.text)
    ]
    person_values = _dedupe(persons, lambda a, b: same_person(a, b) or capitalised.inflected_same(a, b))
    surnames = {w for m in person_values if len(fold(m.text).split()) >= 2 for w in fold(m.text).split()}
    orgs = [
        o for o in orgs
        if not (o.rule == "ner_org" and (fold(o.text) in surnames or re.search(r"\b[A-Z]{2}-\d", o.text)))
    ]
    states = [o for o in orgs if _state_code(o.text)]  # 'Republic of X' is the country
    locs.extend(_Mention(o.text, o.start, o.end, "state_formal_name", o.confidence) for o in states)
    orgs = [o for o in orgs if o not in states]
    if language is not None and language in PACKAGES:  # without a model, `capitalised` reads them
        locs, orgs = _detention_places(ctx, locs, orgs, language, free)
    org_values = _dedupe(orgs, lambda a, b: same_body(a, b) or _acronym(a, b) or _acronym(b, a) or _one_known_body(a, b))
    org_values = [_with_known_short_form(o, orgs) for o in org_values]
    person_values = [p for p in person_values if not any(same_body(p.text, o.text) for o in org_values)]
    loc_values = _dedupe(
        _join_states(ctx.text, locs),
        lambda a, b: same_body(a, b) or _same_country(a, b) or capitalised.inflected_same(a, b),
    )
    loc_values = _join_capital(ctx.text, loc_values)
    loc_values = [
        loc for loc in loc_values
        if loc.rule.startswith("gazetteer") or loc.text.lower() in countries or not (
            any(_name_part(loc.text, p.text) for p in person_values)
            or any(same_body(loc.text, o.text) for o in orgs)
            or _NOT_PLACE.search(loc.text)
            or facilities.street(ctx.text, loc.text)
            or _honorific_led(loc.text)
        )
    ]
    org_values = [o for o in org_values if not any(same_body(o.text, loc.text) for loc in loc_values)]
    org_values = [o for o in org_values if not any(_inside(o.text, k.text) for k in org_values)]
    org_values = [_with_lower_case_tail(_without_mandate(o), ctx.text) for o in org_values]
    org_values = [o for o in org_values if not _no_body(o.text, ctx.text)]
    person_values = _spelling_aliases(ctx.text, person_values)
    res.persons.extend(Value(m.text, prov(NAME, m.rule, m.confidence, (m.start, m.end))) for m in person_values)
    res.organizations.extend(Value(m.text, prov(NAME, m.rule, m.confidence, (m.start, m.end))) for m in org_values)
    res.locations.extend(Value(m.text, prov(NAME, m.rule, m.confidence, (m.start, m.end))) for m in loc_values)


_ALIAS_BRACKET = re.compile(r"\s*\(\s*(?P<label>[^()\n]{0,40}?)\s*[«“\"„‘']?\s*")
_ALIAS_COMMA = re.compile(r",?\s*(?P<label>[^()\n,]{1,30}?)\s+[«“\"„‘']?\s*")
MAX_ALIAS_LABEL_WORDS = 4


@cache
def _alias_cues() -> re.Pattern[str]:
    """Every language's `alias_cues` ('also spelled', 'in Russian:', 'orthographié')."""
    cues = sorted(capitalised.words("alias_cues"), key=len, reverse=True)
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(map(re.escape, cues))})(?!\w)")


def _alias_link(between: str, after: str) -> bool:
    """Whether `between` joins a name to another spelling of it that follows: a bracket
    opened right after the name, holding before the other spelling nothing, a short
    label ending in a colon ('in Russian:') or an alias cue ('also spelled',
    'également orthographié'), and no relation word ('brother of'); or a comma and an
    alias cue alone ('also known as')."""
    bracket = _ALIAS_BRACKET.fullmatch(between)
    if bracket:
        if ")" not in after[:60].split("(")[0]:
            return False
        label = bracket.group("label")
        words = [w.strip(",.").lower() for w in label.rstrip(":").split()]
        family = {w.lower() for w in capitalised.words("family_words")}
        if len(words) > MAX_ALIAS_LABEL_WORDS or any(w in family for w in words):
            return False
        return not label or label.endswith(":") or _alias_cues().search(label) is not None
    comma = _ALIAS_COMMA.fullmatch(between)
    return bool(comma and _alias_cues().fullmatch(comma.group("label").strip()))


def _spelling_aliases(text: str, persons: list[_Mention]) -> list[_Mention]:
    """A name the text gives as another spelling of the name just before it ('A (also
    spelled B)', 'A (in Russian: B)', 'A (B)' in another script, 'A, also known as B')
    is that person's alias: one person 'A (B)', as aliases of bodies are kept."""
    found: dict[str, str] = {}
    for b in persons:
        if " " not in b.text.strip():
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(b.text)}(?![\w-])", text):
            before = text[max(0, m.start() - 80):m.start()]
            for a in persons:
                if a is b or a.text in found or same_person(a.text, b.text):
                    continue
                at = before.rfind(a.text)
                if at >= 0 and _alias_link(before[at + len(a.text):], text[m.end():]):
                    found.setdefault(a.text, b.text)
                    break
            if b.text in found.values():
                break
    aliases = set(found.values())
    return [
        _Mention(f"{m.text} ({found[m.text]})", m.start, m.end, m.rule, m.confidence) if m.text in found else m
        for m in persons if m.text not in aliases
    ]


_PARTICLE = re.compile(r"\s(?:de|del|de la|de las|de los|di|della|delle|degli|du|des|der|van|von)\s")


def _common_noun_phrase(name: str, text: str) -> bool:
    """A name joined by a particle whose first word the text also writes in lower case
    ('Tratamiento de los Reclusos', 'Desarrollo de El Zapotal'): common nouns in capitals,
    not a person's name (whose first word is a given name)."""
    if not _PARTICLE.search(name):
        return False
    first = name.split()[0]
    return len(first) >= 4 and re.search(rf"(?<!\w){re.escape(first.lower())}(?!\w)", text) is not None


def _acronym_inside(name: str) -> bool:
    """Whether a name mixes an acronym of three letters or more with other words written
    in lower case ('VRWC Northland'); a name written all in capitals is not such a name."""
    words = name.split()
    return len(words) >= 2 and not name.isupper() and any(len(w) >= 3 and w.isupper() and w.isalpha() for w in words)


@cache
def _place_preposition() -> re.Pattern[str]:
    """Every language's `place_prepositions` closing the text before a name ('born in ')."""
    words = sorted(languages.words("place_prepositions"), key=len, reverse=True)
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(map(re.escape, words))})\s+(?:the\s+)?$")


def _plausible_person(language: str | None, text: str) -> bool:
    return capitalised.plausible_person(text, language)


def _only_after_place_preposition(text: str, name: str) -> bool:
    """Whether every mention of a tagged name follows a place preposition ('a lawyer from
    X', 'his office in X') and its last word is never written alone: a place the tagger
    took for a person. A person is sooner or later the subject of a sentence."""
    hits = [a for a, _ in whole(text, name, hyphen=False)]
    if not hits or not all(_place_preposition().search(text[max(0, h - 24):h]) for h in hits):
        return False
    last = name.split()[-1]
    alone = len(re.findall(rf"(?<!\w){re.escape(last)}(?!\w)", text))
    return alone <= len(hits)


# a party tag ('R-Utah'), an instrument or an event name is not a place
_NOT_PLACE = re.compile(r"^[DRI]-[A-Z]|\b(?:Convention|Covenant|Protocol|COP\d+)\b")


def _proper_noun(ctx: Context, start: int, end: int) -> bool:
    """Whether the tagger reads a proper noun in the span: a place the small model
    tags is often a capitalised verb or noun ('Veuillez', 'Copie', 'État')."""
    doc = ctx.nlp
    if doc is None or not doc.has_annotation("POS"):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    return any(t.pos_ in ("PROPN", "X") for t in span) or any(t.text.isupper() for t in span)


def _names_a_body(name: str) -> bool:
    """A copy recipient that is a body, not an office the list names without a title the
    vocabulary knows ('Special Envoy of X'): it holds an organisation head word of any
    language, or an acronym."""
    from vigil.extract.letter import holds_body_word

    return holds_body_word(name) or bool(re.search(r"\b[A-Z]{2,}\b", name))


def _body_like(text: str) -> bool:
    """A signature's organisation line names a body, not an office or a trade
    ('President of X', 'Artist/Activist', 'Professor - University')."""
    text = text.strip()
    return bool(
        text[:1].isupper() and not starts_with_title(text) and not _NOT_BODY.search(text)
        and not re.search(r"/|\s[-–]\s|:$|^\W+$", text)
        and not re.match(r"(?i)(?:professor|artist|actor|actress|writer|journalist|activist|member|co-?chair)\b", text)
    )


def _same_country(a: str, b: str) -> bool:
    """'U.S' ~ 'United States', 'Republic of Belarus' ~ 'Belarus': two forms of one country."""
    ca, cb = _country_code(a), _country_code(b)
    return ca is not None and ca == cb


def _country_code(text: str) -> str | None:
    table = country_table()
    key = text.lower().rstrip(".")
    return table.get(key) or table.get(key + ".") or _state_code(text)


_STATE = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:islamic|arab|socialist|people['’]s|democratic|federal|federative|united|plurinational|"
    r"bolivarian|hashemite|arabischen|islamischen|sozialistischen|demokratischen)\s+){0,3}"
    r"(?:republic|kingdom|state|federation|sultanate|république|royaume|état|república|reino|estado|repubblica|"
    r"regno|stato|republik|königreich|staat)"
    r"(?:\s+(?:islamique|arabe|islámica|árabe|bolivariana|socialiste|démocratique|populaire|islamica|araba|"
    r"democratica|popolare|fédérale|federativa))*"
    r"\s+(?:of\s+(?:the\s+)?|de\s+(?:la\s+)?|du\s+|d['’]|del\s+|di\s+|della\s+|dell['’])?(?P<name>.+)$"
)
"""A state's formal name: 'Islamic Republic of Iran', 'République arabe d'Égypte', 'Arabischen Republik Syrien'."""


def _state_code(text: str) -> str | None:
    """The country a state's formal name names ('Kingdom of Bahrain' -> BH), or its
    adjective before 'Federation' ('Russian Federation')."""
    m = _STATE.match(text.strip())
    names = capitalised.country_names()
    if m:
        name = m.group("name").strip()
        return names.get(name) or country_table().get(name.lower())
    first, _, last = text.strip().rpartition(" ")
    if last.lower() in ("federation", "republic") and first:
        return country_table().get(first.lower())
    return None


_MANDATE = re.compile(
    r"(?i)\b(?:special rapporteur|independent expert|special representative|representative on|"
    r"rapporteur(?:e)? spéciale?|experte? indépendante?|relator(?:a)? especial|relatore speciale|"
    r"sonderberichterstatter(?:in)?)\b"
)
"""A mandate of the UN or another body is an office a person holds, not a body."""
_INSTRUMENT_TAIL = re.compile(r"(?i)\b(?:rules|principles|guidelines|règles|principes|reglas|principios)$")
_ADDRESS_TOKEN = re.compile(
    r"(?<!\w)(?:[A-Z]{1,2}\d[A-Z\d]?|\d{5}|(?=[A-Z\d]*\d{3})(?=[A-Z\d]*[A-Z])[A-Z\d]{6,})(?!\w)"
)
"""A postcode ('SE1', 'WC2B', '22042') or a prisoner's number ('A4471KT') ends no body's name."""


def _without_mandate(m: _Mention) -> _Mention:
    """'The X Organisation's Special Rapporteur on Y' -> the body that holds the mandate."""
    found = _MANDATE.search(m.text)
    if not found:
        return m
    body = re.sub(r"['’]s?$", "", m.text[:found.start()].strip(" ,"))
    if len(body.split()) < 2:
        return m
    return _Mention(body, m.start, m.start + len(body), m.rule, m.confidence)


_LOWER_TAIL = re.compile(
    r"(?:\s+[a-zà-ÿ][\w'’]*){0,4}?\s+(?:di|de|del|della|du|des|d['’])\s*(?:la\s+|l['’])?[A-ZÀ-Þ][\w'’-]+"
)


def _with_lower_case_tail(m: _Mention, text: str) -> _Mention:
    """A body's head word that the language follows with lower-case words and the
    place it serves is one name: "Corte d'appello di Milano", 'Tribunal supremo de X'."""
    if " " in m.text or m.text.lower() not in capitalised.organisation_heads() or text[m.start:m.end] != m.text:
        return m
    tail = _LOWER_TAIL.match(text, m.end)
    if not tail or "\n" in tail.group(0):
        return m
    return _Mention(text[m.start:tail.end()], m.start, tail.end(), m.rule, m.confidence)


def _no_body(name: str, text: str) -> bool:
    """What the tagger or a list took for an organisation but names none: a mandate
    ('Special Rapporteur on X'), an instrument ('Standard Minimum Rules'), an address
    or a number, or one word that is a town, a country, a body's bare head word
    ('Ministry', 'Consejo') or a common noun the text also writes in lower case."""
    words = name.split()
    if _MANDATE.search(name) or _INSTRUMENT_TAIL.search(name) or _ADDRESS_TOKEN.search(words[-1]):
        return True
    if len(words) != 1 or name.isupper() or name in _body_forms():
        return False
    return (
        name in capitalised.city_names() or name in capitalised.country_names()
        or name.lower() in capitalised.organisation_heads()
        or re.search(rf"(?<![\w./@-]){re.escape(name.lower())}(?![\w@-]|\.\w)", text) is not None
    )


@cache
def _body_forms() -> frozenset[str]:
    return frozenset(form for form, _, _ in _bodies())


@cache
def _known_bodies() -> dict[str, int]:
    """Each folded name and alias of the bodies gazetteer -> the body's index."""
    return {
        fold(form): i
        for i, b in enumerate(load("bodies")["bodies"])
        for form in [b["name"], *b["aliases"]]
    }


def _known_body(name: str) -> int | None:
    forms = alias_forms(name)
    found = {_known_bodies()[f] for f in forms if f in _known_bodies()}
    return found.pop() if len(found) == 1 else None


def _one_known_body(a: str, b: str) -> bool:
    """Two forms the bodies gazetteer gives for one body (an acronym and its full name,
    or two spellings of it): one organisation."""
    known = _known_body(a)
    return known is not None and known == _known_body(b)


def _with_known_short_form(m: _Mention, found: list[_Mention]) -> _Mention:
    """A known body named in full keeps, as its alias, the short form the text also
    writes ('Northland Refugee Office (NRO)'), as a name and its bracketed
    acronym are kept."""
    known = _known_body(m.text)
    if known is None or "(" in m.text or m.text.isupper():
        return m
    short = next(
        (o.text for o in found if o.text.isupper() and " " not in o.text and _known_body(o.text) == known),
        None,
    )
    return _Mention(f"{m.text} ({short})", m.start, m.end, m.rule, m.confidence) if short else m


def _honorific_led(text: str) -> bool:
    """'M. X', 'Herr X': a person, whatever the tagger says."""
    first = text.split(" ", 1)[0]
    return " " in text and first in capitalised.honorifics()


def _detention_places(
    ctx: Context, locs: list[_Mention], orgs: list[_Mention], language: str, free: Callable[[int], bool]
) -> tuple[list[_Mention], list[_Mention]]:
    """Add the named places of detention (`facilities.find`); drop the tagger's pieces of
    them ('Evin' inside 'Evin Prison', and elsewhere when 'Evin' is no known town) and
    a body that is one ('Second Police Station' tagged as an organisation)."""
    held = [
        f for f in facilities.find(ctx.text, language)
        if free(f.start) and not any(o.start <= f.start < o.end for o in orgs)
    ]
    if not held:
        return locs, orgs
    known = {*capitalised.country_names(), *capitalised.city_names()}
    names = {fold(f.name) for f in held if f.name and f.name not in known}
    whole = {fold(f.text) for f in held}
    kept = [
        m for m in locs
        if not any(f.start <= m.start < f.end for f in held) and fold(m.text) not in names
    ]
    kept.extend(_Mention(f.text, f.start, f.end, "detention_place", 0.75) for f in held)
    return kept, [o for o in orgs if fold(o.text) not in whole]


def _name_part(place: str, person: str) -> bool:
    """The place is a person's name or part of it ('Austin' of 'Austin Kell')."""
    words, name = fold(place).split(), fold(person).split()
    return bool(words) and len(name) >= 2 and set(words) <= set(name)


def _join_capital(text: str, locs: list[_Mention]) -> list[_Mention]:
    """'Washington' + 'D.C' (split by the model) -> one 'Washington, D.C.'."""
    m = re.search(r"\bWashington,?\s+D\.?\s?C\.?", text, re.I)
    if not m:
        return locs
    parts = [loc for loc in locs if fold(loc.text) in ("washington", "d c", "dc")]
    if not parts:
        return locs
    rest = [loc for loc in locs if loc not in parts]
    joined = _Mention(text[m.start():m.end()], m.start(), m.end(), parts[0].rule, parts[0].confidence)
    return [joined, *rest]


def _join_states(text: str, locs: list[_Mention]) -> list[_Mention]:
    """'Miami' + 'Fla' -> 'Miami, Fla.': a place and the abbreviated state after it."""
    ordered = sorted(locs, key=lambda m: m.start)
    out: list[_Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None and text[prev.end:m.start].strip() == ","
            and len(m.text.replace(".", "")) <= 3 and m.text[:1].isupper()
        ):
            end = m.end + 1 if text[m.end:m.end + 1] == "." else m.end
            out[-1] = _Mention(text[prev.start:end], prev.start, end, prev.rule, prev.confidence)
            continue
        out.append(m)
    return out


def _inside(short: str, long: str) -> bool:
    """'Security Council' inside 'National Security Council' (two words or more)."""
    a, b = fold(short).split(), fold(long).split()
    if len(a) < 2 or len(a) >= len(b) or "(" in short:
        return False
    return any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _dedupe(items: list[_Mention], same: object) -> list[_Mention]:
    """Keep the fullest form of each name, in order of first mention."""
    assert callable(same)
    by_length = sorted(items, key=lambda m: (-len(m.text), m.start))
    kept: list[_Mention] = []
    for m in by_length:
        if not any(same(m.text, k.text) for k in kept):
            kept.append(m)
    first: dict[str, int] = {}
    for m in items:
        for k in kept:
            if same(m.text, k.text):
                first[k.text] = min(first.get(k.text, m.start), m.start)
                break
    return sorted(kept, key=lambda k: first.get(k.text, k.start))


__all__ = ["fold", "run"]

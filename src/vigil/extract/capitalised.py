# Cue words and patterns are matched as written: non-Latin scripts and
# look-alike characters (typographic apostrophes) are intended here.
# ruff: noqa: E501, RUF001
"""Names where no statistical model reads the language.

Latin and Cyrillic scripts: maximal runs of capitalised words (joined by
name particles and, for bodies, by linking words), classified by the words
they hold — an organisation head ('Ministerio', 'Müdürlüğü', '-ministerium')
makes a body, a place head ('Prisión', 'Strafkolonie', 'СИЗО') or a country
or city name a place, a locative case ending ('İstanbul'da') or preposition
('en Cobán') a place, and two to five plain capitalised words a person.
Arabic script has no capitals: persons come after an honorific ('السيد',
'آقای') or start with a common given name, bodies start with a head word
('وزارة', 'سازمان'), places with a place head ('سجن', 'زندان') or are
country and city names. Every cue is data: the language files' word sections,
`vocab/languages_words.json` (words not yet in the language files),
`vocab/given_names.json`, `vocab/countries.json` and `vocab/cities.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vigil.vocab import languages, load

WORD_SECTIONS = ("honorifics", "titles", "family_words", "group_words")
EXTRA_SECTIONS = (
    "place_nouns",
    "area_nouns","organisation_heads", "place_heads", "at_risk_words", "dead_words", "not_name_words",
    "street_words")
ARABIC_SCRIPT = ("ar", "fa")
LATIN_AND_CYRILLIC = ("en", "fr", "es", "de", "it", "tr", "ru")


@dataclass(frozen=True)
class Candidate:
    """One name found by rule: its text, span, label (PERSON, ORG, LOC) and rule."""

    text: str
    start: int
    end: int
    label: str
    rule: str
    confidence: float


@cache
def _vocab_file(name: str) -> dict[str, Any]:
    raw = resources.files("vigil.vocab").joinpath(f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def words(section: str, language: str | None = None) -> tuple[str, ...]:
    """A word section of one language (every language when `language` is None):
    the language files' words merged with `languages_words.json`."""
    codes: Iterable[str] = [language] if language else sorted({*languages.codes(), *_vocab_file("languages_words")})
    found: list[str] = []
    for code in codes:
        if section in WORD_SECTIONS:
            found.extend(languages.words(section, [code]))
        found.extend(_vocab_file("languages_words").get(code, {}).get(section, []))
    return tuple(dict.fromkeys(found))


def honorifics(language: str | None = None) -> tuple[str, ...]:
    """Honorifics of a language ('Sr.', 'Herr', 'آقای'), longest first."""
    return tuple(sorted(words("honorifics", language), key=len, reverse=True))


def titles(language: str | None = None) -> tuple[str, ...]:
    """Office titles of a language ('Bundesminister', 'وزير'), longest first."""
    return tuple(sorted(words("titles", language), key=len, reverse=True))


@cache
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of a language (shipped with spaCy, no model needed)."""
    import importlib

    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return frozenset()
    stop: set[str] = module.STOP_WORDS
    return frozenset(w.lower() for w in stop)


@cache
def organisation_heads() -> frozenset[str]:
    """Every language's organisation head words, lower-cased ('ministry', 'consejo')."""
    return frozenset(w.lower() for w in words("organisation_heads"))


def stop_words(language: str | None) -> frozenset[str]:
    """spaCy's stop words of a language; none for an unknown one."""
    return _stop_words(language) if language else frozenset()


@cache
def _cues(language: str) -> dict[str, frozenset[str]]:
    def lower(ws: Iterable[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in ws)

    # letters quote bodies and places in other languages: 'Consejo Comunitario' in a German text
    script = ARABIC_SCRIPT if language in ARABIC_SCRIPT else LATIN_AND_CYRILLIC
    return {
        "own_heads": lower(words("organisation_heads", language)),
        "heads": lower(w for code in script for w in words("organisation_heads", code)),
        "places": lower(w for code in script for w in words("place_heads", code)),
        # letters mix languages: any language's honorific or title marks a name
        "titles": lower(words("titles")),
        "title_words": frozenset(
            w.lower() for t in words("titles") for w in t.split() if not w[:1].islower() or not w.isascii()
        ),
        "honorifics": lower(words("honorifics")),
        # an office is no body: 'President of the Republic' (one-word titles only:
        # 'High', 'General', 'Chief' also open the names of bodies)
        "first_title_words": frozenset(
            t.lower() for t in words("titles") if " " not in t and t.lower() not in _BODY_OPENERS
        ),
        "family": lower(words("family_words", language)),
        "risk": lower(words("at_risk_words", language)),
        "not_name": lower(words("not_name_words", language)) | lower(words("not_name_words", "en")),
    }


@cache
def country_names() -> dict[str, str]:
    """Every written form of a country in any language -> its ISO code."""
    table: dict[str, str] = {}
    for c in load("countries")["countries"]:
        for n in [c["name"], *c["aliases"], *(n for ns in c.get("names", {}).values() for n in ns)]:
            table[n] = c["iso2"]
    return table


@cache
def _adjectives() -> frozenset[str]:
    return frozenset(a for c in load("countries")["countries"] for a in c["adjectives"])


@cache
def city_names() -> frozenset[str]:
    data = _vocab_file("cities")
    return frozenset(c for code, names in data.items() if code != "source" for c in names)


@cache
def _place_re() -> re.Pattern[str]:
    names = sorted({*country_names(), *city_names()}, key=len, reverse=True)
    names = [n for n in names if len(n) >= 4 or n.isupper()]
    # Arabic script glues a conjunction or preposition to the noun: 'وسوريا', 'بلبنان'
    return re.compile(r"(?<![\w-])(?:[وبلف](?=[\u0600-\u06ff]))?(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


_BODY_WORDS = frozenset(
    ["human", "rights", "royal", "droits", "derechos", "diritti", "insan", "права", "menschenrechte", "law", "carta", "charte"]
)
"""Words no person's name holds but a body's may open with ('Human Rights Council')."""
_BODY_OPENERS = frozenset(["general", "chief", "head", "representative", "high", "supreme", "national"])
_PARTICLES = {
    "es": frozenset(["de", "del", "la", "las", "los"]),
    "it": frozenset(["di", "da", "de", "del", "della", "lo", "la"]),
    "fr": frozenset(["de", "du", "des", "la", "le"]),
    "de": frozenset(["von", "van", "vom", "zu", "der", "den"]),
    "en": frozenset(["de", "da", "van", "von", "der", "den"]),
}
"""Lower-case words inside a personal name ('Marta Lidia Serrano de Alas'), by language."""
_ARABIC_PARTICLES = frozenset(["al", "el", "bin", "ibn", "ben", "abu"])
_PLACE_ARTICLES = frozenset(["la", "el", "los", "las", "le", "les", "il", "lo", "san", "santa"])
"""Capitalised articles that open a place's name mid-sentence ('La Esperanza')."""
_GERMAN_PLACE_SUFFIXES = ("gefängnis", "haftanstalt", "lager", "kolonie")
_GERMAN_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "unser", "unsere", "unseren", "ihr", "ihre", "ihren", "sein", "seine", "seinen", "dieser", "diese", "diesen"])
_GERMAN_STRONG_NOUN = re.compile(r"(?:ung|heit|keit|schaft|tion|tät|nis|tum|ismus|ungen|heiten|keiten|schaften|tionen)$")
_GERMAN_ADJECTIVE = re.compile(r"(?:isch|lich|ig|är|al|iv|ell|ert|ier|ner|ter|ös)(?:e|en|em|er|es)$")
_LINKS = frozenset(
    ["de", "del", "la", "las", "los", "y", "e", "en", "para", "contra", "sobre", "por", "da", "das", "do", "dos", "di", "dei", "degli", "delle", "della", "dello", "dell", "del", "per", "sul", "sulla", "sulle", "su", "e", "ed", "a", "al", "alla", "allo", "agli", "von", "der", "den", "des", "für", "fur", "und", "zu", "zum", "zur", "im", "am", "an", "in", "of", "the", "and", "for", "on", "du", "des", "et", "à", "aux", "pour", "ve", "ile", "и", "по", "при", "для", "в", "на", "против"]
) | frozenset({"d'", "l'", "dell'", "all'", "sull'", "d’", "l’", "dell’", "all’"})
"""Lower-case words that link the parts of a body's name ('Comisión Nacional de Búsqueda')."""
_TOKEN = re.compile(
    r"(?i:[dl]|dell|all|nell|sull|dall|dall|qu)['’](?=\w)|[^\W\d_][\w'’.-]*[\w.]|[^\W\d_]|\d+[.º°ª]?|\n|[^\w\s]"
)
"""Words (an elided article 'L’', 'dell’' on its own), numbers, line breaks, punctuation."""
_CONJUNCTIONS = frozenset(["y", "e", "ed", "und", "and", "et", "ve", "и", "o", "u", "oder", "or", "ou"])
_TR_CASE = re.compile(r"^(?P<name>[A-ZÇĞİÖŞÜ][\w-]+)['’](?P<suffix>n?da|n?de|ta|te|n?dan|n?den|tan|ten|n?a|n?e|ya|ye|nın|nin|nun|nün|ın|in|un|ün|n?ı|n?i|n?u|n?ü|yı|yi|yu|yü|yla|yle|la|le)$")
_LOC_SUFFIX = frozenset({"da", "de", "ta", "te", "dan", "den", "tan", "ten", "nda", "nde", "ndan", "nden"})
_LOCATIVE = {
    "es": ("en", "desde", "hacia", "hasta"),
    "it": ("a", "in", "da", "verso"),
    "de": ("in", "nach", "aus"),
    "fr": ("à", "en"),
    "en": ("in", "to", "from"),
    "tr": (),
    "ru": ("в", "во", "из", "г."),
}
_GERMAN_NOUN = re.compile(r"(?:ung|heit|keit|schaft|tion|tät|nis|tum|ismus|ment|ur|enz|anz|ik|ie|ei|ler|er|en|sten)$")
_MONTHS = frozenset(
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
)


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        t = self.text
        if re.match(r"(?:al|el|ad|as|an|ash)[-'’][A-ZÀ-ÖØ-Þ]", t):
            return True
        return t[:1].isupper() and any(c.isalpha() for c in t)


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_head(word: str, heads: frozenset[str], language: str) -> bool:
    low = word.lower().strip(".,")
    if low in heads:
        return True
    if language == "de":  # German compounds end in their head: 'Innenministerium'
        own = _cues("de")["own_heads"]
        return any(len(h) >= 4 and low.endswith(h) and len(low) > len(h) for h in own)
    return False


def _contains(phrase_words: list[str], multi: frozenset[str]) -> bool:
    joined = " ".join(w.lower() for w in phrase_words)
    return any(
        " " in m and m in joined and re.search(rf"(?<!\w){re.escape(m)}(?!\w)", joined)
        for m in multi
    )


def _starts_with(phrase_words: list[str], multi: frozenset[str], language: str) -> bool:
    joined = " ".join(w.lower() for w in phrase_words)
    first = phrase_words[0].lower()
    if first in multi or any(joined.startswith(m + " ") or joined == m for m in multi if " " in m):
        return True
    return language == "de" and any(len(m) >= 5 and first.endswith(m) for m in _GERMAN_PLACE_SUFFIXES)


def _chunks(text: str, language: str) -> Iterable[tuple[list[_Tok], bool, str]]:
    """Runs of capitalised words with the linking words between them; each with
    whether it opens a sentence and the word before it."""
    toks = _tokens(text)
    stop = _stop_words(language)
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.cap:
            i += 1
            continue
        prev = toks[i - 1].text if i > 0 else "\n"
        opening = prev in ("\n", ".", "!", "?", ":", "•", "-", "–", "*", "«", '"', "“", "(") or i == 0
        run = [t]
        j = i + 1
        while j < len(toks):
            u = toks[j]
            gap = text[run[-1].end:u.start]
            if "\n" in gap or len(gap) > 1 or (run[-1].text.endswith(".") and len(run[-1].text) > 4):
                break
            if u.cap or (re.fullmatch(r"\d+[.º°ª]?", u.text) and run[-1].text.lower() in ("nr.", "n.º", "no.", "núm.", "n°", "nº", "№")):
                run.append(u)
                j += 1
                continue
            if u.text.lower() in _LINKS or u.text.lower().endswith(("'", "’")):
                # a linking word joins only when a capitalised word follows it; a
                # conjunction only when the very next word is capitalised
                k = j
                while k < len(toks) and (toks[k].text.lower() in _LINKS or toks[k].text.endswith(("'", "’"))) and k - j < 2:
                    if toks[k].text.lower() in _CONJUNCTIONS and k > j:
                        break
                    k += 1
                if toks[j].text.lower() in _CONJUNCTIONS and k != j + 1:
                    break
                if k < len(toks) and toks[k].cap and "\n" not in text[u.start:toks[k].start]:
                    run.extend(toks[j:k + 1])
                    j = k + 1
                    continue
            break
        # a sentence's first word is capitalised anyway: drop it when it is a common word
        while run and (run[0].text.lower() in stop or run[0].text.lower() in _MONTHS) and (
            opening or run[0].text.lower() not in _PLACE_ARTICLES
        ):
            prev = run[0].text
            run = run[1:]
            opening = False
        # a sentence's first word followed by a linking word is a verb or a noun: 'Escribimos al ...'
        if opening and len(run) > 2 and not run[1].cap and run[0].text.lower() not in _PLACE_ARTICLES:
            run = run[2:]
        # a capitalised word the text also writes in lower case is a common word
        while run and opening and re.search(rf"(?<!\w){re.escape(run[0].text.lower())}(?!\w)", text):
            run = run[1:]
        while run and (run[-1].text.lower() in _LINKS or not run[-1].cap):
            run = run[:-1]
        if run:
            yield run, opening, prev
        i = j


_NAME_AFTER = r"(?:\s+(?:de la|de los|de las|del|de|di|della|dello|del|d['’]|du|des))?\s*(?P<name>[A-ZÁÉÍÓÚÑÀ-ÞА-ЯЁ][\w'’-]+(?:\s+(?:de |del |la |di )?[A-ZÁÉÍÓÚÑÀ-ÞА-ЯЁ][\w'’-]+){0,3})"


@cache
def _noun_place_re(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    def build(section: str) -> re.Pattern[str] | None:
        nouns = sorted(words(section, language), key=len, reverse=True)
        if not nouns:
            return None
        return re.compile(r"(?<![\w-])(?P<noun>" + "|".join(re.escape(n) for n in nouns) + r")" + _NAME_AFTER)

    return build("place_nouns"), build("area_nouns")


def _noun_places(text: str, language: str) -> list[Candidate]:
    """'carcere di Silivri', 'río Sumpul' (the noun stays: a named building or
    river), 'municipio de Panzós' (the name alone: an area)."""
    out: list[Candidate] = []
    kept, area = _noun_place_re(language)
    if kept is not None:
        for m in kept.finditer(text):
            out.append(Candidate(m.group(0), m.start(), m.end(), "LOC", "place_noun", 0.55))
    if area is not None:
        for m in area.finditer(text):
            out.append(Candidate(m.group("name"), m.start("name"), m.end("name"), "LOC", "area_noun", 0.5))
    return out


def _span_text(text: str, run: list[_Tok]) -> str:
    return text[run[0].start:run[-1].end].rstrip(".,")


def _latin(text: str, language: str) -> list[Candidate]:
    cues = _cues(language)
    every_heads = cues["heads"] | _cues("en")["heads"]
    stop = _stop_words(language)
    countries = country_names()
    cities = city_names()
    out: list[Candidate] = []
    locative = _LOCATIVE.get(language, ())
    particles = _PARTICLES.get(language, frozenset()) | _ARABIC_PARTICLES
    places_all = cues["places"] | _cues("en")["places"]
    for run, _opening, prev in _segments(text, language, every_heads, places_all, particles):
        if language == "tr":
            run, case = _turkish_case(run)
        else:
            case = ""
        if not run:
            continue
        names = [t.text.rstrip(".,") if not re.fullmatch(r"[A-ZÀ-Þ]\.", t.text) else t.text for t in run]
        whole = text[run[0].start:run[-1].start] + names[-1]
        start, end = run[0].start, run[0].start + len(whole)
        lowered = [w.lower() for w in names]
        if whole in countries or whole in cities:
            out.append(Candidate(whole, start, end, "LOC", "gazetteer_place", 0.8))
            continue
        after = text[end:end + 24]
        if prev == "\n" and re.match(r",\s*(?:\d|le\s|el\s|den\s|il\s)", after) and len(run) <= 3:
            out.append(Candidate(whole, start, end, "LOC", "dateline_place", 0.6))  # 'Valmora, 3 marzo'
            continue
        places = cues["places"] | _cues("en")["places"]
        if _starts_with(names, places, language) or _contains(names, places):
            out.append(Candidate(whole, start, end, "LOC", "place_head", 0.6))
            continue
        if any(_is_head(w, every_heads, language) for w in names) or _contains(names, every_heads):
            # the body starts at its head's part of the run: 'Gespräch in der Botschaft' -> 'Botschaft'
            head_at = next((i for i, w in enumerate(names) if _is_head(w, every_heads, language)), 0)
            link_at = max((i for i in range(head_at) if not run[i].cap), default=-1)
            if link_at >= 0:
                run, names = run[link_at + 1:], names[link_at + 1:]
                whole = text[run[0].start:run[-1].start] + names[-1]
                start, end = run[0].start, run[0].start + len(whole)
            out.append(Candidate(whole, start, end, "ORG", "organisation_head", 0.6))
            # 'Embajada de España en Guatemala': the seat is a place as well
            for i in range(1, len(run) - 1):
                if run[i].text.lower() in locative and run[i + 1].cap and all(t.cap for t in run[i + 1:]):
                    seat = run[i + 1:]
                    s_text = text[seat[0].start:seat[-1].start] + names[-1]
                    out.append(Candidate(s_text, seat[0].start, seat[0].start + len(s_text), "LOC", "seat_of_body", 0.45))
                    break
            continue
        if whole in _adjectives() or any(w in cues["not_name"] for w in lowered):
            continue
        if re.match(r"\s+\d{1,4}\b(?![.:/])", after) and not case:
            continue  # a street and its house number
        honorific_at = next(
            (i for i, w in enumerate(lowered) if w in cues["honorifics"] or run[i].text.lower().rstrip(",") in cues["honorifics"]),
            None,
        )  # 'Sig.' is written with its full stop
        # a relation or an office inside the run names the person after it: 'Rudzkos Kollege X Y'
        marker_at = next(
            (i for i, w in enumerate(lowered[:-1]) if i and (w in cues["family"] or w in cues["title_words"])), None
        )
        if honorific_at is None and any(_country_form(w, countries) for w in names):
            out.append(Candidate(whole, start, end, "LOC", "country_in_name", 0.55))  # 'Republik Belarus'
            continue
        if case in _LOC_SUFFIX or (len(run) == 1 and (prev.lower() in locative)):
            word = names[-1]
            start, end = run[-1].start, run[-1].start + len(word)
            if (
                word.lower() not in stop and not word.isupper() and len(word) >= 3
                and not (language == "de" and (_GERMAN_NOUN.search(word.lower()) or _GERMAN_STRONG_NOUN.search(word.lower())))
                and not (language == "ru" and re.search(r"(?:ая|ую|ой|ый|ий|ое|ые|ых|ого|ому)$", word))
                and word.lower() not in cues["risk"] and word.lower() not in cues["title_words"]
            ):
                out.append(Candidate(word, start, end, "LOC", "after_locative", 0.45))
            continue
        if prev.lower() in locative and honorific_at is None and language in ("es", "it", "fr"):
            out.append(Candidate(whole, start, end, "LOC", "after_locative", 0.45))
            continue
        # a person: after an honorific (anywhere in the run), or two to five name words
        k = honorific_at + 1 if honorific_at is not None else marker_at + 1 if marker_at is not None else 0
        if not k and language == "de" and prev.lower() in _GERMAN_ARTICLES and len(run) >= 3:
            k = 1  # 'der Gewerkschafter Pavel Ostrin': the noun, then the name
        while k < len(names) and (lowered[k] in cues["honorifics"] or run[k].text.lower().rstrip(",") in cues["honorifics"] or lowered[k] in cues["title_words"] or lowered[k] in cues["family"]):
            k += 1
        person = run[k:k + 5]
        low_words = lowered[k:k + 5]
        # a conjunction or a linking word that is no name particle ends the name
        for i, w in enumerate(low_words):
            if not person[i].cap and (
                w not in particles
                or (language == "de" and w in ("der", "den") and (i == 0 or low_words[i - 1] not in ("von", "van")))
                # 'von Unbekannten', 'von Angehörigen': a German plural noun, no noble name
                or (language == "de" and i + 1 < len(low_words) and low_words[i + 1].endswith("en"))
            ):
                person, low_words = person[:i], low_words[:i]
                break
        while person and not person[0].cap:
            person, low_words = person[1:], low_words[1:]
        while person and not person[-1].cap:
            person, low_words = person[:-1], low_words[:-1]
        if not person:
            continue
        p_start, p_end = person[0].start, person[-1].start + len(person[-1].text.rstrip(".,"))
        p_text = text[p_start:p_end]
        if len(person) == 1:
            if k:
                out.append(Candidate(p_text, p_start, p_end, "PERSON", "honorific_name", 0.5))
            continue
        if any(
            (w in stop and w not in particles) or w in _MONTHS or w in cues["title_words"] or w in cues["risk"]
            for w in low_words
        ) or any(t.text.isupper() and len(t.text) > 1 for t in person):
            continue
        if language == "de" and honorific_at is None and (
            (not k and prev.lower() in _GERMAN_ARTICLES)
            or _GERMAN_ADJECTIVE.search(low_words[0])
            or any(_GERMAN_STRONG_NOUN.search(w) for w in low_words)
        ):
            continue
        if not k and names[-1] in cities:
            out.append(Candidate(whole, start, end, "ORG", "name_with_city", 0.4))  # 'Nasha Hazeta Minsk'
            continue
        out.append(Candidate(p_text, p_start, p_end, "PERSON", "honorific_name" if k else "capitalised_name", 0.65 if k else 0.5))
    return out


def _segments(
    text: str, language: str, heads: frozenset[str], places: frozenset[str], particles: frozenset[str]
) -> Iterable[tuple[list[_Tok], bool, str]]:
    """The runs, those without an organisation or place head cut at their linking
    words: 'Stellen in Minsk' is a noun and a place, not one name."""
    for run, opening, prev in _chunks(text, language):
        names = [t.text.rstrip(".,") for t in run]
        if (
            any(_is_head(w, heads, language) for w in names) or _contains(names, heads)
            or _starts_with(names, places, language) or _contains(names, places)
        ):
            yield run, opening, prev
            continue
        piece: list[_Tok] = []
        before = prev
        for t in run:
            low = t.text.lower()
            if not t.cap and (low not in particles or low in _CONJUNCTIONS):
                if piece:
                    yield piece, opening, before
                piece, before, opening = [], t.text, False
                continue
            piece.append(t)
        if piece:
            yield piece, opening, before


def _country_form(word: str, countries: dict[str, str]) -> bool:
    """A country's name, or in Cyrillic its inflected form ('Таджикистана')."""
    if word in countries:
        return True
    return bool(re.match(r"[А-ЯЁ]", word)) and any(word[:-n] in countries for n in (1, 2) if len(word) - n >= 4)


def inflected_same(a: str, b: str) -> bool:
    """Two Cyrillic forms of one name in different cases ('Ольги Сергеевны Ковальчук'
    ~ 'Ольга Сергеевна Ковальчук'): each word of one shares a stem with a word of the other."""
    wa, wb = a.split(), b.split()
    if not wa or not wb or not all(re.match(r"[А-ЯЁ]", w) for w in wa + wb):
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)

    def same_stem(x: str, y: str) -> bool:
        common = next((i for i, (a, b) in enumerate(zip(x.lower(), y.lower(), strict=False)) if a != b), min(len(x), len(y)))
        return common >= 3 and common >= min(len(x), len(y)) - 2

    return all(any(same_stem(x, y) for y in long_) for x in short) and max(len(w) for w in short) >= 4


def _turkish_case(run: list[_Tok]) -> tuple[list[_Tok], str]:
    """'Anayasa Mahkemesi'ne' -> the run without its case ending, and the ending;
    a case ending inside the run ends it there."""
    for i, t in enumerate(run):
        m = _TR_CASE.match(t.text)
        if m:
            kept = [*run[:i], _Tok(m.group("name"), t.start, t.start + len(m.group("name")))]
            return kept, m.group("suffix")
    return run, ""


_AR_WORD = re.compile(r"[\u0600-\u06ff\u200c]+")
_AR_BREAK = re.compile(r"[،,.;؛:!?()\[\]«»\"“”\n–-]")


def _arabic(text: str, language: str) -> list[Candidate]:
    cues = _cues(language)
    stop = _stop_words(language) | _stop_words("ar" if language == "fa" else "fa")
    given = frozenset(_vocab_file("given_names").get(language, [])) | frozenset(_vocab_file("given_names").get("ar" if language == "fa" else "fa", []))
    heads = cues["heads"]
    places = cues["places"]
    titles_ = cues["titles"]
    family = cues["family"]
    risk = cues["risk"]
    countries = country_names()
    cities = city_names()
    words_ = [(m.group(0), m.start(), m.end()) for m in _AR_WORD.finditer(text)]
    out: list[Candidate] = []

    def joined(i: int, j: int) -> bool:
        return not _AR_BREAK.search(text[words_[i][2]:words_[j][1]])

    def name_word(w: str) -> bool:
        return (
            w not in stop and w not in heads and w not in places and w not in titles_ and w not in family
            and w not in risk and w not in cues["honorifics"] and len(w) >= 2
            and not (w.startswith("و") and w not in given and w[1:] not in given)
        )

    def run_from(i: int, most: int) -> int:
        j = i
        while j + 1 < len(words_) and j + 1 - i < most and joined(j, j + 1) and name_word(words_[j + 1][0]):
            j += 1
        return j

    honor = sorted(cues["honorifics"], key=len, reverse=True)
    i = 0
    while i < len(words_):
        w, s, _ = words_[i]
        # an honorific, possibly of two words ('جناب آقای'), then the name
        n = 0
        for h in honor:
            parts = h.split()
            if [x[0] for x in words_[i:i + len(parts)]] == parts:
                n = len(parts)
                break
        if n and i + n < len(words_) and joined(i + n - 1, i + n) and name_word(words_[i + n][0]):
            j = run_from(i + n, 4)
            a, b = words_[i + n][1], words_[j][2]
            out.append(Candidate(text[a:b], a, b, "PERSON", "honorific_name", 0.65))
            i = j + 1
            continue
        bare = w[1:] if w[:1] in "وب" and w[1:] in given else w
        if bare in given and (i + 1 < len(words_) and joined(i, i + 1) and name_word(words_[i + 1][0])):
            j = run_from(i, 4)
            a = s + (len(w) - len(bare))
            out.append(Candidate(text[a:words_[j][2]], a, words_[j][2], "PERSON", "given_name", 0.5))
            i = j + 1
            continue
        # places and bodies start with their head word
        for label, cue_set, rule in (("LOC", places, "place_head"), ("ORG", heads, "organisation_head")):
            multi = sorted((c for c in cue_set if c.split()[0] == w), key=len, reverse=True)
            if not multi:
                continue
            size = len(multi[0].split())
            if [x[0] for x in words_[i:i + size]] != multi[0].split():
                size = 1
                if w not in cue_set:
                    continue
            j = i + size - 1
            while j + 1 < len(words_) and j + 1 - i < (7 if label == "ORG" else size + 2) and joined(j, j + 1) and words_[j + 1][0] not in stop and words_[j + 1][0] not in risk and not (words_[j + 1][0].startswith("و") and j + 1 - i >= 3):
                j += 1
            if j > i + size - 1 or (size > 1 and label == "ORG"):
                a, b = s, words_[j][2]
                out.append(Candidate(text[a:b], a, b, label, rule, 0.55))
                i = j
                break
        i += 1
    for m in _place_re().finditer(text):
        name = m.group(1)
        if name in countries or name in cities:
            out.append(Candidate(name, m.start(1), m.end(1), "LOC", "gazetteer_place", 0.8))
    return out


def plausible_person(name: str, language: str | None) -> bool:
    """Whether a name another stage suggests (a signatory, an addressee) can be a
    person's: no label, bracket or list, no title alone, no body or place head."""
    code = language or "en"
    cues = _cues(code)
    if re.search(r"[:;\[\]/@\d]|\s{3,}|\n", name) or (not name[:1].isupper() and not _AR_WORD.match(name)):
        return False
    lowered = [w.strip(",.،؛").lower() for w in name.split()]
    if all(w in cues["title_words"] or w in cues["honorifics"] or w in cues["titles"] for w in lowered):
        return False
    if any(w in cues["not_name"] for w in lowered) or _starts_with(name.split(), cues["places"], code):
        return False
    return not any(_is_head(w, cues["heads"], code) for w in name.split()) and not _contains(name.split(), cues["heads"])


def plausible_body(name: str, language: str | None) -> bool:
    """Whether a suggested organisation can be a body: not a salutation, a closing,
    a placeholder ('[Name]') or an office ('Presidente del Consiglio')."""
    cues = _cues(language or "en")
    first = name.split()[0].strip(",.").lower() if name.split() else ""
    if (
        re.search(r"\[|\]|[:,]$|:\s|\d+/\d+|^\W", name.strip())
        or (first in cues["not_name"] and first not in _BODY_WORDS)
        or first in cues["honorifics"]
        or name.lower().startswith(("his ", "her ", "your ", "monsieur ", "madame ", "dear "))
    ):
        return False
    return first not in cues["first_title_words"] and name.lower() not in cues["titles"]


def find(text: str, language: str | None) -> list[Candidate]:
    """Persons, bodies and places of a text in a language spaCy has no model for."""
    code = language or "en"
    if code in ARABIC_SCRIPT:
        found = _arabic(text, code)
        found += [c for c in _latin(text, "en") if c.label != "PERSON" or c.rule == "honorific_name"]
        return found
    return _latin(text, code) + _noun_places(text, code)


__all__ = [
    "Candidate",
    "city_names",
    "country_names",
    "find",
    "honorifics",
    "inflected_same",
    "plausible_body",
    "plausible_person",
    "titles",
    "words",
]

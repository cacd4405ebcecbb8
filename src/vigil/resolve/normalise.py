# Arabic letters and look-alike apostrophes are matched as written here.
# ruff: noqa: RUF001
"""A name as text → a `NormalName`: the comparable forms of one party name.

Steps, in order:

1. Unicode NFKC; a parenthesised part becomes an alternative name
   ('Mojahedin-e Khalgh (MEK)' → 'Mojahedin-e Khalgh' with the alias 'MEK').
2. A family ('the family of X', "X's family", 'the X family', 'relatives of X')
   becomes kind `family` with X as its core name.
3. A comma: 'Name, Minister of ...' drops the title; 'Surname, Given' is turned
   round; 'Paris, France' drops the country.
4. Script: Arabic-script names also keep an abjad form (`abjad.py`); every name
   is transliterated to Latin with anyascii (Persian, Arabic, Cyrillic, Greek...).
5. Titles and honorifics are stripped from people's names ('H.E.', 'Dr.',
   'Minister'); 'Mr.' and 'Mrs.' leave a gender behind.
6. Organisations and places drop stopwords ('the', 'of', the ezafe '-e'),
   spell words one way ('centre' → 'center') and turn a country's adjective
   into the country ('Albanian' → the code of Albania).
7. Each word gets a phonetic form that folds transliteration variants
   (`phonetic`: Hossein / Hosein / Husain / Hussein → 'husin') and a consonant
   skeleton (`skeleton`: 'hsn'), used by blocking keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from anyascii import anyascii

from vigil import vocab
from vigil.resolve.abjad import abjad_form

ORGANISATION_KINDS = frozenset({"organization", "group", "office"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON_TITLES = _words(
    """mr mrs ms miss mme madame mlle mademoiselle monsieur messrs dr doctor prof professor sir dame
    lord lady sheikh shaikh sheik haj hajj haji ayatollah hojatoleslam imam mullah hon honourable
    honorable rev reverend president minister ambassador senator judge justice mayor governor
    general gen colonel col captain capt lt lieutenant major sergeant deputy chairman chairwoman
    commissioner excellency he his her mp prime foreign interior"""
)
TRAILING_TITLES = _words("jr sr phd md esq mp")
MALE = _words("mr monsieur sir lord messrs")
FEMALE = _words("mrs ms miss mme madame mlle mademoiselle dame lady")
NAME_PARTICLES = _words("al el e ye")
STOPWORDS = _words("the of and for in on at to a an by with e ye i al el de du des la le les et")
EZAFE = _words("e ye")
SPELLINGS = {
    "organisation": "organization",
    "organisations": "organizations",
    "org": "organization",
    "centre": "center",
    "defence": "defense",
    "programme": "program",
    "govt": "government",
    "dept": "department",
    "intl": "international",
    "assoc": "association",
    "ministere": "ministry",
    "ministerio": "ministry",
}
# Words that name what a thing is rather than which one: an extra one does not
# make two names different ('Mujahedin-e Khalq Organization', 'Camp Ashraf').
GENERIC = _words("organization camp")
# Words that make a name of unknown kind read as an organisation or an office.
ORGANISATION_WORDS = _words(
    """organization organisation ministry committee council association party embassy government
    office court union front league society foundation watch network center centre institute
    movement agency commission department army guard corps police prison camp rights
    monitor observatory nations"""
)
LINKING_WORDS = _words("of for in and the")

_PARENS = re.compile(r"\(([^()]*)\)")
_FAMILY = [
    re.compile(r"^(?:the\s+)?(?:famil(?:y|ies)|relatives|parents)\s+of\s+(?:the\s+)?(.+)$", re.I),
    re.compile(r"^(.+?)['’]s\s+(?:family|relatives|parents)$", re.I),
    re.compile(r"^(?:the\s+)?(.+?)\s+family$", re.I),
    re.compile(r"^(?:la\s+)?famille\s+(?:de\s+|d['’])?(.+)$", re.I),
]
_APOSTROPHES = re.compile(r"['’`ʼʻ´]")
_POSSESSIVE = re.compile(r"['’]s\b", re.I)
_SPLIT = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiou")
_HIS_EXCELLENCY = re.compile(r"\bh\s*\.\s*e\s*\.")


@dataclass(frozen=True)
class NormalName:
    """The comparable forms of one name. Built by `normalise`; never by hand."""

    original: str
    kind: str | None
    person_like: bool
    script: str
    words: tuple[str, ...]
    tokens: tuple[str, ...]
    abjad: tuple[str, ...] | None
    acronym: str | None
    initials: frozenset[str]
    titles: tuple[str, ...]
    gender: str | None
    alternatives: tuple[NormalName, ...]
    notes: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.tokens and not self.acronym


def script_of(text: str) -> str:
    """The main script of a text: 'arabic', 'cyrillic', 'latin' or 'other'."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0].lower() if name else "other"
        if script not in ("arabic", "cyrillic", "latin"):
            script = "other"
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else "latin"


@cache
def _countries() -> dict[tuple[str, ...], str]:
    """Country names, aliases and adjectives (as word tuples) → 'cc' + ISO code."""
    table: dict[tuple[str, ...], str] = {}
    for country in vocab.load("countries")["countries"]:
        code = "cc" + str(country["iso2"]).lower()
        for form in [country["name"], *country.get("adjectives", []), *country.get("aliases", [])]:
            words = tuple(w for w in _SPLIT.split(anyascii(form).lower()) if w)
            if words:
                table.setdefault(words, code)
    return table


def _replace_countries(words: list[str]) -> tuple[list[str], bool]:
    table = _countries()
    out: list[str] = []
    found = False
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            chunk = tuple(words[i : i + size])
            if len(chunk) == size and chunk in table:
                out.append(table[chunk])
                found = True
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out, found


_CONSONANT_RULES = [
    ("dzh", "j"),
    ("tch", "C"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "k"),
    ("ch", "C"),
    ("sh", "S"),
    ("th", "s"),
    ("dh", "z"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
]


@lru_cache(maxsize=200_000)
def phonetic(word: str) -> str:
    """A lower-case ASCII word with transliteration variants folded together.

    Consonant digraphs become one letter ('kh' → 'h', 'gh' and 'q' → 'k',
    'sh' → 'S'); vowel runs fold to a, i or u ('ei', 'ee', 'ai' → 'i';
    'ou', 'oo', 'o' → 'u'; 'e' → 'i'); doubled letters collapse; a final 'h'
    after a vowel goes ('Fatemeh' → 'fatimi').
    """
    text = word.replace("x", "ks").replace("y", "i")
    for old, new in _CONSONANT_RULES:
        text = text.replace(old, new)
    out: list[str] = []
    run = ""
    for char in text + "#":
        if char in _VOWELS:
            run += char
            continue
        if run:
            out.append(_fold_vowels(run))
            run = ""
        if char != "#":
            out.append(char)
    folded = "".join(out)
    if len(folded) > 2 and folded.endswith("h") and folded[-2] in "aeiu":
        folded = folded[:-1]
    return re.sub(r"(.)\1+", r"\1", folded)


def _fold_vowels(run: str) -> str:
    single = {"a": "a", "e": "e", "i": "i", "o": "u", "u": "u"}
    if len(run) == 1:
        return single[run]
    if set(run) == {"a"}:
        return "a"
    if set(run) <= {"o", "u"}:
        return "u"
    if run in ("ee", "ei", "ai", "ie", "ii", "aei", "aee", "aie", "eii", "aii"):
        return "i"
    if run == "ae":
        return "a"
    return "".join(single[c] for c in run)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonants of a phonetic token, without v (the Persian و is v or u)."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiuv]", "", token)) or token[:1]


def _ascii_words(text: str) -> list[str]:
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHES.sub("", text)
    text = anyascii(text).lower().replace("&", " and ")
    text = _HIS_EXCELLENCY.sub(" he ", text)
    text = text.replace(".", " ")
    return [w for w in _SPLIT.split(text) if w]


def _reads_as_organisation(words: list[str]) -> bool:
    """Whether a name of unknown kind reads as an organisation, an office or a place."""
    return bool(set(words) & (ORGANISATION_WORDS | LINKING_WORDS | _adjectives()))


@cache
def _adjectives() -> frozenset[str]:
    """Countries' adjectives ('albanian', 'french'): a person's name rarely holds one."""
    found: set[str] = set()
    for country in vocab.load("countries")["countries"]:
        for form in country.get("adjectives", []):
            found.update(w for w in _SPLIT.split(anyascii(form).lower()) if w)
    return frozenset(found)


def _strip_family(text: str) -> str | None:
    for pattern in _FAMILY:
        match = pattern.match(text.strip())
        if match:
            return match.group(1).strip()
    return None


def _looks_like_acronym(text: str) -> str | None:
    compact = text.replace(".", "").replace(" ", "")
    if (
        2 <= len(compact) <= 8
        and compact.isalpha()
        and compact.isupper()
        and " " not in text.strip()
    ):
        return anyascii(compact).lower()
    return None


def _initials(words: list[str]) -> frozenset[str]:
    """Acronyms a full name may go by: all words, no stopwords, no stopwords but the ezafe."""
    if len(words) < 2:
        return frozenset()
    forms = {
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w not in STOPWORDS),
        "".join(w[0] for w in words if w not in STOPWORDS or w in EZAFE),
    }
    return frozenset(f for f in forms if len(f) >= 2)


def normalise(name: str, kind: str | None = None) -> NormalName:
    """The comparable forms of `name`, read as a party of `kind` (None: unknown)."""
    return _normalise(unicodedata.normalize("NFKC", name).strip(), kind)


@lru_cache(maxsize=100_000)
def _normalise(text: str, kind: str | None) -> NormalName:
    notes: list[str] = []
    alternatives: list[NormalName] = []
    for inner in _PARENS.findall(text):
        if inner.strip():
            alternatives.append(_normalise(inner.strip(), kind))
    main = _PARENS.sub(" ", text).strip() or text
    core = _strip_family(main)
    if core is not None and kind in (None, "person", "family"):
        kind = "family"
        main = core
        notes.append("named as a family")
    main = _comma(main, kind, notes)
    script = script_of(main)
    acronym = None if kind in ("person", "family", "location") else _looks_like_acronym(main)
    words = _ascii_words(main)
    person_like = kind in ("person", "family") or (
        kind is None and acronym is None and not _reads_as_organisation(words)
    )
    titles: list[str] = []
    gender: str | None = None
    if person_like and "of" not in words:
        while len(words) > 1 and words[0] in PERSON_TITLES | MALE | FEMALE:
            word = words.pop(0)
            titles.append(word)
            gender = gender or ("m" if word in MALE else "f" if word in FEMALE else None)
        while len(words) > 1 and words[-1] in TRAILING_TITLES:
            titles.append(words.pop())
        content = [w for w in words if w not in NAME_PARTICLES] or words
    else:
        content = [SPELLINGS.get(w, w) for w in words]
        content = [w for w in content if w not in STOPWORDS] or content
        content, found = _replace_countries(content)
        if found:
            notes.append("country names and adjectives read as the country")
    initials = _initials([SPELLINGS.get(w, w) for w in words]) if not person_like else frozenset()
    tokens = tuple(w if w.startswith("cc") and len(w) == 4 else phonetic(w) for w in content)
    abjad = abjad_form(main) if script == "arabic" else None
    return NormalName(
        original=text,
        kind=kind,
        person_like=person_like,
        script=script,
        words=tuple(content),
        tokens=tokens,
        abjad=abjad,
        acronym=acronym,
        initials=initials,
        titles=tuple(titles),
        gender=gender,
        alternatives=tuple(alternatives),
        notes=tuple(notes),
    )


def _comma(text: str, kind: str | None, notes: list[str]) -> str:
    if "," not in text:
        return text
    head, _, tail = text.partition(",")
    tail_words = _ascii_words(tail)
    if not tail_words:
        return head
    if tail_words[0] in PERSON_TITLES or "of" in tail_words:
        notes.append("title after the comma ignored")
        return head
    if tuple(tail_words) in _countries() and kind not in ("person", "family"):
        notes.append("country after the comma ignored")
        return head
    if kind in (None, "person", "family") and len(_ascii_words(head)) == 1 and len(tail_words) <= 2:
        notes.append("'Surname, Given' turned round")
        return f"{tail} {head}"
    return f"{head} {tail}"

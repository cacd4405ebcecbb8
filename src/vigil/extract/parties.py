# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Reading one party (name, title, organisation, country) out of a few lines.

Shared by the letter and attribution components: 'H.E. Jean Dupont,
Ambassador' / 'Embassy of France' / '4101 Street' / 'Washington, DC 20007'.
"""

from __future__ import annotations

import re
from functools import cache

from vigil.extract import capitalised
from vigil.extract.names import looks_like_person, strip_honorifics
from vigil.vocab import load

_US_ZIP = re.compile(r"\b(?:[A-Z]{2}|D\.C\.)\s+\d{5}(?:-\d{4})?\b")
_DEGREE = re.compile(r",?\s*\b(?:Ph\.?\s?D\.?|M\.?D\.?|Esq\.?|J\.?D\.?|LL\.?M\.?|MBA)\s*$")


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(load("letter")["titles"], key=len, reverse=True))


@cache
def _every_title() -> tuple[str, ...]:
    """Office titles of `letter.json` and of every language file, longest first."""
    found = {*load("letter")["titles"], *capitalised.titles()}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _org_heads() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in load("letter")["organisation_heads"])
    return re.compile(rf"\b(?:{heads})\b")


@cache
def country_table() -> dict[str, str]:
    """Lower-case country name, alias or adjective -> ISO 3166 alpha-2."""
    table: dict[str, str] = {}
    for c in load("countries")["countries"]:
        for n in [c["name"], *c["aliases"], *c["adjectives"]]:
            table[n.lower()] = c["iso2"]
    return table


@cache
def _country_re() -> re.Pattern[str]:
    names = sorted(country_table(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.I)


def country_of(text: str) -> str | None:
    """ISO code of the last country named in an address or office."""
    if _US_ZIP.search(text) or re.search(r"\bWashington,?\s+D\.?C\.?", text):
        return "US"
    found = [m.group(1) for m in _country_re().finditer(text)]
    found = [f for f in found if f not in ("US", "UK", "America") or f.isupper() or f == "America"]
    return country_table().get(found[-1].lower()) if found else None


def split_title(text: str) -> tuple[str | None, str | None]:
    """'Minister of the Interior of the Government of X' -> (title, organisation)."""
    text = text.strip(" ,;")
    m = re.search(r",\s+", text)
    if m and not _org_heads().search(text[: m.start()]):
        left, right = text[: m.start()], text[m.end():]
        if starts_with_title(left) == left and starts_with_title(right):
            return text, None  # 'Ambassador, Permanent Representative of X': one office, two titles
        if _org_heads().search(right) or starts_with_title(left):
            return left, right
    for m in re.finditer(r"\s+(?:of|at|de|du|de la|of the)\s+(?:the\s+|l')?", text):
        rest = text[m.end():]
        if _org_heads().match(rest) or re.match(r"(?:Government|Republic|Embassy|Ministry)", rest):
            return text[: m.start()], rest
    if _org_heads().search(text) and not starts_with_title(text):
        return None, text
    return text, None


def names_body(text: str) -> bool:
    """Whether `text` holds an organisation's head word ('Parliament', 'Ministry')."""
    return _org_heads().search(text) is not None


def starts_with_title(text: str, every_language: bool = False) -> str | None:
    """The office title `text` opens with: of `letter.json`, or with `every_language`
    also of every language file (a salutation's 'Sayin Icisleri Bakani', as the language files spell it)."""
    titles = _title_set(every_language)
    # the longest title that ends where the text ends or at a space or comma: the
    # first of the titles, longest first, that the text opens with
    for cut in range(len(text), -1, -1):
        if (cut == len(text) or text[cut] in " ,") and text[:cut] in titles:
            return text[:cut]
    return None


@cache
def _title_set(every_language: bool) -> frozenset[str]:
    return frozenset(_every_title() if every_language else _titles())


_SUFFIX = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)(?=,|$)")
"""A generational suffix after a comma belongs to the name ('John Q. Doe, Jr.')."""


def name_and_title(line: str) -> tuple[str | None, str | None]:
    """'President Jacques Chirac' -> ('Jacques Chirac', 'President');
    'Jean Dupont, Ambassador' -> ('Jean Dupont', 'Ambassador')."""
    line = _DEGREE.sub("", strip_honorifics(line.strip(" *_–-•"))).strip(" ,")
    line = _SUFFIX.sub(r" \1", line)
    for sep in (" / ", ", ", " – ", " - "):
        if sep in line:
            left, right = line.split(sep, 1)
            left = _DEGREE.sub("", strip_honorifics(left)).strip(" ,")
            if looks_like_person(left) and not starts_with_title(left):
                return left, right.strip(" ,") or None
            rank = starts_with_title(left)
            if rank and looks_like_person(left[len(rank):].strip()) and starts_with_title(right):
                # 'Colonel Jan Novak, Head of Colony No. 2': the rank and the office are his title
                return left[len(rank):].strip(), f"{rank}, {right.strip(' ,')}"
    title = starts_with_title(line)
    if title and line[len(title):].startswith(","):
        return None, line
    if title:
        rest = strip_honorifics(line[len(title):].strip(" ,"))
        if looks_like_person(rest) or (rest and re.fullmatch(r"[A-Z][\w'’-]+", rest)):
            return rest, title
        return None, line
    if looks_like_person(line) and ", " not in line:
        return line, None  # a comma the split above left is no person's ('Procurator-General, X')
    return None, None


def is_contact_line(text: str) -> bool:
    return bool(
        re.match(r"(?i)^(?:tel|phone|fax|fax no|mobile|cell|e-?mail|courriel|t[ée]l[ée]phone|web|website|www\.|https?://)\b", text)
        or re.search(r"@\w", text)
        or re.match(r"(?i)^p\.?\s?o\.?\s+box\b|^b\.?p\.?\s+\d", text)
    )


_PLACE_COUNTRY = re.compile(r"([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}), ([A-Z][\w'’. ]{1,40})")
_BODY_WORD = re.compile(r"(?i)\b(?:consulate|embassy|ministry|office|mission|council|committee|department|court|commission|agency|police|government|watch|network|association)\b")


def _place_and_country(text: str) -> bool:
    """'Tashkent, Uzbekistan': a town and its country, not a body."""
    m = _PLACE_COUNTRY.fullmatch(text.strip())
    return bool(m and not _BODY_WORD.search(m.group(1)) and country_table().get(m.group(2).strip().lower()))


def is_address_line(text: str) -> bool:
    return bool(
        _place_and_country(text)
        or is_contact_line(text)
        or _US_ZIP.search(text)
        or re.match(r"^\d+[\w,]*\s+\w+", text)
        or re.search(r"\b\d{4,5}\b\s+\w+", text)
        or re.search(r"(?i)\b(?:street|avenue|road|rd\.|st\.|suite|floor|boulevard|blvd|rue|place|plaza|bureau \d|cedex)\b", text)
    )


# an office-holder named with the office ('Secretary Doe', 'Senator X',
# 'le ministre X') acts or writes; the text does not speak on his behalf
_OFFICE = (
    r"(?:President|Vice[- ]President|Prime Minister|Minister|Secretary(?: of State| General)?|Sec\.|Ambassador|"
    r"Senators?|Sen\.|Representatives?|Reps?\.|Congress(?:man|woman)|Chair(?:man|woman)?|Speaker|Spokesperson|"
    r"Special (?:Envoy|Rapporteur|Presidential Envoy)|Envoy|Governor|Mayor|Attorney General|Commissioner|"
    r"Director|Advisor|Adviser|Deputy|Leader|Président|Présidente|Ministre|Ambassadeur|Ambassadrice|"
    r"Sénat(?:eur|rice)|Député|Députée|porte-parole)"
)


def office_holder(text: str, name: str) -> bool:
    """Most mentions of the name's last word follow an office title
    ('Secretary Doe', 'Sen. X'): someone who acts or writes, not a victim."""
    last = name.split()[-1]
    mentions = list(re.finditer(rf"\b{re.escape(last)}\b", text))
    if not mentions:
        return False
    office = re.compile(rf"\b{_OFFICE}(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w ]{{0,40}}?)?\s+(?:[A-Z][\w'’.-]*\s+){{0,3}}$")
    titled = sum(1 for m in mentions if office.search(text[max(0, m.start() - 60):m.start()]))
    return 2 * titled >= len(mentions)

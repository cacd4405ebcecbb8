# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Stage: letter structure — addressee block, salutation, closing,
signature (signatories, or a family or group), copy lists and a trailing
address block after the signature.

Sets `ctx.letter_start` and `ctx.signature_start` for the later stages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from vigil.extract import salutation
from vigil.extract.capitalised import words as cue_words
from vigil.extract.context import Context, Line, prov
from vigil.extract.names import looks_like_person, strip_honorifics
from vigil.extract.parties import (
    country_of,
    is_address_line,
    is_contact_line,
    name_and_title,
    names_body,
    split_title,
    starts_with_title,
)
from vigil.extract.types import Extraction, Party, Value
from vigil.extract.zones import cues, read
from vigil.extract.zones.labels import Zone
from vigil.model import Span
from vigil.vocab import languages, load

NAME = "letter"

_SUBJECT_LINE = re.compile(r"(?i)^(?:re|subject|subj|objet|ref|concerne|asunto|oggetto|betreff)\s*:")
_GENERIC = re.compile(r"(?i)^(?:sir|madam|sirs|sir or madam|sir/madam|friends?|colleagues?|all|everyone|members(?!\s+of\b)|supporters|editor|team|comrades?|mesdames,? messieurs|messieurs|mesdames|amis|tous)\b")
_FAMILY = re.compile(r"(?i)\b(?:the\s+)?famil(?:y|ies)\s+of\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?:\s*,\s*(.+))?$|\bla famille (?:de |d')([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?:\s*,\s*(.+))?$")
_OWN_ORG = re.compile(
    r"\b(?:[Tt]he|[Oo]ur) (?P<a>[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,5}) (?:organi[sz]ation|association|society|committee|foundation|network|coalition|campaign) (?:believes|urges|calls|demands|condemns|requests|asks|appeals|wishes|expresses|insists|remains|is (?:deeply|gravely|concerned|alarmed|convinced))\b"
    r"|\b[Ww]e,? (?:at|of) (?:the )?(?P<b>[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,5}),"
    r"|\b[Ll]'(?:association|organisation|ONG) (?P<c>[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,5}) (?:demande|appelle|exige|estime|considère|condamne|rappelle|s'inquiète)\b"
)
"""A letter's own organisation naming itself in the body ('The X organization believes…')."""
_DATE_LINE = re.compile(
    r"(?:[A-Z][\w'’ -]{1,40},\s+)?(?:\d{1,2}(?:st|nd|rd|th|er)?\s+[A-Za-zéû]+\.?,?\s+\d{4}"
    r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
"""A line that is only a date, perhaps after a place ('Caltrin, 19 April 2024')."""
_ADDRESSEE_START = re.compile(r"^(?:To:?\s+|À:?\s+|A:?\s+)?(?:H\.?\s?E\.?|His|Her|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|The Honou?rable|Hon\.?|Monsieur|Madame|M\.|Mme|Señor|Señora|Sr\.|Sra\.)\s")


def _match_any(patterns: list[str], text: str) -> bool:
    return any(re.match(p, text, re.I) for p in patterns)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    out: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        if ln.blank:
            if cur:
                out.append(cur)
                cur = []
        else:
            cur.append(ln)
    if cur:
        out.append(cur)
    return out


def _party(lines: list[Line], component_rule: str, confidence: float) -> Party | None:
    """One party from the lines of an address block."""
    texts = [re.sub(r"^(?:To|À|A)\s*:\s*", "", ln.text).strip(" *_•–-") for ln in lines]
    texts = [t for t in texts if t]
    if not texts:
        return None
    office = _courtesy_office(texts[0])
    if office is not None:
        return _office_party(office, texts[1:], component_rule, confidence, (lines[0].start, lines[-1].end))
    name: str | None = None
    title: str | None = None
    org: str | None = None
    address: list[str] = []
    for i, t in enumerate(texts):
        if i > 0 and is_address_line(t):
            address.append(t)
            continue
        if name is None:
            n, ttl = name_and_title(t)
            if n:
                name = n
                if ttl and title is None:
                    title, maybe_org = split_title(ttl)
                    org = org or maybe_org
                continue
            if ttl and title is None and i == 0:
                title, maybe_org = split_title(ttl)
                org = org or maybe_org
                continue
        if title is None and starts_with_title(t):
            title, maybe_org = split_title(t)
            org = org or maybe_org
        elif title is not None and org is None and i == 1 and starts_with_title(t) and re.search(r"\bof\b", t):
            title = f"{title}, {t}"  # 'General X' / 'Commandant of the Y': rank and office
        elif org is None and i <= 3 and not is_address_line(t):
            org = t
        else:
            address.append(t)
    kind = "person"
    if name is None:
        name = title or org or texts[0]
        kind = "office" if title else "organization"
        if title and org and name == title:
            written = [t for t in texts if t.startswith(title) and t.endswith(org)]
            name = written[0] if written else f"{title} of {org}" if not org.startswith(title) else org
    country = country_of(" ".join([*(address or []), title or "", org or ""]))
    spans = (lines[0].start, lines[-1].end)
    return Party(
        name=name, kind=kind, title=title, organization=org, country=country,
        address=", ".join(address) or None, prov=prov(NAME, component_rule, confidence, spans),
    )


def _office_party(office: str, rest: list[str], rule: str, confidence: float, span: tuple[int, int]) -> Party:
    """An office an address block opens with courtesy words ('Monsieur le Ministre de X' /
    'Ministère de X' / postal lines), titled by its own words; a body on the next line is
    its organisation, the other lines its address (rule `courtesy_office_block`)."""
    org = rest[0] if rest and names_body(rest[0]) and not is_address_line(rest[0]) else None
    address = rest[1:] if org else rest
    return Party(
        name=office, kind="office", title=office_title(office), organization=org,
        country=country_of(" ".join([*address, office, org or ""])), address=", ".join(address) or None,
        prov=prov(NAME, rule, confidence, span),
    )


def _courtesy_office(text: str) -> str | None:
    """The office an addressee line names after its courtesy words ('Monsieur le Ministre
    de X' -> 'Ministre de X', 'To the Honourable Minister of Y' -> 'Minister of Y'); None
    when no courtesy word opens it or no office title follows."""
    cleaned = read.clean_addressee_line(text)
    if not cleaned or cleaned == text.strip(" *_•–-") or not read.opens_with_office(cleaned):
        return None
    name, _ = name_and_title(cleaned)
    return None if name else cleaned


def _salutation(ctx: Context) -> Line | None:
    patterns = load("letter")["salutations"]
    titled = languages.rules("title_salutations")
    for ln in ctx.lines:
        if ln.start >= ctx.body_start and ln.text and len(ln.text) <= 120 and (
            _match_any(patterns, ln.text) or any(r.pattern.match(ln.text) for r in titled)
        ):
            return ln
    return None


def _salutation_title(text: str) -> str | None:
    """The office title a salutation addresses alone ('Madam President,' -> 'President',
    'Dear Minister,' -> 'Minister'), or None when it names more or someone."""
    for rule in languages.rules("title_salutations"):
        m = rule.pattern.match(text)
        if m:
            return m.group("title")
    bare = strip_honorifics(salutation.addressee_text(text)).strip()
    title = starts_with_title(bare, every_language=True)
    return title if title is not None and title == bare else None


def _addressee_block(ctx: Context, sal: Line | None) -> list[Line]:
    content = [ln for ln in ctx.lines if ln.start >= ctx.body_start]
    if sal is not None:
        before = [ln for ln in content if ln.index < sal.index]
        blocks = _blocks(before)
        while blocks and (
            _SUBJECT_LINE.match(blocks[-1][0].text)
            or (len(blocks[-1]) == 1 and _DATE_LINE.fullmatch(blocks[-1][0].text))
        ):
            blocks.pop()  # a 'Re:' or date line between the address and the salutation
        if len(blocks) >= 2 and len(blocks[-2]) == 1 and len(blocks[-1]) == 1 and starts_with_title(blocks[-1][0].text) and len(blocks[-1][0].text) <= 100:
            # 'Mr. Jean Dupont' / blank line / 'Minister of the Interior of X'
            name, _ = name_and_title(blocks[-2][0].text)
            if name:
                return blocks[-2] + blocks[-1]
        if blocks:
            block = blocks[-1]
            if len(block) <= 9 and all(len(b.text) <= 90 for b in block) and _addressee_like(block[0].text):
                return block
            if _one_long_addressee_line(block):
                return block
            spaced = _spaced_block(blocks)
            if spaced:
                return spaced
    if sal is not None:
        content = [ln for ln in content if ln.index < sal.index]
    blocks = _blocks(content)
    for i, block in enumerate(blocks[:2]):
        if (
            len(block) <= 9 and all(len(b.text) <= 100 for b in block) and _ADDRESSEE_START.match(block[0].text)
            and not _sentence(block[0].text)
        ):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else []
            if len(block) == 1 and len(nxt) == 1 and starts_with_title(nxt[0].text) and len(nxt[0].text) <= 100:
                return block + nxt
            return block
    return []


def _one_long_addressee_line(block: list[Line]) -> bool:
    """One line, longer than an address line, that opens with an honorific and is no
    sentence: an office written out in full ('H.E. the Ambassador, Permanent Representative
    of X to the United Nations Office at Y'; rule `long_addressee_line`)."""
    if len(block) != 1 or len(block[0].text) > 200:
        return False
    text = block[0].text
    return bool(_ADDRESSEE_START.match(text)) and not _sentence(text) and not text.rstrip().endswith(".")


def _spaced_block(blocks: list[list[Line]]) -> list[Line]:
    """An address block printed with a blank line after every line: the
    trailing one-line blocks, from the first that names a person or office."""
    lines: list[Line] = []
    for block in reversed(blocks):
        if len(block) != 1 or len(block[0].text) > 90 or _sentence(block[0].text) or len(lines) >= 8:
            break
        lines.insert(0, block[0])
    while lines and not (_ADDRESSEE_START.match(lines[0].text) or starts_with_title(strip_honorifics(lines[0].text))):
        lines.pop(0)
    return lines if len(lines) >= 2 else []


def _prose(paragraph: str) -> bool:
    """A paragraph of the letter's body (its lines joined, as printed lines wrap)."""
    if len(paragraph.split()) < 5 or re.match(r"[–\-•*·]\s", paragraph):
        return False  # a name, an address, a list of copies
    return paragraph.endswith((".", "?", "!")) or (
        len(paragraph) > 140 and re.search(r"[.?!]\s", paragraph) is not None
    )


def _sentence(text: str) -> bool:
    """A line of prose, not a name or an address ('Mr. X was arrested ... .')."""
    return len(text.split()) >= 7 and text.rstrip().endswith((".", "!", "?"))


def _addressee_like(text: str) -> bool:
    if _ADDRESSEE_START.match(text) or starts_with_title(strip_honorifics(text)):
        return True
    name, _ = name_and_title(text)
    return bool(name) and not text.endswith(".")


def _from_salutation(ctx: Context, sal: Line) -> Party | None:
    """The addressee a salutation names: a person ('Dear Ms Lusk'), a titled person
    ('Dear Minister Lusk'), or an office ('Monsieur le Président de la République',
    'السيد رئيس جمهورية ...'). Generic and bare-courtesy salutations name nobody."""
    body = salutation.addressee_text(sal.text)
    if not body or _GENERIC.match(body) or _EXCELLENCY.match(body):
        return None
    first = _CONJUNCTION.split(body, maxsplit=1)[0]
    if first != body and starts_with_title(first, every_language=True) == first:
        return None  # 'Dear President and Secretary X': several addressees, read from the introduction
    span = (sal.start, sal.end)
    title = starts_with_title(body, every_language=True)
    rest = strip_honorifics(body[len(title):] if title else body).strip(" ,:")
    if title and not rest:
        m = re.search(rf"\b{re.escape(title)}[ \t]+((?:[A-Z][\w'’.-]+[ \t]?){{1,3}})", ctx.text)
        if m:
            rest = m.group(1).strip()
    if not rest:
        return Party(name=title or body, kind="office", title=title, prov=prov(NAME, "salutation_office", 0.5, span))
    if looks_like_person(rest) or re.fullmatch(r"[A-Z][\w'’-]+", rest) or _unscripted_name(sal.text, rest, title):
        country = country_of(title or "")
        return Party(name=rest, kind="person", title=title, country=country, prov=prov(NAME, "salutation", 0.7, span))
    if title or names_body(body):
        # what follows the title is where the office sits ('... of the European Parliament');
        # or the salutation names a body's members ('Members of the European Parliament')
        return Party(name=body, kind="office", title=title, country=country_of(body), prov=prov(NAME, "salutation_office", 0.5, span))
    return None


def _unscripted_name(salutation_text: str, rest: str, title: str | None) -> bool:
    """In a script without capitals, two to five words after a person's honorific
    ('السيد يوسف عبدالله المناعي') are a name."""
    if title or any(c.isupper() for c in rest) or not rest[:1].isalpha():
        return False
    return 2 <= len(rest.split()) <= 5 and salutation.opened_by_person_honorific(salutation_text)


_EXCELLENCY = re.compile(r"(?i)^(?:your |his |her )?excellenc")
_CONJUNCTION = re.compile(r"\s+(?:and|et|y|und|e|и|ve)\s+|\s*&\s*")


# an introduction that describes the letter that follows: 'sent a letter to
# President X and Secretary Y', 'in a letter to ...', 'ont écrit au Président X'
_INTRO_LETTER = re.compile(
    r"(?i)\b(?:letter|wrote|writes|writing|lettre|écrit|écrivent|adressée?)\s+(?:to|à|au)\s+(?P<to>[^.;:\n]{3,200})"
)
_INTRO_PART = re.compile(r",\s*(?:and\s+)?|\s+(?:and|et)\s+")
_NAME_WORDS = re.compile(r"(?:[A-Z][\w'’-]*\.?|de|da|del|van|von|al|el|bin|Jr\.?)(?:\s+(?:[A-Z][\w'’-]*\.?|de|da|del|van|von|al|el|bin|Jr\.?))*")


def _from_intro(ctx: Context, sal: Line) -> list[Party]:
    """Recipients named by the introduction before a salutation ('In a letter
    to Secretary of State X, ...'): titled people only, in the order given."""
    intro = ctx.text[ctx.body_start:sal.start]
    m = _INTRO_LETTER.search(intro)
    if m is None:
        return []
    out: list[Party] = []
    for raw in _INTRO_PART.split(m.group("to")):
        part = strip_honorifics(re.sub(r"^(?:the|le|la|l')\s*", "", raw.strip(), flags=re.I))
        title = starts_with_title(part)
        if title is None:
            break
        words = _NAME_WORDS.match(part[len(title):].strip(" ,"))
        name = words.group(0).strip(" ,") if words else ""
        if name and (looks_like_person(name) or re.fullmatch(r"[A-Z][\w'’-]+", name)):
            s = ctx.body_start + m.start("to")
            out.append(Party(
                name=name, kind="person", title=title, country=country_of(title),
                prov=prov(NAME, "intro_letter_to", 0.6, (s, ctx.body_start + m.end("to"))),
            ))
    return out


def _closing(ctx: Context, after: int) -> Line | None:
    patterns = load("letter")["closings"]
    found = None
    for ln in ctx.lines:
        if ln.start > after and ln.text and len(ln.text) <= 90 and _match_any(patterns, ln.text):
            found = ln
    return found


def _copy_header(ctx: Context, after: int) -> tuple[Line, str] | None:
    for ln in ctx.lines:
        if ln.start < after or not ln.text:
            continue
        for p in load("letter")["copy_headers"]:
            m = re.match(p, ln.text)
            if m and (m.end() == len(ln.text) or re.search(r"[:.\-–]", m.group(0))):
                return ln, ln.text[m.end():].strip()
    return None


def _signers(ctx: Context, lines: list[Line]) -> list[Party]:
    out: list[Party] = []
    blanks = 0
    for ln in lines:
        if ln.blank:
            blanks += 1
            if blanks >= 4 and out:
                break
            continue
        blanks = 0
        text = ln.text.strip(" *_")
        if len(text) > 160 or text.startswith("###") or is_contact_line(text) or _is_copy_header(text):
            break
        if _PLACEHOLDER.match(text) or _CHROME_WORDS.search(text) or (_places_only(text) and not (out and out[-1].kind == "family")):
            continue
        fam = _FAMILY.search(text)
        if fam:
            who = fam.group(1) or fam.group(3)
            place = fam.group(2) or fam.group(4)
            out.append(Party(name=f"family of {who}", kind="family", place=place, country=country_of(place or ""),
                             prov=prov(NAME, "family_signature", 0.8, (ln.start, ln.end))))
            continue
        if out and out[-1].kind == "family" and out[-1].place is None and _place_line(text):
            out[-1].place, out[-1].country = text, country_of(text)
            continue
        name, title = (None, None) if is_address_line(text) else name_and_title(text)
        if name:
            ttl, org = split_title(title) if title else (None, None)
            out.append(Party(name=name, kind="person", title=ttl, organization=org,
                             prov=prov(NAME, "signature", 0.75, (ln.start, ln.end))))
            continue
        if out and len(text) <= 100 and not is_address_line(text):
            last = out[-1]
            if last.title is None:
                last.title, org = split_title(text)
                last.organization = last.organization or org
            elif last.organization is None:
                last.organization = text
            continue
        if not out and len(text) <= 80 and not is_address_line(text) and not text.endswith("."):
            out.append(Party(name=text, kind="organization", prov=prov(NAME, "signature_org", 0.5, (ln.start, ln.end))))
            continue
        if is_address_line(text):
            continue
        break
    return out


def _own_organisation(ctx: Context, start: int, signers: list[Party]) -> None:
    """A signatory without an organisation takes the one the body speaks as, if only one."""
    people = [p for p in signers if p.kind == "person" and p.organization is None]
    if not people or any(p.kind != "person" for p in signers):
        return
    end = ctx.signature_start if ctx.signature_start > start else len(ctx.text)
    found = {
        m.group(m.lastgroup or "a"): m.span(m.lastgroup or "a")
        for m in _OWN_ORG.finditer(ctx.text, start, end)
    }
    addressed = {(a.name or "").casefold() for a in ctx.result.addressees}
    names = [n for n in found if n.casefold() not in addressed]
    if len(names) != 1:
        return
    for person in people:
        person.organization = names[0]
        person.prov = replace(person.prov, spans=(*person.prov.spans, Span(*found[names[0]])))


def _place_line(text: str) -> bool:
    """'Kelmar, Estavia' or 'Dravik': a place under a family's signature, not a name."""
    return bool(re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?(?:, [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)?", text)) and (
        "," in text or bool(country_of(text))
    )


def _is_copy_header(text: str) -> bool:
    for p in load("letter")["copy_headers"]:
        m = re.match(p, text)
        if m and (m.end() == len(text) or re.search(r"[:.\-–]", m.group(0))):
            return True
    return False


def _copies(ctx: Context, header: Line, first: str) -> tuple[list[Party], int]:
    parties: list[Party] = []
    rest = [ln for ln in ctx.lines if ln.index > header.index]
    bullets = [ln for ln in rest if ln.text][:1]
    end = header.end
    if bullets and re.match(r"^[–\-•*·]\s*", bullets[0].text):
        for ln in rest:
            if not ln.text:
                continue
            if not re.match(r"^[–\-•*·]\s*", ln.text):
                break
            p = _party([ln], "copy_list", 0.8)
            if p:
                parties.append(p)
            end = ln.end
        return parties, end
    first_lines: list[Line] = []
    if first:
        offset = header.start + header.text.find(first) if first in header.text else header.start
        first_lines = [Line(header.index, offset, header.end, first)]
    blocks = _blocks(rest)
    if first_lines:
        blocks = [first_lines + (blocks[0] if blocks and blocks[0][0].index == header.index + 1 else []),
                  *(blocks[1:] if blocks and blocks[0][0].index == header.index + 1 else blocks)]
    for block in blocks[:12]:
        if any(len(b.text) > 120 for b in block):
            break
        p = _party(block, "copy_block", 0.7)
        if p:
            parties.append(p)
            end = block[-1].end
    return parties, end


_COLUMNS = re.compile(r"\S(?:\s{3,}|\t+)\S")
_ORG_PERSON = re.compile(r"^(?P<org>.{3,120}?)\s+[–—-]\s+(?P<person>.{3,120})$")


def _line(ctx: Context, zoned: read.Zoned) -> Line:
    return ctx.lines[zoned.line.index]


def _zone_addressees(ctx: Context, before: int) -> list[Party]:
    """Addressees from the addressee zones before the letter's body: a party's name or
    office lines, then its postal lines; a name line after postal lines, or opening with
    an honorific after a complete party, starts the next party. A line under a person's
    name that names nobody (an office, a body) is that person's, whatever blank line or
    postal-looking zone comes between."""
    groups: list[list[read.Zoned]] = []
    previous: read.Zoned | None = None
    for z in _office_lines_as_names(ctx.zones):
        if z.line.start > before:
            break
        if z.zone not in (Zone.ADDRESSEE, Zone.ADDRESS):
            previous = None
            continue
        if z.zone == Zone.ADDRESSEE and _sentence_line(z.line.text):
            continue
        starts = z.zone == Zone.ADDRESSEE and (
            previous is None or previous.zone == Zone.ADDRESS or z.line.blank_before
            or (read.starts_party(z.line.text) and sum(g.zone == Zone.ADDRESSEE for g in groups[-1]) >= 1)
            or (read.opens_with_office(z.line.text) and read.opens_with_office(groups[-1][0].line.text))
        )
        if starts and previous is not None and groups and _under_a_name(groups[-1], z):
            starts = False
        if starts or not groups:
            groups.append([*_lines_above(ctx, z), z])
        else:
            groups[-1].append(z)
        previous = z
    out = []
    for group in groups:
        party = _zone_party(group)
        if party is not None:
            out.append(party)
    return out


def _office_lines_as_names(zoned: list[read.Zoned]) -> list[read.Zoned]:
    """A 'postal' line that is only an office title ('Ambassador') is a name line; a 'name'
    line that holds a postal code and its town ('Palazzo X - Piazza Y 370, 00187 Town') is
    a postal line (rule `postal_line_in_addressee`)."""
    out = []
    for z in zoned:
        text = z.line.text
        if z.zone == Zone.ADDRESS and not re.search(r"\d", text) and len(text) < 60 and read.opens_with_office(text):
            z = read.Zoned(z.line, Zone.ADDRESSEE, z.confidence)
        elif z.zone == Zone.ADDRESSEE and _postal_line(text):
            z = read.Zoned(z.line, Zone.ADDRESS, z.confidence)
        out.append(z)
    return out


_POSTAL_CODE = re.compile(r"(?<![\d.,/-])\d{4,5}(?:-\d{3,4})?[ \t]+\w|\b[A-Z]{1,2}\d{1,2}[A-Z]?[ \t]\d[A-Z]{2}\b")
"""A postal code before its town ('00187 Roma', '75008 Paris', '10557 Berlin') or a British one ('SW1A 2AA')."""


def _postal_line(text: str) -> bool:
    """A line of an address: a postal code and its town, and no office or name before the
    first separator ('Palazzo X - Piazza Y 370, 00187 Town', '4 Street, 10557 Town')."""
    if not _POSTAL_CODE.search(text) or cues.memo_field(text):
        return False
    head = re.split(r"\s[–—-]\s|,", read.clean_addressee_line(text), maxsplit=1)[0]
    return not read.opens_with_office(head) and not read.office_words(head)


def _sentence_line(text: str) -> bool:
    """A line of running prose, not a name or an office: many words starting in lower
    case, or a sentence's end (a short lower-case line is a wrapped office)."""
    cleaned = read.clean_addressee_line(text)
    if not cleaned or (read.office_words(cleaned) and not cleaned.endswith(".")):
        return False
    words = len(cleaned.split())
    return (cleaned[0].islower() and words > 8) or (cleaned.endswith(".") and words > 6)


def _person_name(text: str) -> str | None:
    name, _ = name_and_title(read.clean_addressee_line(text))
    return name if name and not read.office_words(name) else None


def _under_a_name(group: list[read.Zoned], z: read.Zoned) -> bool:
    """Whether `z` continues a group that holds one person's name and no postal line:
    it names nobody itself and is not a memo 'To:' line."""
    if any(g.zone == Zone.ADDRESS for g in group) or cues.memo_field(z.line.text) == "to":
        return False
    names = [g for g in group if _person_name(g.line.text)]
    return len(names) == 1 and _person_name(z.line.text) is None and len(z.line.text) < 100


def _lines_above(ctx: Context, z: read.Zoned) -> list[read.Zoned]:
    """The short name or office lines right above an addressee's first line, in the same
    block ('Monsieur X' over 'Ministre de ...', 'General X' over 'Commander of ...'):
    that addressee's, whatever zone the model gave them."""
    at = next((i for i, other in enumerate(ctx.zones) if other.line.index == z.line.index), 0)
    out: list[read.Zoned] = []
    current = z
    while at > 0 and not current.line.blank_before:
        above = ctx.zones[at - 1]
        text = above.line.text
        if above.zone not in _ABSORBED or len(text) > 80 or _sentence_line(text) or re.search(r"\d{3}", text):
            break
        if not (read.starts_party(text) or _person_name(text) or read.opens_with_office(text)):
            break
        out.insert(0, read.Zoned(above.line, Zone.ADDRESSEE, above.confidence))
        current, at = above, at - 1
    return out


_ABSORBED = (Zone.BODY, Zone.CHROME, Zone.TITLE)


def _zone_party(group: list[read.Zoned]) -> Party | None:
    names = [read.clean_addressee_line(z.line.text) for z in group if z.zone == Zone.ADDRESSEE]
    names = [t for t in names if t]
    address = [z.line.text for z in group if z.zone == Zone.ADDRESS]
    if not names:
        return None
    confidence = round(0.5 + 0.4 * min(z.confidence for z in group), 3)
    spans = (group[0].line.start, group[-1].line.end)
    person_at = next((i for i, t in enumerate(names[:3]) if _person_name(t)), 0)
    if person_at > 0 and all(read.opens_with_office(t) for t in names[:person_at]):
        # 'Minister of Defence' over 'His Excellency X': the office is X's title
        names = [f"{names[person_at]}, {', '.join(names[:person_at])}", *names[person_at + 1:]]
    first = names[0]
    name, title = name_and_title(first)
    org: str | None = None
    if name and not read.office_words(name):
        rest = names[1:]
        offices = []
        while rest and read.opens_with_office(rest[0]) and not cues.has_org_word(rest[0].split(" ", 1)[0]):
            offices.append(rest.pop(0))
        if offices:
            title = ", ".join([title, *offices] if title else offices)
            if len(offices) == 1 and title == offices[0]:
                title, org = split_title(title)
        else:
            if title is None and rest:
                title = rest.pop(0)
            if title:
                title, org = split_title(title)
        if rest and org is None:
            org = rest[0]
        kind = "person"
    else:
        name = first
        title, org = split_title(first)
        if title is None or title == first:
            title = office_title(first)
        if org is None and len(names) > 1:
            org = names[1]
        kind = "office"
    country = country_of(" ".join([*address, *names]))
    return Party(name=name, kind=kind, title=title, organization=org, country=country,
                 address=", ".join(address) or None, prov=prov(NAME, "zone_addressee", confidence, spans))


_WHERE = re.compile(r"\s+(?:of|in|to|at|de|du|des|en|à|au|di|del|della|von|der)\s+(?:the\s+|l['’]|la\s+|le\s+)?", re.I)
"""The prepositions that open where an office sits ('of the Republic of X', 'in Y', 'de la
Z'). Not 'for': it opens the office's own field ('High Commissioner for Refugees')."""


@cache
def _state_word() -> re.Pattern[str]:
    """A word that names a state in any language ('Republic', 'République', 'Republik'):
    `state_words` of `vocab/languages_words.json`; where an office sits, not its field."""
    found = sorted({w for code in languages.codes() for w in cue_words("state_words", code)}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in found) + r")(?!\w)")


def office_title(office: str) -> str | None:
    """The title in an office's name: the whole name up to the first phrase that names a
    country, state or body ('Minister of Public Security' of '... of the Socialist Republic
    of X', 'Secretary of State' of '... of the United States'); the field a phrase without
    one names stays in the title ('of Public Security', 'for Human Rights'). A title after
    the body it belongs to is read from there ('United Nations High Commissioner for X').
    None when the name holds no office title."""
    if not cues.title_first(office):
        inner = cues.title_within(office)
        return office_title(office[inner:]) if inner else None
    cuts = list(_WHERE.finditer(office))
    for i, m in enumerate(cuts):
        phrase = office[m.end() : cuts[i + 1].start() if i + 1 < len(cuts) else len(office)].split(",")[0]
        if country_of(phrase) or cues.has_org_word(phrase) or _state_word().search(phrase):
            return office[: m.start()].strip(" ,")
    return office.split(",")[0].strip()


def _strip_label(text: str) -> str:
    return cues.strip_memo_label(text) if cues.memo_field(text) else text


_NUMBERED = re.compile(r"^\s*(?:[\d۰-۹٠-٩]{1,3}[.)]|[–\-•*·▪])\s*")
_LABELLED = re.compile(r"^[^\s:]{2,20}:\s|:\s*$")
_FAMILY_ANY = re.compile(
    r"^(?:(?:on behalf of|au nom de|en nombre de|im namen der|a nome della|از طرف|من|от имени)\s+)?"
    r"(?:the\s+|la\s+|die\s+|)(?:famil(?:y|ies)\s+of|famille\s+(?:de\s+|d['’])|familia\s+(?:de\s+)?|familie\s+|famiglia\s+(?:di\s+)?|"
    r"خانواده(?:\u200c?ی)?\s+|عائلة\s+|أسرة\s+|семья\s+|ailesi?\s+)(?P<who>.{3,120})$",
    re.I,
)


def _signature_lines(ctx: Context, zoned: list[read.Zoned]) -> list[read.Zoned]:
    """The signature zone, with the short lines the model left out between two of its
    lines (a long list of signatories the model reads in part), up to a copy marker."""
    if not zoned:
        return []
    first, last = _list_start(ctx, zoned[0]), zoned[-1].line.index
    out = []
    for z in ctx.zones:
        if z.line.index < first or z.line.index > last:
            continue
        text = z.line.text
        if read.is_copy_marker(text) or text.startswith(">"):
            break  # a copy list, or the quoted message a reply carries below the signature
        if z.zone == Zone.SIGNATURE or (z.zone in (Zone.BODY, Zone.CHROME) and len(text) <= 90 and not _sentence(text)):
            out.append(z)
    return out


def _list_start(ctx: Context, top: read.Zoned) -> int:
    """Where a list of signatories really begins: the zone's first line, or higher when
    the lines right above it (no blank line between) read as names too: a person's, or,
    under a zone that opens with a bare name, a body's name or a numbered item ('Centre
    for X', '3. Y')."""
    at = next((i for i, z in enumerate(ctx.zones) if z.line.index == top.line.index), 0)
    first, current = top.line.index, top
    listed = _bare_name_line(_NUMBERED.sub("", _PLACE_NOTE.sub("", top.line.text)))
    while at > 0 and not current.line.blank_before:
        above = ctx.zones[at - 1]
        text = _PLACE_NOTE.sub("", above.line.text)
        bare = listed and _bare_name_line(_NUMBERED.sub("", text)) and not _LABELLED.search(text) and (
            holds_body_word(text) or bool(_NUMBERED.match(text))
        )
        if above.zone not in (Zone.BODY, Zone.CHROME) or _sentence(text) or not (_person_name(text) or bare):
            break
        first, current, at = above.line.index, above, at - 1
    return first


_PLACE_NOTE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
"""A signer's country or town in brackets after the name: 'Ana Ruiz (Chile)'."""


LIST_RUN = 5
"""How many signature lines in a row, none a title line, make a list of signatories."""


def _bare_name_line(text: str) -> bool:
    """A line that is only a name: no comma, no office title, no sentence."""
    return "," not in text and len(text) <= 80 and not starts_with_title(text, every_language=True) and not _sentence(text)


def _listed_signers(ctx: Context, lines: list[read.Zoned]) -> set[int]:
    """The line indexes of runs of signature lines that list signatories one a line (rule
    `zone_signature_list`): at least `LIST_RUN` bare names with no blank line between, half
    of them or more bodies ('Centre for X', 'Y Network'). In such a list each line is a
    signer: a name that looks like a person's does not take the next body as its own."""
    runs: list[list[read.Zoned]] = []
    for z in lines:
        if runs and not z.line.blank_before and z.line.index == runs[-1][-1].line.index + 1:
            runs[-1].append(z)
        else:
            runs.append([z])
    out: set[int] = set()
    for run in runs:
        texts = [_NUMBERED.sub("", _line(ctx, z).text.strip(" *_")) for z in run]
        names = [t for t in texts if t and _bare_name_line(t) and not is_contact_line(t) and not read.has_phone(t)]
        if len(names) >= LIST_RUN and len(names) == len(texts) and 2 * sum(holds_body_word(t) for t in names) >= len(names):
            out.update(z.line.index for z in run)
    return out


def _zone_signers(ctx: Context, zoned: list[read.Zoned]) -> list[Party]:
    """Signatories from the signature zone: a name starts a person, a short line under a
    person gives the title and then the organisation, other lines are organisations
    'Org - Name, title' is
    both; names printed side by side are read column by column; in a list of signatories
    one a line, each line is one."""
    out: list[Party] = []
    columns: list[Party] = []
    previous: read.Zoned | None = None
    both_at: int | None = None  # the line that gave the last signer both a title and an organisation
    lines = _signature_lines(ctx, zoned)
    listed = _listed_signers(ctx, lines)
    for z in lines:
        ln = _line(ctx, z)
        raw = _NUMBERED.sub("", ln.text.strip(" *_"))
        adjacent = previous is not None and not z.line.blank_before and z.line.index == previous.line.index + 1
        previous = z
        if not raw or is_contact_line(raw) or read.has_phone(raw) or len(raw) > 200 or _LABELLED.search(raw):
            continue
        if _PLACEHOLDER.match(raw) or _CHROME_WORDS.search(raw):
            continue  # '[Your name]' in a model letter; 'Share: Facebook' under a web post
        if _greeting_line(raw):
            continue  # 'Mit freundlichen Grüßen' or 'Dear Ms X,' the model put in the signature
        if z.line.index in listed:
            person = None if holds_body_word(raw) else _signer_person(ln, raw)
            out.append(person or Party(name=raw.strip(" ,;"), kind="organization", prov=prov(NAME, "zone_signature_list", 0.65, (ln.start, ln.end))))
            continue
        if _DESCRIBES.match(raw) or raw.endswith((";", "؛")) or _places_only(raw):
            last = out[-1] if out else None
            if _DESCRIBES.match(raw) and last is not None and last.kind == "person" and adjacent and last.title is None:
                last.title = raw.strip(" ()")  # '(sister of X)', 'brother of X' under a name
            continue  # a demand of the list above, a place line, a description: no signer
        if _COLUMNS.search(raw):
            cells = [c.strip() for c in re.split(r"\s{3,}|\t+", raw) if c.strip()]
            if columns and adjacent and len(cells) == len(columns):
                for party, cell in zip(columns, cells, strict=True):
                    _add_title_or_org(party, cell)
                continue
            made = [_signer_person(ln, cell) for cell in cells]
            columns = [p for p in made if p is not None]
            out.extend(columns)
            continue
        columns = []
        last = out[-1] if out else None
        old_style = _FAMILY.search(raw)
        if old_style:
            who = old_style.group(1) or old_style.group(3)
            place = old_style.group(2) or old_style.group(4)
            out.append(Party(name=f"family of {who}", kind="family", place=place, country=country_of(place or ""),
                             prov=prov(NAME, "zone_family_signature", 0.8, (ln.start, ln.end))))
            continue
        fam = _FAMILY_ANY.match(raw)
        if fam:
            out.append(Party(name=_family_name(raw), kind="family", prov=prov(NAME, "zone_family_signature", 0.8, (ln.start, ln.end))))
            continue
        if last is not None and last.kind == "family" and adjacent and last.place is None and not read.office_words(raw):
            last.place, last.country = raw, country_of(raw)
            continue
        both = _ORG_PERSON.match(raw)
        if both:
            person = _signer_person(ln, both.group("person"))
            if person is not None and not read.office_words(person.name):
                person.organization = person.organization or both.group("org").strip()
                out.append(person)
                continue
        note = _PLACE_NOTE.search(raw)
        bare = _PLACE_NOTE.sub("", raw) if note else raw
        person = None if is_address_line(raw) else _signer_person(ln, bare) or _unwritten_case_person(ctx, ln, bare)
        if person is not None and holds_body_word(person.name):
            if last is not None and last.kind == "person" and adjacent and last.organization is None:
                last.organization = bare.strip(" ,;")  # 'Jane Doe' over 'Centre for Justice': her organisation
            else:
                out.append(Party(name=bare.strip(" ,;"), kind="organization", prov=prov(NAME, "zone_signature_body", 0.65, (ln.start, ln.end))))
            continue
        if person is not None and not read.office_words(person.name):
            if note and person.country is None:
                person.country = country_of(note.group(0).strip(" ()"))
            out.append(person)
            continue
        if last is not None and last.kind == "person" and adjacent and (last.title is None or last.organization is None):
            had_title = last.title is not None
            _add_title_or_org(last, raw)
            both_at = z.line.index if not had_title and last.organization is not None else None
            continue
        if last is not None and adjacent and both_at == z.line.index - 1 and holds_body_word(raw) and not is_address_line(raw):
            # 'Advocate, Member of the X Bar' read as title and organisation, then 'Y Legal Aid
            # Centre': the line is the signer's organisation, not another signer
            last.title, last.organization = f"{last.title}, {last.organization}", raw.strip(" ,;")
            both_at = None
            continue
        if is_address_line(raw) or (raw.endswith(".") and len(raw.split()) > 6):
            continue
        name = re.sub(r"\s*\(\w+\)$", "", raw).strip(" ,;")
        if len(name) < 3:
            continue
        out.append(Party(name=name, kind="organization", prov=prov(NAME, "zone_signature_org", 0.6, (ln.start, ln.end))))
    return out


def holds_body_word(name: str) -> bool:
    """Whether a signer's name holds an organisation head of any language ('Centre',
    'Committee', 'Ligue', 'Observatorio'), or is a compound that ends in one
    ('Freundeskreis', 'Menschenrechtsverein'): a body that signs, not a person."""
    from vigil.extract import capitalised

    heads = capitalised.organisation_heads()
    for word in re.findall(r"[\w'’]+", name.lower()):
        if word in heads or any(len(h) >= 5 and len(word) >= len(h) + 3 and word.endswith(h) for h in heads):
            return True
    return False


def _greeting_line(text: str) -> bool:
    """A closing or a salutation of any language ('Mit freundlichen Grüßen', 'Dear Ms X,'):
    no signer (rule `greeting_is_no_signer`)."""
    if len(text) > 90:
        return False
    sections = ("closings", "salutations")
    return any(rule.pattern.match(text) for section in sections for rule in languages.rules(section))


_PLACEHOLDER = re.compile(r"^[\[<{][^\]>}]{0,60}[\]>}]$")
"""A line wholly in square or angle brackets: a model letter's blank to fill."""
_CHROME_WORDS = re.compile(r"(?i)\b(?:share(?: this)?|unsubscribe|read more|follow us|facebook|twitter|whatsapp)\b|›")
_DESCRIBES = re.compile(r"^\(|^[a-zà-ÿа-я]")
"""A line opening in lower case or with a parenthesis continues or describes, it names
no one ('brother of X', 'with the support of Y', '(sister of Z)')."""


_AREA = re.compile(r"(?i)\s+(?:province|region|governorate|district|county|state|oblast|ostan)$|^(?:province|استان|محافظة)\s+")


@cache
def _place_names() -> tuple[frozenset[str], frozenset[str]]:
    """Country names, and country and city names, case-folded."""
    from vigil.extract import capitalised

    countries = frozenset(n.casefold() for n in capitalised.country_names())
    return countries, countries | frozenset(n.casefold() for n in capitalised.city_names())


def _places_only(text: str) -> bool:
    """Whether every part of a line is a country, a city or a province ('Northtown,
    Lake province, Nordland'): where the signers live, not who they are."""
    parts = [p.strip() for p in re.split(r"[,،–—/]|\s+-\s+|\s+(?:and|et|y|und|e|و)\s+", text) if p.strip()]
    if not parts:
        return False
    countries, known = _place_names()
    area = _AREA
    if all(area.sub("", p).casefold() in known or p.casefold() in known for p in parts):
        return True
    # 'Townname, Country': single words before a country (a name would have two or more)
    return len(parts) >= 2 and parts[-1].casefold() in countries and all(
        len(p.split()) == 1 or area.search(p) for p in parts[:-1]
    )


def _unwritten_case_person(ctx: Context, ln: Line, text: str) -> Party | None:
    """A signer's name in a script without capital letters (Persian, Arabic): two to four
    words that the language's cues do not read as an office, a body or a place."""
    from vigil.extract import capitalised

    language = ctx.result.language.value if ctx.result.language else None
    words = text.strip(" ،,.").split()
    if not 2 <= len(words) <= 4 or any(c.isascii() and c.isalpha() for c in text) or re.search(r"\d|[:–-]", text):
        return None
    if not all(any("\u0600" <= c <= "\u06ff" for c in w) for w in words):
        return None
    if read.office_words(text) or not capitalised.plausible_person(text.strip(" ،,."), language):
        return None
    return Party(name=text.strip(" ،,."), kind="person", prov=prov(NAME, "zone_signature", 0.6, (ln.start, ln.end)))


def _family_name(raw: str) -> str:
    """'On behalf of the family of X' -> 'family of X'; a family as it signs otherwise."""
    m = _FAMILY_ANY.match(raw)
    if m is None:
        return raw
    prefix = re.match(r"(?i)^(?:on behalf of|au nom de|en nombre de|im namen der|a nome della|از طرف|من|от имени)\s+", raw)
    return raw[prefix.end():] if prefix else raw


def _signer_person(ln: Line, text: str) -> Party | None:
    name, title = name_and_title(text)
    if not name:
        return None
    ttl, org = split_title(title) if title else (None, None)
    return Party(name=name, kind="person", title=ttl, organization=org, prov=prov(NAME, "zone_signature", 0.75, (ln.start, ln.end)))


def _add_title_or_org(party: Party, text: str) -> None:
    if party.title is None:
        party.title, org = split_title(text)
        party.organization = party.organization or org
    elif party.organization is None:
        party.organization = text


def _zone_senders_head(ctx: Context) -> list[Party]:
    """A letterhead or memo 'From:' line before the body: the sender when nobody signs."""
    out: list[Party] = []
    for block in read.blocks(ctx.zones, Zone.SENDER):
        lines = [Line(z.line.index, z.line.start, z.line.end, _strip_label(z.line.text)) for z in block]
        lines = [ln for ln in lines if not (is_contact_line(ln.text) or read.has_phone(ln.text))]
        if not lines:
            continue
        name, title = name_and_title(lines[0].text)
        if name:
            ttl, org = split_title(title) if title else (None, None)
            if org is None and len(lines) > 1:
                org = lines[1].text
            out.append(Party(name=name, kind="person", title=ttl, organization=org,
                             prov=prov(NAME, "zone_sender_person", 0.6, (lines[0].start, lines[-1].end))))
        else:
            text = lines[0].text.strip(" ,;")
            if 3 <= len(text) <= 120 and not is_address_line(text):
                out.append(Party(name=text, kind="organization", prov=prov(NAME, "zone_letterhead", 0.55, (lines[0].start, lines[0].end))))
        break
    return out


_TRAILING_TOWN = re.compile(r"(?<=[\w)]), ([A-Z][\w'’-]+)$")
"""'Ambassador of X, Northtown': one capitalised word after the last comma of a copy
recipient is the town where it sits, not part of its name."""


def _zone_copies(ctx: Context) -> list[Party]:
    """The copy list: one recipient per line, except a block (between blank lines) that
    holds a postal or phone line, which is one recipient and its address."""
    out: list[Party] = []
    for block in read.blocks(ctx.zones, Zone.COPIES):
        texts = [z.line.text for z in block]
        postal = any(is_address_line(t) or read.has_phone(t) or _place_line(t) for t in texts[1:])
        bulleted = all(re.match(r"^[–\-•*·▪]\s", t) for t in texts if not read.is_copy_marker(t))
        chosen = block
        if postal and not bulleted:
            # one recipient with its address: read the block whole, as an addressee block
            lines = [Line(z.line.index, z.line.start, z.line.end, read.strip_copy_marker(z.line.text)) for z in block]
            party = _party([ln for ln in lines if ln.text], "zone_copies", 0.75)
            if party is not None and len(party.name) >= 3:
                out.append(party)
            continue
        for zline, text in read.copy_items(chosen):
            town = _TRAILING_TOWN.search(text)
            party = _party([Line(zline.index, zline.start, zline.end, text[: town.start()] if town else text)], "zone_copies", 0.75)
            if party is not None and len(party.name) >= 3:
                party.place = party.place or (town.group(1) if town else None)
                out.append(party)
    return out


def _header_parties(ctx: Context, name: str, rule: str) -> list[Party]:
    """The named parties of an e-mail header (To, Cc, From) of a message that is not a forward."""
    headers = dict(ctx.doc.headers)
    if not headers.get(name) or read.forwarded(headers.get("subject", "")):
        return []
    out = []
    for display in read.header_names(headers[name]):
        kind = "person" if looks_like_person(strip_honorifics(display)) and not read.office_words(display) else "organization"
        title, org = split_title(display) if kind != "person" else (None, None)
        out.append(Party(name=strip_honorifics(display) if kind == "person" else display, kind=kind,
                         title=title if title != display else None, organization=org, prov=prov(NAME, rule, 0.7)))
    return out


def _add_new(found: list[Party], more: list[Party]) -> None:
    known = {p.name.casefold() for p in found}
    for party in more:
        if party.name.casefold() not in known:
            found.append(party)
            known.add(party.name.casefold())


def run(ctx: Context) -> None:
    _read_parties(ctx)
    ctx.result.addressees[:] = [
        _titled_by_office(part) for p in ctx.result.addressees for part in _joined_split(p) if not _places_only(part.name)
    ]
    ctx.result.senders[:] = [p for p in ctx.result.senders if not _not_a_body(p)]


_LINE_BODY_RULES = frozenset({"zone_signature_org", "signature_org"})


@cache
def _connectors() -> frozenset[str]:
    """The small words a body's name keeps in lower case ('of', 'des', 'für'): each
    language's `name_connectors` of `vocab/languages_words.json`."""
    return frozenset(w.casefold() for w in cue_words("name_connectors"))


def _not_a_body(party: Party) -> bool:
    """Whether a line read as a signing body is none (rule `body_line_is_a_name`): a rule
    with no letter ('-----'), or a line in sentence case, two or more of its words past the
    first in lower case and no connector (`_connectors`), that neither opens with an
    office title nor holds a body's word in its first two ('Fuel porters shot at border:
    families demand answers', 'Our interventions this quarter': a related post's
    headline, a section heading). Scripts without case never count as lower case."""
    if party.prov.rule not in _LINE_BODY_RULES:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", party.name)
    if not words:
        return True
    lower = [w for w in words[1:] if w[0].islower() and w.casefold() not in _connectors()]
    head = " ".join(words[:2])
    return len(lower) >= 2 and not starts_with_title(party.name, every_language=True) and not holds_body_word(head)


def _titled_by_office(party: Party) -> Party:
    """A title is an office someone holds: a body ('Department of X', 'Protection Unit')
    or a place read as one is none. An office's title is its own words up to where it
    sits: 'Minister of Interior' of 'Minister of Interior of the Republic of X', not the
    bare 'Minister' a salutation gives, when the name says where it sits. An office given
    no title keeps none."""
    if party.title and (names_body(party.title) or _places_only(party.title)) and not starts_with_title(party.title):
        return replace(party, title=None)
    if party.kind == "office":
        own = office_title(party.name)
        if own and party.title and own.startswith(party.title) and len(party.title) < len(own) < len(party.name):
            return replace(party, title=own)
    return party


_JOINER = re.compile(r"\s*(?:;|\s·\s)\s*")
"""What joins several addressees written on one line ('X; Y', 'X · Y')."""


def _joined_split(party: Party) -> list[Party]:
    """Several offices or bodies joined on one line are several addressees, each of two
    words or more; a title or organisation read for the whole line stays with the part
    that holds it."""
    parts = [p.strip(" ,") for p in _JOINER.split(party.name)]
    if len(parts) < 2 or party.kind == "person" or any(len(p.split()) < 2 for p in parts):
        return [party]
    return [
        replace(
            party, name=part,
            title=party.title if party.title and party.title != party.name and party.title in part else None,
            organization=party.organization if party.organization and party.organization != party.name and party.organization in part else None,
        )
        for part in parts
    ]


def _read_parties(ctx: Context) -> None:
    if not ctx.zones:
        _run_rules(ctx)
        return
    _run_zones(ctx)
    _fill_from_rules(ctx)
    if not ctx.result.addressees:
        ctx.result.addressees.extend(_memo_addressees(ctx))
    if not ctx.result.addressees and ctx.result.salutation is not None:
        _courtesy_addressee(ctx)
    sal = ctx.result.salutation
    title = _salutation_title(sal.value) if sal is not None else None
    named_by_salutation = all(
        sal is not None and a.prov.spans and sal.prov.spans and a.prov.spans[0].start >= sal.prov.spans[0].start
        for a in ctx.result.addressees
    )
    if title and len(ctx.result.addressees) <= 1 and named_by_salutation:
        office = _office_named_before(ctx, title)
        if office is not None:
            ctx.result.addressees[:] = [office]
    ctx.result.addressees[:] = [_office_rejoined(p) for p in ctx.result.addressees]


def _memo_addressees(ctx: Context) -> list[Party]:
    """Memo 'To:' lines at the head of the text, before its first paragraph, that neither
    the zones nor the layout read: one addressee each ('To: Colonel X, Head of Colony
    No. 4', 'To: Department of Y, 4 Z Street, Town'), its postal part cut off (rule
    `memo_to_line`)."""
    out: list[Party] = []
    seen = 0
    for ln in ctx.lines:
        if ln.start < ctx.body_start or ln.blank:
            continue
        seen += 1
        if cues.memo_field(ln.text) != "to":
            if out or seen > 12 or len(ln.text.split()) >= 12:
                break
            continue
        parts = cues.strip_memo_label(ln.text).split(", ")
        postal = next((i for i, part in enumerate(parts) if i and is_address_line(part)), len(parts))
        text = ", ".join(parts[:postal])
        party = _party([Line(ln.index, ln.start, ln.end, text)], "memo_to_line", 0.6) if text else None
        if party is not None:
            out.append(replace(party, address=", ".join(parts[postal:]) or party.address))
    return out


_OFFICE_REST = re.compile(
    r"(?:de la|de l['’]|des|du|der|della|dello|degli|delle|dei|of the)\s+\S|(?:de|del|di|of)\s+\S+\s+\S"
)
"""What follows an office's title word ('de la République', 'der Arabischen Republik
Syrien', 'de Relaciones Exteriores'); a bare particle before one surname ('de Souza')
is a person's name."""


def _office_rejoined(party: Party) -> Party:
    """A title split from the rest of its office ('Ministro' + 'de Relaciones Exteriores')
    is one office again: a person's name never opens with a lower-case connector."""
    if party.kind != "person" or not party.title or not _OFFICE_REST.match(party.name):
        return party
    return replace(party, name=f"{party.title} {party.name}", kind="office", title=None)


def _courtesy_addressee(ctx: Context) -> None:
    """A salutation that names nobody ('Excellency,'): the addressee is the block at the
    foot that opens with a bare courtesy line ('His Excellency' / 'Permanent
    Representative of X' / 'to the United Nations Office at Geneva'), or the body the
    text says the letter was sent to ('sent to the Government of X')."""
    res = ctx.result
    sal = res.salutation
    if sal is None or salutation.addressee_text(sal.value):
        return
    courtesies = salutation.courtesies()
    after = [ln for ln in ctx.lines if ln.start > max(ctx.signature_start, sal.prov.spans[0].end if sal.prov.spans else 0)]
    for i, ln in enumerate(after):
        if ln.text.strip(" ,").casefold() not in courtesies:
            continue
        block: list[Line] = []
        for nxt in after[i + 1 : i + 5]:
            if nxt.blank or len(nxt.text) > 100:
                break
            block.append(nxt)
        if block and starts_with_title(block[0].text, every_language=True):
            name = " ".join(b.text.strip(" ,") for b in block)
            res.copies_to[:] = [c for c in res.copies_to if not c.prov.spans or c.prov.spans[0].start < ln.start]
            span = (ln.start, block[-1].end)
            res.addressees.append(Party(
                name=name, kind="office", title=starts_with_title(name, every_language=True), country=country_of(name),
                prov=prov(NAME, "courtesy_foot_block", 0.6, span),
            ))
            return
    head = ctx.text[ctx.body_start : min(len(ctx.text), ctx.body_start + 4000)]
    rules = languages.rules("addressed_to", languages=[res.language.value] if res.language else None)
    found = [(m, rule) for rule in rules if (m := rule.pattern.search(head))]
    if found:
        m, rule = min(found, key=lambda hit: hit[0].start())  # the first the text names
        if m:
            name = re.sub(r"^(?:the|le|la|l')\s+", "", m.group("to").strip(), flags=re.I)
            s = ctx.body_start + m.start("to")
            res.addressees.append(Party(
                name=name, kind="office", title=None, country=country_of(name),
                prov=prov(NAME, rule.id, 0.5, (s, ctx.body_start + m.end("to"))),
            ))
            return


_OFFICE_END = re.compile(r"\s+(?:on|about|regarding|concerning|over|after|for|to|asking|urging|calling|sur|au sujet|concernant|pour|sobre|acerca|por|para|su|sulla|per|über|zu|wegen|bezüglich)\s|[,.;:()\[\]–—|\n]", re.I)


def _office_named_before(ctx: Context, title: str) -> Party | None:
    """A salutation that names an office by its title alone ('Madam President,', 'Dear
    Minister,') and no addressee block: the office is the one the title or the lines
    before the salutation name with that title ('writes to the President of the X',
    'To the Honourable Minister of Interior of Y'), cut where the office ends."""
    res = ctx.result
    sal = res.salutation
    if sal is None or not sal.prov.spans:
        return None
    before = ctx.text[ctx.body_start : sal.prov.spans[0].start]
    places: list[tuple[str, int | None]] = [(before, ctx.body_start)]
    if res.title:
        places.append((res.title.value, None))
    for text, offset in places:
        for m in re.finditer(rf"(?<!\w){re.escape(title)}(?!\w)", text):
            rest = text[m.end() : m.end() + 160]
            cut = _OFFICE_END.search(rest)
            tail = rest[: cut.start()] if cut else rest
            name = (title + tail).strip()
            if name == title or len(name.split()) > 16 or not re.match(r"\s+(?:of|for|de|del|della|des|du|der|des|di)\b", tail, re.I):
                continue
            span = (offset + m.start(), offset + m.start() + len(name)) if offset is not None else None
            return Party(
                name=name, kind="office", title=title, country=country_of(name),
                prov=prov(NAME, "office_named_before_salutation", 0.55, *([span] if span else [])),
            )
    return None


def _fill_from_rules(ctx: Context) -> None:
    """Where the zones gave no addressee, sender or copy, the layout rules may: they run
    on a scratch copy and fill only the empty fields."""
    res = ctx.result
    scratch = replace(ctx, result=Extraction(), letter_start=-1, signature_start=-1, signature_end=-1)
    _run_rules(scratch)
    if _bare_title_only(res.addressees) and any(
        p.prov.rule == "addressee_block" and p.kind == "office" for p in scratch.result.addressees
    ):
        res.addressees.clear()  # 'Dear Minister,' under the block that names the office in full
    for field in ("addressees", "senders", "copies_to"):
        _enrich(getattr(res, field), getattr(scratch.result, field))
        if not getattr(res, field) and getattr(scratch.result, field):
            getattr(res, field).extend(getattr(scratch.result, field))
            if field == "addressees" and ctx.letter_start < 0:
                ctx.letter_start = scratch.letter_start
            if field == "senders" and ctx.signature_start < 0:
                ctx.signature_start, ctx.signature_end = scratch.signature_start, scratch.signature_end
    if res.salutation is None and scratch.result.salutation is not None:
        res.salutation = scratch.result.salutation
    if res.closing is None and scratch.result.closing is not None:
        res.closing = scratch.result.closing


def _bare_title_only(addressees: list[Party]) -> bool:
    """Whether the one addressee is an office the salutation names by its title alone
    ('Dear Minister,' -> 'Minister'): the layout's addressee block, when there is one,
    names it in full (rule `addressee_block_over_bare_title`)."""
    return len(addressees) == 1 and addressees[0].kind == "office" and addressees[0].name == addressees[0].title and (
        addressees[0].prov.rule == "salutation_office"
    )


_DETAILS = ("title", "organization", "country", "place", "address")


def _same_party(a: str, b: str) -> bool:
    """The same name, or one name's words all within the other's (a surname line
    against the full name)."""
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _fuller(longer: str, shorter: str) -> bool:
    """Whether `longer` is the same party named in full ('Prosecutor General of X' for
    'Prosecutor General' from a salutation, 'Ana Lusk' for 'Lusk')."""
    if cues.strip_honorifics(longer) != longer.strip():
        return False  # 'Al Signor Prefetto' is the salutation's form, not a fuller name
    wl, ws = longer.casefold().split(), shorter.casefold().split()
    return len(ws) < len(wl) <= 12 and set(ws) <= set(wl) and not _sentence_line(longer)


def _enrich(found: list[Party], rules: list[Party]) -> None:
    """The zones decide who is a party; the layout rules, which read a whole
    addressee or signature block, give the details the zones left empty."""
    unused = list(rules)
    for party in found:
        match = next((r for r in unused if _same_party(party.name, r.name)), None)
        if match is None:
            continue
        unused.remove(match)  # one rule reading details one party ('President of X' / 'Members of X')
        if not party.prov.rule.startswith("zone_") and _fuller(match.name, party.name):
            party.name, party.kind = match.name, match.kind
        for detail in _DETAILS:
            theirs = getattr(match, detail)
            if getattr(party, detail) is None and theirs and not (party.address and theirs in party.address):
                setattr(party, detail, theirs)


def _addressees_from_salutation(ctx: Context, sal: Line) -> list[Party]:
    """No addressee block: the salutation names the addressee, or the lines introducing
    the letter do. The letter starts at the salutation."""
    ctx.letter_start = sal.start
    party = _from_salutation(ctx, sal)
    if party is None:
        return _from_intro(ctx, sal)
    out = [party]
    for nxt in _stacked_salutations(ctx, sal):
        if out[-1].kind == "person" and nxt.kind == "office":
            # 'Dear Ms X,' / 'Dear Chair of the Y,': the same person, by name and by office
            out[-1].title = out[-1].title or nxt.name
            continue
        out.append(nxt)
    return out


def _stacked_salutations(ctx: Context, sal: Line) -> list[Party]:
    """Salutation lines straight after the first, each to another addressee ('Dear
    President of X,' / 'Dear Members of X,'; 'جناب آقای ...' / 'جناب آقای ...')."""
    out: list[Party] = []
    patterns = [rule.pattern for rule in languages.rules("salutations")]
    for ln in ctx.lines[sal.index + 1 : sal.index + 6]:
        if ln.blank:
            continue
        if len(ln.text) > 160 or not any(p.match(ln.text) for p in patterns):
            break
        party = _from_salutation(ctx, ln)
        if party is None:
            break
        out.append(party)
    return out


def _title_from_salutation(ctx: Context, party: Party, sal: Line) -> None:
    """An addressee without a title takes the one its salutation gives ('Dear Minister')."""
    if party.title is None:
        from_sal = _from_salutation(ctx, sal)
        party.title = from_sal.title if from_sal else None


def _signature_block(ctx: Context, sig_lines: list[Line]) -> list[Party]:
    """The signatories of the lines after the closing, and where the signature lies."""
    signers = _signers(ctx, sig_lines)
    if sig_lines:
        ctx.signature_start = sig_lines[0].start
        ctx.signature_end = max((s.prov.spans[0].end for s in signers), default=sig_lines[0].start)
    return signers


def _run_zones(ctx: Context) -> None:
    res = ctx.result
    sals = read.lines_of(ctx.zones, Zone.SALUTATION)
    sal = _line(ctx, sals[0]) if sals else _salutation(ctx)
    if sal:
        res.salutation = Value(sal.text, prov(NAME, "zone_salutation" if sals else "salutation", 0.9, (sal.start, sal.end)))
    addressees = _zone_addressees(ctx, sal.start if sal else len(ctx.text))
    if addressees:
        ctx.letter_start = addressees[0].prov.spans[0].start
        if sal is not None and len(addressees) == 1:
            _title_from_salutation(ctx, addressees[0], sal)
        res.addressees.extend(addressees)
    elif sal is not None:
        res.addressees.extend(_addressees_from_salutation(ctx, sal))
    start = sal.end if sal else max(ctx.letter_start, 0)
    closings = [z for z in read.lines_of(ctx.zones, Zone.CLOSING) if z.line.start >= start]
    closing = _line(ctx, closings[-1]) if closings else _closing(ctx, start)
    if closing:
        res.closing = Value(closing.text, prov(NAME, "zone_closing" if closings else "closing", 0.9, (closing.start, closing.end)))
    signature = [z for z in read.lines_of(ctx.zones, Zone.SIGNATURE) if z.line.start >= start]
    signers = _zone_signers(ctx, signature)
    if signature:
        ctx.signature_start = signature[0].line.start
        ctx.signature_end = signature[-1].line.end
    elif ctx.letter_start >= 0:
        signers = _signature_block(ctx, [ln for ln in ctx.lines if closing and ln.index > closing.index])
    if not signers:
        signers = _zone_senders_head(ctx)
    if len(res.addressees) == 1 and res.addressees[0].kind == "office" and res.addressees[0].name == res.addressees[0].title:
        # a bare title from the salutation ('Sehr geehrter Herr Botschafter'): the e-mail's
        # own To header, when it has one, names the addressee in full
        headed = _header_parties(ctx, "to", "email_to")
        if headed:
            res.addressees[:] = headed
    if not res.addressees:
        res.addressees.extend(_header_parties(ctx, "to", "email_to"))
        if res.addressees and ctx.letter_start < 0:
            ctx.letter_start = ctx.body_start
    if not signers:
        signers = _header_parties(ctx, "from", "email_from")
    copies = _zone_copies(ctx)
    _add_new(copies, _header_parties(ctx, "cc", "email_cc"))
    if ctx.letter_start < 0 and not signers and not copies:
        return
    _own_organisation(ctx, start, signers)
    res.senders.extend(signers)
    res.copies_to.extend(copies)


def _run_rules(ctx: Context) -> None:
    res = ctx.result
    sal = _salutation(ctx)
    if sal:
        res.salutation = Value(sal.text, prov(NAME, "salutation", 0.9, (sal.start, sal.end)))
    block = _addressee_block(ctx, sal)
    if block:
        ctx.letter_start = block[0].start
        party = _party(block, "addressee_block", 0.8)
        if party:
            if sal is not None:
                _title_from_salutation(ctx, party, sal)
            res.addressees.append(party)
    elif sal is not None:
        res.addressees.extend(_addressees_from_salutation(ctx, sal))
    if ctx.letter_start < 0:
        return
    start = sal.end if sal else ctx.letter_start
    closing = _closing(ctx, start)
    if closing:
        res.closing = Value(closing.text, prov(NAME, "closing", 0.9, (closing.start, closing.end)))
        sig_lines = [ln for ln in ctx.lines if ln.index > closing.index]
    else:
        body = [
            block[-1] for block in _blocks([ln for ln in ctx.lines if ln.start > start])
            if _prose(" ".join(b.text for b in block))
        ]
        sig_lines = [ln for ln in ctx.lines if body and ln.index > body[-1].index]
    signers = _signature_block(ctx, sig_lines)
    _own_organisation(ctx, start, signers)
    res.senders.extend(signers)
    header = _copy_header(ctx, start)
    copies_end = -1
    if header:
        parties, copies_end = _copies(ctx, *header)
        res.copies_to.extend(parties)
    elif ctx.signature_end > 0:
        after = [ln for ln in ctx.lines if ln.start > ctx.signature_end]
        seen_address = False
        for blk in _blocks(after):
            if all(is_address_line(b.text) for b in blk):
                seen_address = True
                continue
            if _ADDRESSEE_START.match(blk[0].text) and len(blk) <= 8:
                rest = [b for b in after if b.start >= blk[0].start]
                lines = [b for b in rest[:12] if b.text]
                lines = lines[:1] + [b for b in lines[1:] if not _ADDRESSEE_START.match(b.text)][:5]
                p = _party(lines, "trailing_address_block", 0.6)
                if p:
                    res.copies_to.append(p)
                break
            if seen_address:
                break
    del copies_end

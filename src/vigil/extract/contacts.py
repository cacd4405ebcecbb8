# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501
"""Stage: the senders' contact details — phones and faxes (phonenumbers),
e-mail addresses, P.O. boxes and postal lines of the signature block.
Numbers inside the addressee block or a copy list belong to others."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vigil.extract.context import Context, prov
from vigil.extract.parties import country_of, is_address_line
from vigil.extract.types import Value

if TYPE_CHECKING:
    from phonenumbers import PhoneNumberMatch

NAME = "contacts"

_FILE_NAME = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|webp|bmp|ico|pdf|css|js)$")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_LABELLED = re.compile(r"(?i)(?<!\w)(?:t[ée]l[ée]phone|tel[eé]fono|telefono|telefon|t[ée]l|phone|ph|mobile|mob|mobil|handy|portable|cellulare|celular|cell|cel|m[óo]vil|gsm|whatsapp|fax|faks|t|f|contact|тел|телефон|факс|تلفن همراه|تلفن|همراه|دورنگار|فاکس|هاتف|جوال|فاكس)(?!\w)\.?\s*(?:no\.?|number)?\s*[:.]?\s*(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?,?\s*)?(?P<num>\+?\(?\d[\d \t\u00a0()./-]{6,}\d)")
_FAX_LABEL = re.compile(r"(?i)(?<!\w)(?:fax|faks|f|факс|دورنگار|فاکس|فاكس)(?!\w)")
_UNSIGNED_KINDS = ("news_article", "other")
"""Kinds with no senders (the GUIDE), so no senders' contacts: the addresses an action
alert gives are its targets' and the campaign's, not a writer's."""
_SPELLED_LABEL = 3
"""A label of this many letters or more ('Tel', 'Cel', 'Phone', not 'T' or 'F') makes the
number after it a phone whatever its length in the guessed region (7 to 15 digits)."""
_NANP = re.compile(r"\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b")
"""A North American number as it is written there ('(202) 555-0143'): dialled in that plan
whatever the text's language."""
_REGION = {"fr": "FR", "de": "DE", "es": "ES", "it": "IT", "tr": "TR", "ru": "RU", "fa": "IR", "ar": "EG", "en": "GB"}
"""Where a number written without its country code is most likely dialled, by the
text's language (a signature's own country, when it names one, comes first)."""


def _excluded(ctx: Context) -> list[tuple[int, int]]:
    spans = []
    for party in (*ctx.result.addressees, *ctx.result.copies_to):
        for s in party.prov.spans:
            spans.append((s.start, s.end))
    return spans


def _own_lines_after(ctx: Context, copies_start: int) -> list[tuple[int, int]]:
    """After the copy list begins, the recipients' addresses and numbers are not the
    sender's: only lines the zones read as the sender's own contact or signature are."""
    from vigil.extract.zones.labels import Zone

    own = (Zone.CONTACT, Zone.SIGNATURE)
    return [(z.line.start, z.line.end) for z in ctx.zones if z.zone in own and z.line.start >= copies_start]


def _contact_lines(ctx: Context) -> list[tuple[int, int]]:
    """Lines where a bare number is the writer's own: the contact and signature zones,
    and any line that also gives an e-mail address."""
    from vigil.extract.zones.labels import Zone

    own = {(z.line.start, z.line.end) for z in ctx.zones if z.zone in (Zone.CONTACT, Zone.SIGNATURE)}
    own |= {(ln.start, ln.end) for ln in ctx.lines if "@" in ln.text and _EMAIL.search(ln.text)}
    return sorted(own)


def _header_address(ctx: Context) -> None:
    """An e-mail's own From address is its writer's: the sender of the message, and of a
    letter it forwards as the writer's own (a family forwarding its appeal)."""
    from email.utils import getaddresses

    sender = dict(ctx.doc.headers).get("from", "")
    for _display, address in getaddresses([sender]):
        if _EMAIL.fullmatch(address) and address.lower() not in {v.value.lower() for v in ctx.result.contacts.emails}:
            ctx.result.contacts.emails.append(Value(address, prov(NAME, "email_from", 0.9)))


def _numbers_on(line: str, region: str) -> list[PhoneNumberMatch]:
    """The phone numbers on a contact line: valid ones dialled from `region`; a number
    written with its country code ('+44 …') that is possible there; a North American one
    written the North American way."""
    import phonenumbers  # lazy

    found = {m.start: m for m in phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.VALID)}
    for m in phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.POSSIBLE):
        if m.start not in found and m.raw_string.startswith("+"):
            found[m.start] = m
    if _NANP.search(line):
        for m in phonenumbers.PhoneNumberMatcher(line, "US", leniency=phonenumbers.Leniency.VALID):
            found.setdefault(m.start, m)
    return [found[k] for k in sorted(found)]


def run(ctx: Context) -> None:
    import phonenumbers  # lazy

    res = ctx.result.contacts
    if ctx.result.kind is not None and ctx.result.kind.value in _UNSIGNED_KINDS:
        return
    skip = _excluded(ctx)
    copies_start = min((s.prov.spans[0].start for s in ctx.result.copies_to if s.prov.spans), default=len(ctx.text))
    own_after_copies = _own_lines_after(ctx, copies_start)

    def outside(start: int) -> bool:
        if any(a <= start < b for a, b in skip):
            return False
        return start < copies_start or any(a <= start < b for a, b in own_after_copies)

    region = country_of(ctx.text[max(0, ctx.signature_start): ctx.signature_start + 600]) if ctx.signature_start >= 0 else None
    language = ctx.result.language.value if ctx.result.language else "en"
    seen: set[str] = set()
    for m in _LABELLED.finditer(ctx.text):
        start = m.start("num")
        if not outside(start):
            continue
        raw = m.group("num").strip()
        digits = re.sub(r"\D", "", raw)
        if len(digits) < 7 or digits[-7:] in seen:
            continue
        label = m.group(0)[: m.start("num") - m.start()].lower()
        try:
            parsed = phonenumbers.parse(raw, region or _REGION.get(language, "US"))
            valid = phonenumbers.is_possible_number(parsed)
        except phonenumbers.NumberParseException:
            valid = False
        if not valid and not (len(re.sub(r"[\W\d_]", "", label)) >= _SPELLED_LABEL and len(digits) <= 15):
            continue
        seen.add(digits[-7:])
        target = res.faxes if _FAX_LABEL.search(label) else res.phones
        target.append(Value(raw, prov(NAME, "labelled_number", 0.85, (start, m.end("num")))))
    for start, end in _contact_lines(ctx):
        if not outside(start):
            continue
        for found in _numbers_on(ctx.text[start:end], region or _REGION.get(language, "US")):
            digits = re.sub(r"\D", "", found.raw_string)
            if digits[-7:] in seen:
                continue
            seen.add(digits[-7:])
            at = (start + found.start, start + found.end)
            res.phones.append(Value(found.raw_string, prov(NAME, "unlabelled_number", 0.6, at)))
    _header_address(ctx)
    for m in _EMAIL.finditer(ctx.text):
        if _FILE_NAME.search(m.group(0)):
            continue  # 'logo@2x.png' is an image file, not an address
        if outside(m.start()) and m.group(0).lower() not in {v.value.lower() for v in res.emails}:
            res.emails.append(Value(m.group(0), prov(NAME, "email", 0.9, (m.start(), m.end()))))
    if ctx.signature_start >= 0:
        lines = [ln for ln in ctx.lines if ln.start >= ctx.signature_start and ln.text and outside(ln.start)][:14]
        postal: list[str] = []
        spans: list[tuple[int, int]] = []
        for ln in lines:
            text = ln.text.strip(" *_")
            if re.match(r"(?i)^(?:tel|phone|fax|e-?mail|web|http|www)", text) or _EMAIL.search(text):
                if postal:
                    break
                continue
            if is_address_line(text) and len(text) < 90:
                postal.append(text)
                spans.append((ln.start, ln.end))
            elif postal:
                break
        if postal:
            res.postal.append(Value(", ".join(postal), prov(NAME, "signature_address", 0.6, *spans)))

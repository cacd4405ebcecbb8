# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Stage: who a statement or press release is attributed to.

Runs when the letter stage found no signatory. Reads, in order: a title
'Statement by <title> <name> on ...'; a short 'Name, Title' or 'Office of
the X' line at the top; titled members named with a party-state tag at the
start of the body ('Senator Jane Doe (D-Del.)').
"""

from __future__ import annotations

import re

from vigil.extract.context import Context, prov
from vigil.extract.names import looks_like_person, same_person
from vigil.extract.parties import name_and_title, split_title, starts_with_title
from vigil.extract.types import Party

NAME = "attribution"

_STATEMENT = re.compile(
    r"^(?:Joint\s+)?(?:Statement|Remarks|Readout|Message|Letter|Déclaration|Communiqué)\s+(?:by|from|of|de|du|d['’])\s*(?:the\s+)?(?P<who>.+?)(?:\s+(?:on|regarding|about|marking|to|in|for|sur|concernant)\s+.*)?$"
)
# 'White House Statement on ...', '#X Campaign Denounces ...', 'ONG X condamne ...'
_WHO_STATES = re.compile(
    r"^(?P<who>(?:The\s+)?[#A-Z][\w#.'’&-]*(?:\s+[#A-Z][\w#.'’&-]*){0,5})\s+(?:(?:Joint\s+)?Statement\s+(?:on|regarding|about)\b|"
    r"(?:Denounces|Condemns|Welcomes|Deplores|Dénonce|Condamne|Salue|Déplore)\b)"
)
# 'The following is attributable to Spokesperson Jane Doe:'
_ATTRIBUTABLE = re.compile(r"(?i)\battribut(?:able|ed|able) to\s+(?:the\s+)?(?P<who>(?-i:[A-Z])[^:.\n]{2,80})|\battribuable à\s+(?P<fr>[^:.\n]{2,80})")
_MEMBER = re.compile(
    r"\b(?P<title>(?:U\.S\.\s+)?(?:Senators?|Sens?\.|Congress(?:wo)?man|Congressmembers?|Representatives?|Reps?\.|Chairman|Chairwoman|Ranking Member))\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|“[^”]+”|\"[^\"]+\")){0,3})(?=\s*\((?:[DRI]|Democrat|Republican)[-–,])"
)
_PARTY_TAG = re.compile(
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|“[^”]+”|\"[^\"]+\")){1,3})\s*"
    r"\((?:[DRI]-[A-Z][\w.]*\.?(?:[ -]\d+)?|[A-Z]{2}-(?:\d{1,2}|AL))\)"
)


# 'Author(s): A, B' / 'By A and B' / 'Par A et B'
_BY_LINE = re.compile(r"^(?:Author\(s\)|Authors?|By|Par|Auteur(?:\(e\))?s?|Signed by|Signé par|Firmado por|Von)\s*:?\s+(?P<names>[A-Z].{2,150})$")
_SIGNATORY_LABEL = (
    r"(?:list of )?(?:signatories|signatures|signed(?: by)?|signers|endorsed by|co-?signed by|"
    r"signataires|premiers signataires|firmantes|firmas|firman|unterzeichner(?:innen)?|unterzeichnende|"
    r"firmatari|hanno firmato|firmano|подписали|подписанты|امضاکنندگان|الموقعون|imzacılar)"
)
_SIGNATORIES = re.compile(rf"(?i)^{_SIGNATORY_LABEL}\s*:?$")
_SIGNATORIES_INLINE = re.compile(rf"(?i)^\W*{_SIGNATORY_LABEL}\W*:\s*(?P<items>.+)$")
"""'Signataires : A · B · C' — the list on the label's own line."""
_ITEM_SEPARATOR = re.compile(r"\s+[·•|]\s+|\s*;\s*")


def _signatory_list(ctx: Context) -> list[Party]:
    """The names listed one per line under a 'Signatories' heading, or on its own line
    after the label, apart by middle dots or semicolons."""
    lines = [ln for ln in ctx.lines if ln.start >= ctx.body_start]
    for ln in lines:
        inline = _SIGNATORIES_INLINE.match(ln.text)
        if inline is None:
            continue
        at = ln.start + inline.start("items")
        out: list[Party] = []
        for item in _ITEM_SEPARATOR.split(inline.group("items")):
            name = item.strip(" .,")
            start = ctx.text.find(name, at)
            if not name or len(name) > 120 or start < 0:
                continue
            out.append(_signatory(ctx, name, start))
        if len(out) >= 2:
            return out
    for i, ln in enumerate(lines):
        if not _SIGNATORIES.match(ln.text):
            continue
        out = []
        for item in lines[i + 1:]:
            if not item.text:
                if out:
                    break
                continue
            if len(item.text) > 100 or item.text.endswith((".", ":")) or len(out) >= 300:
                break
            out.append(_signatory(ctx, item.text, item.start))
        return out
    return []


def _signatory(ctx: Context, name: str, start: int) -> Party:
    """One signatory: a person when the tagger agrees, else an organisation."""
    end = start + len(name)
    tagged = any(label == "PERSON" and s < end and start < e for s, e, label in ctx.ents)
    kind = "person" if looks_like_person(name) and tagged else "organization"
    return Party(name=name, kind=kind, prov=prov(NAME, "signatory_list", 0.6, (start, end)))


def run(ctx: Context) -> None:
    res = ctx.result
    if any(p.kind in ("person", "family") for p in res.senders):
        return
    found: list[Party] = _signatory_list(ctx)
    title = res.title.value if res.title else ""
    m = _STATEMENT.match(title)
    if m:
        who = re.split(r"\s+and\s+|,\s+", m.group("who"))[0].strip()
        ttl = starts_with_title(who)
        name = who[len(ttl):].strip() if ttl else who
        if name and looks_like_person(name):
            found.append(Party(name=name, kind="person", title=ttl, prov=prov(NAME, "statement_title", 0.8)))
        elif who:
            found.append(Party(name=who, kind="office", prov=prov(NAME, "statement_title_office", 0.6)))
    m3 = None if m else _WHO_STATES.match(title)
    if m3:
        who = re.sub(r"['’]s$", "", re.sub(r"^The\s+", "", m3.group("who")))
        ttl = None
        for word in who.split():
            ttl = starts_with_title(who[who.index(word):])
            if ttl:
                who = who[who.index(word) + len(ttl):].strip() or who
                break
        if ttl and (looks_like_person(who) or re.fullmatch(r"[A-Z][\w'’-]+", who)):
            found.append(Party(name=who, kind="person", title=ttl, prov=prov(NAME, "title_subject", 0.6)))
        elif looks_like_person(who) and not re.search(r"(?i)\b(?:house|campaign|office|ministry|department|government)\b", who):
            found.append(Party(name=who, kind="person", prov=prov(NAME, "title_subject", 0.6)))
        else:
            found.append(Party(name=who, kind="organization", prov=prov(NAME, "title_subject", 0.6)))
    head_text = ctx.text[ctx.body_start:ctx.body_start + 1500]
    att = _ATTRIBUTABLE.search(head_text)
    if att:
        raw = (att.group("who") or att.group("fr") or "").strip()
        ttl = starts_with_title(raw)
        name = raw[len(ttl):].strip() if ttl else raw
        if looks_like_person(name):
            s = ctx.body_start + att.start()
            found.append(Party(name=name, kind="person", title=ttl, prov=prov(NAME, "attributable_to", 0.7, (s, ctx.body_start + att.end()))))
    top = [ln for ln in ctx.lines if ln.text and ln.start >= ctx.body_start][:4]
    for ln in top:
        text = ln.text
        by = _BY_LINE.match(text)
        if by:
            for name in re.split(r",\s*|\s+(?:and|et|y|und)\s+", by.group("names").strip(" .")):
                if looks_like_person(name):
                    found.append(Party(name=name, kind="person", prov=prov(NAME, "author_line", 0.75, (ln.start, ln.end))))
            continue
        if len(text) > 90 or text.endswith("."):
            continue
        if re.match(r"^(?:The\s+)?Office of the\s+[A-Z]", text):
            found.append(Party(name=text, kind="office", prov=prov(NAME, "office_line", 0.7, (ln.start, ln.end))))
            continue
        name, ttl = name_and_title(text)
        if name and ttl and "," in text:
            t, org = split_title(ttl)
            found.append(Party(name=name, kind="person", title=t, organization=org, prov=prov(NAME, "byline", 0.75, (ln.start, ln.end))))
    head_end = min(len(ctx.text), ctx.body_start + 1500)
    head = ctx.text[ctx.body_start:head_end]
    for mm in _MEMBER.finditer(head):
        s = ctx.body_start + mm.start()
        found.append(Party(name=mm.group("name"), kind="person", title=mm.group("title"), prov=prov(NAME, "member_tag", 0.7, (s, s + len(mm.group(0))))))
    for mm in _PARTY_TAG.finditer(ctx.text, ctx.body_start):
        s = mm.start()
        name = re.sub(r"^(?:(?:U\.S\.|and|And|Sens?\.|Reps?\.|Senators?|Representatives?|Congress(?:wo)?man|Chairman|Chairwoman|Chair|Ranking Member|Members?)\s+)+", "", mm.group("name"))
        # 'Judiciary Chairman John Doe': a committee's name before the office
        name = re.sub(r"^(?:[A-Z][a-z]+\s+){1,3}(?:Chairman|Chairwoman|Chair|Ranking Member|Vice Chair)\s+", "", name)
        if not looks_like_person(name):
            continue
        found.append(Party(name=name, kind="person", prov=prov(NAME, "party_tag", 0.6, (s, s + len(mm.group(0))))))
    if not found:
        m2 = re.search(r"\b(?P<title>(?:U\.S\.\s+)?(?:Senator|Congress(?:wo)?man|Representative|Rep\.|Sen\.))\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})", head)
        if m2:
            s = ctx.body_start + m2.start()
            found.append(Party(name=m2.group("name"), kind="person", title=m2.group("title"), prov=prov(NAME, "member_mention", 0.5, (s, s + len(m2.group(0))))))
    for p in found:
        if not any(same_person(p.name, q.name) for q in res.senders):
            res.senders.append(p)

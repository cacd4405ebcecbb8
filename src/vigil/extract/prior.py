# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Stage: earlier letters, appeals and requests the text mentions, with
their recipient, author and outcome ('no responses have been given' is
`no_response`)."""

from __future__ import annotations

import re

from vigil.extract.context import Context, prov
from vigil.extract.types import PriorIntervention

NAME = "prior"

_MENTION = re.compile(
    r"(?i)\b(?:letters?|appeals?|requests?|petitions?|communications?|urgent appeal|lettres?|courriers?)\b[^.;]{0,80}?\b(?:to|addressed to|à|au|aux)\s+(?P<to>(?:the\s+)?[A-Z][^.;,:()\"“”]{2,80})"
    r"|\b(?:wrote|written|sent|delivered|submitted|écrit|envoyé)\b[^.;]{0,40}?\bto\s+(?P<to2>(?:the\s+)?[A-Z][^.;,:()\"“”]{2,80})"
)
_PAST = re.compile(r"(?i)\b(?:sent|wrote|written|delivered|submitted|previous(?:ly)?|earlier|numerous|already|last (?:year|month|week)|in (?:19|20)\d\d|have requested|had requested|requested|avons écrit|a écrit|envoyé)\b")
_NO_RESPONSE = re.compile(r"(?i)\bno (?:responses?|reply|replies|answer)\b|\bnot (?:received|gotten|had) (?:a |any )?(?:response|reply|answer)|\bnever (?:replied|responded|answered)|\bunanswered\b|\bsans (?:réponse|suite)\b|\bwithout (?:a |any )?(?:response|reply)|\bignored\b")
_REFUSED = re.compile(r"(?i)\b(?:refused|rejected|denied|declined|turned down|rejeté|refusé)\b")
_ANSWERED = re.compile(r"(?i)\b(?:replied|responded|answered|in (?:its|their|his|her) (?:response|reply)|a répondu)\b")
_ACK = re.compile(r"(?i)\backnowledged\b|\baccusé de réception\b")
_CUT = re.compile(r"\s+(?:and|et)\s+(?=[a-z]*\s*[A-Z]|other|d'autres)|\s+(?:in|on|for|about|regarding|urging|calling|asking|requesting|to|that|which|who|this|last|earlier|since|pour|sur|concernant)\s+")


def run(ctx: Context) -> None:
    res = ctx.result
    is_letter = res.kind is not None and res.kind.value in ("letter", "open_letter", "petition")
    by = res.senders[0].name if res.senders else None
    seen: set[str] = set()
    for start, end in ctx.sentence_spans():
        sentence = ctx.text[start:end]
        for m in _MENTION.finditer(sentence):
            if not _PAST.search(sentence):
                continue
            if is_letter and not (_NO_RESPONSE.search(sentence) or re.search(r"(?i)\b(?:previous|earlier|numerous|already|past|several)\b", sentence)):
                continue
            raw = m.group("to") or m.group("to2") or ""
            targets = [raw]
            parts = re.split(r"\s+(?:and|et)\s+(?:other\s+|d'autres\s+)?", raw)
            if len(parts) > 1:
                targets = parts
            for t in targets:
                name = _CUT.split(t)[0].strip(" ,")
                name = re.sub(r"^(?:the|The)\s+", "", name)
                caps = re.match(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|on|de|du|des|la|and))*", name)
                if caps:
                    name = re.sub(r"(?:\s+(?:of|the|for|on|de|du|des|la|and))+$", "", caps.group(0))
                if len(name) < 3 or name.lower() in seen or name.lower() in ("this", "you", "your", "him", "her", "them"):
                    continue
                status = "sent"
                if _NO_RESPONSE.search(sentence) or (end < len(ctx.text) and _NO_RESPONSE.search(ctx.text[end:end + 200].split("\n\n")[0])):
                    status = "no_response"
                elif _REFUSED.search(sentence):
                    status = "refused"
                elif _ANSWERED.search(sentence):
                    status = "answered"
                elif _ACK.search(sentence):
                    status = "acknowledged"
                seen.add(name.lower())
                s = start + m.start()
                res.prior_interventions.append(PriorIntervention(
                    to=name, by=by, status=status, prov=prov(NAME, "letter_to", 0.5, (s, start + m.end())),
                ))

# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Stage: earlier letters, appeals and requests the text mentions, with
their recipient, author and outcome ('no responses have been given' is
`no_response`)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from vigil.extract import calendars
from vigil.extract.capitalised import words as cue_words
from vigil.extract.context import Context, prov
from vigil.extract.kind import LETTER_KINDS
from vigil.extract.names import fold, looks_like_person, same_person, tokens
from vigil.extract.parties import names_body, starts_with_title
from vigil.extract.prefilter import Literals, fold_case
from vigil.extract.types import Extraction, PriorIntervention
from vigil.vocab import languages
from vigil.vocab.languages import Rule

NAME = "prior"

_MENTION = re.compile(
    r"(?i)\b(?:letters?|appeals?|requests?|petitions?|communications?|urgent appeal|lettres?|courriers?)\b[^.;]{0,80}?\b(?:to|addressed to|à|au|aux)\s+(?P<to>(?:the\s+)?(?-i:[A-Z])[^.;,:()\"“”]{2,80})"
    r"|\b(?:wrote|written|sent|delivered|submitted|écrit|envoyé)\b[^.;]{0,40}?(?:\bto|\bau|\baux|\bà)\s+(?P<to2>(?:the\s+)?(?-i:[A-Z])[^.;,:()\"“”]{2,80})"
)
_RECIPIENT = (
    r"(?P<to>(?:the\s+)?(?:(?:federal|national|central) (?:government|authorities)\b"
    r"|(?:government|authorities|regime) of (?:the )?(?-i:[A-Z])[\w'’-]*"
    r"|(?-i:[A-Z])[\w'’.-]*(?:\s+(?:(?-i:[A-Z])[\w'’.()-]*|(?:of|the|for|and|on|de|du|des|la)\b|"
    r"(?-i:government|authorities|officials|regime)\b))*))"
)
# a letter the text reports ('sent a letter to', 'in a letter to') or an appeal it
# says is repeated ('we again call on X', 'continue to call on X')
_REPORTED = re.compile(
    r"(?i)\b(?:(?:sent|delivered|wrote|written|led|in|signed)\s+(?:a|an|his|her|their|the|our)?\s*"
    r"(?:\w+\s+){0,2}?(?:letter|appeal)s?\s+(?:(?:they|he|she|we)\s+(?:sent|wrote)\s+)?to"
    r"|(?:letter|appeal)s?\s+(?:they|he|she|we)\s+(?:sent|wrote|delivered)\s+to"
    r"|(?:his|her|their) letter to)\s+" + _RECIPIENT
)
_AGAIN = re.compile(
    r"(?i)\b(?:again|continues?\s+to|continued\s+to|repeatedly|once more|renews?\s+(?:our|its|their)\s+calls?)\s+"
    r"(?:call(?:s|ed)?|urge[sd]?|press(?:es|ed)?)?\s*(?:on|upon)\s+" + _RECIPIENT
    + r"|\b(?:demande|appelle|exhorte)\w*\s+(?:à nouveau|encore|de nouveau)\s+(?:à|au|aux)\s+(?P<fr>(?:la |le |les |l')?[\w'’-]+(?:\s+[\w'’-]+){0,3})"
)
# an earlier call or contact the writer reports ('I renew my call for X to',
# 'we have urged X', 'in my discussions with X', 'nous avons demandé au X')
_CALLED = re.compile(
    r"(?i)\b(?:renew(?:s|ed|ing)?\s+(?:my|our|its|their|the|his|her)\s+calls?\s+(?:for|on|upon|to)"
    r"|(?:have|has|had)\s+(?:\w+\s+){0,2}?(?:called\s+(?:on|upon)|urged|pressed|petitioned|asked|implored"
    r"|engaged\s+(?:directly\s+)?with|been\s+in\s+(?:direct\s+|close\s+|regular\s+)?(?:touch|contact)\s+with)"
    r"|called\s+(?:on|upon)|petition(?:ed)?|discussions\s+with"
    r"|avons\s+(?:demandé|écrit|exhorté)\s+(?:au|à\s+la|aux|à))\s+" + _RECIPIENT
)
_TAIL = re.compile(r"(?:\s+(?:of|the|for|and|on|de|du|des|la|to))+$")


@lru_cache(maxsize=64)
def _fold(sentence: str) -> str:
    """The sentence folded for `prefilter.may_match`; each is asked for several keys."""
    return fold_case(sentence)


@cache
def _rules(key: str, language: str | None) -> tuple[Rule, ...]:
    """The cues of an earlier appeal's status `key` (`prior` section of the language
    files: sent, no_response, acknowledged, answered, refused), the text's languages
    first."""
    return tuple(rule for cue in languages.for_text(language) for rule in cue.patterns("prior", key))


@cache
def _index(key: str, language: str | None) -> Literals:
    """The literals of `_rules(key, language)`, read from a sentence in one scan."""
    return Literals([rule.pattern for rule in _rules(key, language)])


@lru_cache(maxsize=512)
def _matches(key: str, sentence: str, language: str | None) -> re.Match[str] | None:
    """The first cue of status `key` in a sentence; remembered for the last sentences,
    which several readings of the stage ask about again."""
    rules = _rules(key, language)
    for i in _index(key, language).candidates(_fold(sentence)):
        m = rules[i].pattern.search(sentence)  # only a cue one of whose literals is there
        if m:
            return m
    return None


_HARAKAT = re.compile("[\u064b-\u0652\u0670]")
"""Arabic short-vowel and doubling marks, written in some texts and not in others."""


def _own_outcome(sentence: str, language: str | None) -> str | None:
    """The outcome one sentence states, if any. Receipt acknowledged with no answer on
    substance ('acknowledged receipt but has not responded') is `acknowledged`."""
    if _matches("no_response", sentence, language):
        return "acknowledged" if _matches("acknowledged", sentence, language) else "no_response"
    return next((key for key in ("refused", "answered", "acknowledged") if _matches(key, sentence, language)), None)


def _status(sentence: str, after: str, language: str | None) -> str:
    """The outcome a sentence gives an earlier appeal, else the one the lines right after
    it give (left unanswered anywhere in them; another outcome in the next sentence)."""
    sentence, after = _HARAKAT.sub("", sentence), _HARAKAT.sub("", after)
    own = _own_outcome(sentence, language)
    if own:
        return own
    if after and _matches("no_response", after, language):
        return "no_response"
    following = re.split(r"(?<=[.!?])\s", after.strip(), maxsplit=1)[0] if after else ""
    for key in ("refused", "answered", "acknowledged"):
        if following and _matches(key, following, language):
            return key  # 'We wrote to the Ministry in May. It replied that ...'
    return "sent"


_CUT = re.compile(r"\s+(?:and|et)\s+(?=[a-z]*\s*[A-Z]|other|d'autres)|\s+(?:in|on|for|about|regarding|urging|calling|asking|requesting|to|that|which|who|this|last|earlier|since|pour|sur|concernant)\s+")


def _clean_recipient(raw: str) -> list[str]:
    raw = re.sub(r"^(?:the|The)\s+", "", raw.strip(" ,"))
    parts = re.split(r"\s+and\s+(?=(?:the\s+)?[A-Z])", raw)
    out = []
    for part in parts:
        part = _TAIL.sub("", re.sub(r"^(?:the|The)\s+", "", part.strip(" ,.")))
        if part.count("(") != part.count(")"):
            part = part.split("(")[0].strip()
        if len(part) >= 3:
            out.append(_without_title(part))
    return out


_ADMINISTRATION = re.compile(r"(?i)\b(?:directorate|department|administration|service|ministry|office|inspectorate|authority|commission|governor)\b")
_FACILITY = re.compile(r"(?i)\b(?:prison|jail|camp|detention|confinement|penitentiary|facility|prisons?)\b")


def _facility(name: str, res: Extraction) -> bool:
    """'sent to CECOT': people sent to a prison or camp, not a letter to someone. A body
    that runs prisons ('Directorate of Prisons', 'prison administration') is written to."""
    if _ADMINISTRATION.search(name):
        return False
    if _FACILITY.search(name):
        return True
    bracketed = f"({name})"
    return any(bracketed in v.value and _FACILITY.search(v.value) for v in (*res.organizations, *res.locations))


def _date_after(text: str, at: int, end: int) -> str | None:
    """The date right after an earlier letter's words ('… to your office on 2 February 2024')."""
    return calendars.partial_date(text[at : min(end, at + 40)])


def _without_title(name: str) -> str:
    """'Secretary of State Jane Doe' -> 'Jane Doe': the person, not the office."""
    title = starts_with_title(name)
    rest = name[len(title):].strip(" ,") if title else ""
    if rest and looks_like_person(rest) and len(rest.split()) >= 2:
        return rest
    words = name.split()
    if len(words) >= 4 and all(w.lower() in _TITLE_WORDS for w in words[:-2]):
        tail = " ".join(words[-2:])  # 'Secretary of Homeland Security Jane Doe'
        return tail if looks_like_person(tail) else name
    return name


_TITLE_WORDS = {
    "president", "secretary", "minister", "prime", "state", "of", "the", "sec", "general", "mr",
    "mrs", "ms", "dr", "ambassador", "senator", "director", "acting", "chairman", "homeland",
    "security", "foreign", "affairs", "interior", "department", "and", "for", "on", "attorney",
}


def _core(name: str) -> set[str]:
    return {w for w in tokens(name) if w not in _TITLE_WORDS and len(w) >= 3}


def _surname(name: str) -> str:
    words = [w for w in fold(re.sub(r",?\s+(?:Jr|Sr|II|III)\.?$", "", name)).split() if w not in _TITLE_WORDS]
    return words[-1] if len(words) >= 2 and len(words[-1]) >= 3 else ""


def _known(name: str, seen: list[str]) -> bool:
    core = _core(name)
    if _surname(name) and any(_surname(name) == _surname(x) for x in seen):
        return True
    folded = fold(name)
    if len(folded) >= 8 and any(fold(x).startswith(folded) or folded.startswith(fold(x)) for x in seen):
        return True  # the same recipient, cut short by a shorter match
    return name.lower() in (x.lower() for x in seen) or any(
        same_person(name, x) or (core and core <= _core(x)) or (_core(x) and _core(x) <= core)
        for x in seen
    )


def _reported(ctx: Context, by: str | None, seen: set[str], used: set[tuple[int, int]]) -> None:
    res = ctx.result
    is_letter = res.kind is not None and res.kind.value in LETTER_KINDS
    addressed = [p.name for p in res.addressees] + [p.title or "" for p in res.addressees]
    found: list[str] = []
    language = res.language.value if res.language else None
    for start, end in ctx.sentence_spans():
        sentence = ctx.text[start:end]
        for pattern, rule in ((_REPORTED, "reported_letter"), (_AGAIN, "repeated_call"), (_CALLED, "earlier_call")):
            for m in pattern.finditer(sentence):
                raw = m.group("to") or (m.groupdict().get("fr") or "")
                status = _status(sentence, ctx.text[end : end + 200].split("\n\n")[0], language)
                if rule == "earlier_call" and re.search(r"(?i)\b(?:discussions|touch|contact|engaged)\b", m.group(0)):
                    status = "unknown"  # talks, not a written appeal: the outcome is not reported
                for name in _clean_recipient(raw):
                    if name.lower() in ("you", "him", "her", "them", "both sides") or not _core(name):
                        continue
                    if re.search(r"\bof (?:His|Her|Your)\b", name):
                        continue  # 'the Government of His Excellency': the addressee's own
                    if _known(name, found) or (is_letter and rule == "reported_letter" and _known(name, addressed)):
                        continue
                    found.append(name)
                    seen.add(name.lower())
                    used.add((start + m.start(), start + m.end()))
                    s = start + m.start()
                    res.prior_interventions.append(PriorIntervention(
                        to=name, by=by, status=status, prov=prov(NAME, rule, 0.55, (s, start + m.end())),
                        date=_date_after(ctx.text, start + m.end(), end),
                    ))


# a body named after the cue of an earlier appeal, in a script with capitals:
# 'a la Fiscalía de Distrito', 'an das Bundesamt für Migration', 'alla Prefettura di X'
_UPPER = "A-ZÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄÖÜÇÑİŞĞ"
_CONNECTOR = (
    r"(?:de|del|de la|de los|des|du|di|della|dello|delle|dei|degli|der|die|das|von|für|zur|zum|of|the|for|on|y|e|et|und"
    r"|lo|against|contra(?: la| el| los| las)?|sobre(?: la| el| los| las)?|contre(?: la| le| les| l['’])?|gegen|contro(?: la| il)?)"
)
"""What stands between the capitalised words of one body's name: articles, 'of', 'for',
'and', and 'against' ('Sala de lo Penal', 'Comité contra la Tortura', 'Ausschuss gegen Folter')."""
_BODY = re.compile(
    rf"(?<![\w'’])(?P<body>[{_UPPER}][\w.-]+(?:\s+(?:{_CONNECTOR}\s+)*[{_UPPER}][\w.-]+)+(?:\s+\([{_UPPER}][\w.-]+\))?)"
)


# an office written in lower case before the place or body it serves, after the
# preposition that introduces a recipient: 'au préfet de la Loire', 'al ministro
# della Giustizia', 'a la Fiscalía General'
_OFFICE = re.compile(
    r"\b(?:(?:au|aux|à la|al|alla|allo|ai|agli|alle|a la|a los|a las|an den|an die|an das)\s+|(?:à l|all)['’])"
    rf"(?P<body>[a-zàâçéèêëîïôûù{_UPPER}][a-zàâçéèêëîïôûù]{{3,}}(?:\s+[a-zàâçéèêëîïôûù]{{4,}})?"
    rf"(?:\s+(?:{_CONNECTOR}|d['’]|dell['’])\s*(?:l['’]|la\s+|le\s+|les\s+)?)+[{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+)*)"
)


_TOWARDS = re.compile(
    r"(?:\bto|\bà|\bau|\baux|\ban|\bal|\ba|\balla|\ballo|\bai|\bagli|به|إلى|\bк|\bв)\s+"
    r"(?:(?:the|das|die|den|dem|la|le|l['’]|les|el|los|las|il|lo)\s*)?$",
    re.I,
)
"""The words right before a recipient ('to the', 'an das', 'al', 'à la'): a body after
them is who was written to, not who wrote."""


def _capitalised_body(rest: str, res: Extraction, within: int) -> str | None:
    """The first run of capitalised words that starts in the first `within`
    characters after an appeal's cue and is no place, no person the text is
    about and no part of the cue itself."""
    office = _OFFICE.search(rest)
    if office and office.start() <= within:
        return office.group("body").strip()
    for m in _BODY.finditer(rest, 1):
        if m.start() > within:
            break
        body = re.split(r"['’]", m.group("body"))[0].strip().rstrip(".")  # not the sentence's full stop
        if len(body.split()) < 2 or any(body == v.value for v in res.locations):
            continue
        if any(same_person(body, p.value) for p in res.persons):
            continue
        return body
    return None


def _to_addressee(ctx: Context, by: str | None, language: str | None, used: set[tuple[int, int]]) -> None:
    """An earlier letter the text mentions without naming its recipient ('our
    letter of 3 May remained unanswered', 'nous vous avons déjà écrit'): in a
    letter, one to the same addressee; elsewhere, to the first body or person
    the sentence names after the cue."""
    res = ctx.result
    is_letter = res.kind is not None and res.kind.value in LETTER_KINDS
    own = [p.name for p in (*res.senders, *res.addressees)]
    taken = [p.to for p in res.prior_interventions]
    for start, end in ctx.sentence_spans():
        if is_letter and start < ctx.letter_start:
            continue  # an introduction describes the letter itself
        sentence = ctx.text[start:end]
        m = _matches("sent", sentence, language)
        if m is None or any(a < start + m.end() and start + m.start() < b for a, b in used):
            continue  # the cue of an appeal already read with its recipient
        # the recipient is named in the cue or right after it ('wrote to the X')
        rest, within = sentence[m.start() :], m.end() - m.start() + 40
        named = sorted(  # nearest first; at one place, the longest name
            (not _TOWARDS.search(rest[: max(0, rest.find(v.value))]), rest.find(v.value), -len(v.value), v.value)
            for v in (*res.organizations, *res.persons)
            if 0 <= rest.find(v.value) <= within and not any(same_person(v.value, o) for o in own) and not _known(v.value, taken)
        ) if not any(start <= a < end for a, _ in used) else []
        body = _capitalised_body(rest, res, within) if not named and not any(start <= a < end for a, _ in used) else None
        if named:
            to, rule = named[0][3], "letter_to_named"
        elif body:
            to, rule = body, "letter_to_body"
        elif res.addressees and ctx.letter_start >= 0 and (
            _SECOND_PERSON.search(rest[: within + 40]) or _matches("no_response", sentence, language)
        ):
            to, rule = res.addressees[0].name, "letter_to_addressee"  # 'we wrote to you on 3 May
        else:
            continue
        if _known(to, taken) or _facility(to, res):
            continue
        taken.append(to)
        after = ctx.text[end:end + 200].split("\n\n")[0]
        res.prior_interventions.append(PriorIntervention(
            to=to, by=by, status=_status(sentence, after, language),
            prov=prov(NAME, rule, 0.5, (start + m.start(), start + m.end())),
            date=_date_after(ctx.text, start + m.end(), end),
        ))


def _appealed_to(ctx: Context, by: str | None, language: str | None, used: set[tuple[int, int]]) -> None:
    """Earlier appeals whose recipient the language file's `appealed_to` patterns name
    (several, joined by 'and to', are several appeals)."""
    res = ctx.result
    rules = languages.rules("appealed_to", languages=[language] if language else None)
    if not rules:
        return
    taken = [p.to for p in res.prior_interventions]
    is_letter = res.kind is not None and res.kind.value in LETTER_KINDS
    for start, end in ctx.sentence_spans():
        if is_letter and start < ctx.letter_start:
            continue  # an introduction describes the letter itself
        sentence = ctx.text[start:end]
        for rule in rules:
            for m in rule.pattern.finditer(sentence):
                at = (start + m.start(), start + m.end())
                if any(a < at[1] and at[0] < b for a, b in used):
                    continue
                after = ctx.text[end : end + 200].split("\n\n")[0]
                for to in re.split(r"\s+و(?:إلى|الى)\s+", m.group("to").strip()):
                    if len(to) < 3 or _known(to, taken) or _facility(to, res):
                        continue
                    taken.append(to)
                    used.add(at)
                    res.prior_interventions.append(PriorIntervention(
                        to=to, by=by, status=_status(sentence, after, language),
                        prov=prov(NAME, rule.id, 0.5, at),
                        date=_date_after(ctx.text, at[1], end),
                    ))


_SECOND_PERSON = re.compile(
    r"(?i)(?<!\w)(?:you|your|vous|votre|vos|Sie|Ihnen|Ihr(?:e|en)?|usted|ustedes|su despacho|Lei|Voi|شما|لكم|إليكم|إليك|сиз|вам|вас|Вам|Вас|size|sizin|sizinle)(?!\w)"
)
"""The addressee spoken to: an earlier appeal 'to you' (or one of ours left unanswered,
told to the addressee) went to the letter's addressee."""
_OFFICE_END = re.compile(r"(?i)\b(?:minister|president|secretary|commissioner|governor|ombudsman|ombudsperson|prosecutor|ambassador|chancellor|speaker|ministry|government|parliament)$")


_OUTCOMES = ("no_response", "refused", "answered", "acknowledged")
_SUBJECT_GAP = re.compile(
    r"\s*(?:\([^()]{1,60}\)\s*)?(?:,\s*(?:which|who|qui|que|che|die|der|das|el cual|la cual)\s+)?"
    r"(?:[\w'’]+\s+){0,3}",
)
"""What may stand between a body and the verb it is the subject of: its bracketed
acronym, a relative pronoun, and up to three auxiliaries or adverbs ('has not',
', which', 'a', 'ont déjà')."""


@cache
def _request_words(language: str | None) -> re.Pattern[str]:
    words = sorted(languages.words("request_words", [language] if language else None), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def _outcome_cues(sentence: str, language: str | None) -> list[tuple[int, int, str]]:
    """(start, end, status) of every outcome cue in a sentence, in its language and English."""
    codes = [c for c in dict.fromkeys((language, "en")) if c]
    out: list[tuple[int, int, str]] = []
    for key in _OUTCOMES:
        for rule in languages.rules("prior", key, languages=codes):
            out.extend((m.start(), m.end(), key) for m in rule.pattern.finditer(sentence))
    return sorted(out)


def _answered_by(ctx: Context, by: str | None, language: str | None) -> None:
    """A body the text names as the subject of an outcome whose object is something written
    to it ('the Commission has not answered our letter', 'X, which acknowledged receipt', 'les autorités
    ont ignoré toutes les demandes'): an earlier appeal to that body, with that outcome. A
    body read already as a recipient only sent to takes the outcome. What went unanswered
    may also be named before the body ('our letters to X have received no reply')."""
    res = ctx.result
    is_letter = res.kind is not None and res.kind.value in LETTER_KINDS
    own = [p.name for p in (*res.senders, *res.addressees)]
    bodies = sorted({v.value for v in res.organizations if len(v.value) >= 3}, key=len, reverse=True)
    request = _request_words(language)
    for start, end in ctx.sentence_spans():
        if is_letter and start < ctx.letter_start:
            continue  # an introduction describes the letter itself
        sentence = ctx.text[start:end]
        if not request.search(sentence):
            continue
        for at, cue_end, status in _outcome_cues(sentence, language):
            body = _subject_before(sentence, at, bodies) or _described_subject(sentence, at, language)
            if body is None or (len(body.split()) == 1 and names_body(body)):
                continue  # a bare 'Office' refers back to a body named before
            if not request.search(sentence, at, cue_end + 40) and not (
                status == "no_response" and request.search(sentence, 0, sentence.rfind(body, 0, at))
            ):
                continue  # the outcome of something else ('denied them the right to ...')
            if any(same_person(body, o) or _known(body, [o]) for o in own):
                continue
            earlier = next((p for p in res.prior_interventions if _known(body, [p.to])), None)
            if earlier is not None:
                if earlier.status == "sent":
                    earlier.status = status
                continue
            res.prior_interventions.append(PriorIntervention(
                to=body, by=by, status=status,
                prov=prov(NAME, "answered_by", 0.5, (start + at, start + cue_end)),
            ))


_LEADING_ARTICLE = re.compile(r"^(?:The|La|Le|Les|El|Los|Las|Die|Der|Das|Il|Lo)\s+")


@cache
def _heads(language: str | None) -> tuple[frozenset[str], re.Pattern[str]]:
    """A language's (and English's) organisation heads ('Ministry', 'Tribunal'), and a
    described body written in lower case that ends in one ('the prison administration')."""
    heads = {w for code in dict.fromkeys((language, "en")) for w in cue_words("organisation_heads", code)}
    heads |= {w for code in dict.fromkeys((language, "en")) for w in cue_words("force_words", code)}
    lower = "|".join(re.escape(h.lower()) for h in sorted(heads, key=len, reverse=True) if " " not in h)
    described = re.compile(
        r"(?<![\w'’])(?:the|la|le|les|el|los|las|die|der|das|il|lo|l['’])\s*"
        rf"(?P<body>(?:[a-zà-ÿ'’-]{{3,}}\s+){{0,2}}(?:{lower}))\s*$",
        re.I,
    )
    return frozenset(heads), described


def _described_subject(sentence: str, at: int, language: str | None) -> str | None:
    """A body named right before position `at` that is no known organisation: a run of
    capitalised words holding an organisation head ('the Ministry of Internal Affairs
    rejected ...'), or a body described in lower case ('the prison administration has
    refused ...')."""
    heads, described = _heads(language)
    head = sentence[:at]
    for m in _BODY.finditer(head):
        if _SUBJECT_GAP.fullmatch(head, m.end()) and heads & set(re.findall(r"[\w'’]+", m.group("body"))):
            return _LEADING_ARTICLE.sub("", m.group("body").strip())
    for cut in range(len(head), max(-1, len(head) - 60), -1):
        if cut < len(head) and not head[cut].isspace():
            continue
        if not _SUBJECT_GAP.fullmatch(head, cut):
            continue
        lower = described.search(head, 0, cut)
        if lower:
            return lower.group("body")
    return None


def _subject_before(sentence: str, at: int, bodies: list[str]) -> str | None:
    """The body named right before position `at`, as the subject of the verb there."""
    best: tuple[int, str] | None = None
    for body in bodies:
        i = sentence.rfind(body, 0, at)
        if i < 0:
            continue
        gap = sentence[i + len(body) : at]
        if _SUBJECT_GAP.fullmatch(gap) and (best is None or i + len(body) > best[0]):
            best = (i + len(body), body)
    return best[1] if best else None


def _with_shared_place(name: str, parts: list[str]) -> str:
    """'the Prime Minister and other organisations of Albania': a bare office in a
    list takes the place the list's last item names."""
    if len(parts) < 2 or " of " in name or " in " in name:
        return name
    if starts_with_title(name) != name and not _OFFICE_END.search(name):
        return name
    last = _CUT.split(parts[-1])[0].strip(" ,")
    place = re.search(r"\s(?:of|in)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)$", last)
    return f"{name} of {place.group(1)}" if place else name


# earlier appeals set out as a list or a table ('I have written to:' and one recipient a
# line; a table with a recipient and a status column): each row is one appeal
_BULLET = re.compile(r"^[ \t]*(?:[-•*–·▪]|\d{1,2}[.)])[ \t]+(?P<item>\S.*)$")
_LEADING_DATE = re.compile(r"^[^:;]{0,30}\d[^:;]{0,30}:\s+")
_LIST_ARTICLE = re.compile(
    r"^(?:(?:to|à|au|aux|a|al|an|alla|allo)\s+)?(?:the|la|le|les|l['’]|el|los|las|der|die|das|den|dem|il|lo)\s*(?=\w)", re.I
)
_ITEM_END = re.compile(
    r"\s*\((?=[^)]*\d)|\s+[–—-]\s+|\s*[;:]|,\s+(?=(?:[a-z]|\d))|\s+(?:on|le|el|am|il)\s+\d|\s+to\s+(?=[a-z])"
    r"|\s+(?:was|were|has|have|had|is|a été|fue|wurde|è stat[oa])\s"
    r"|\s+(?:requesting|asking|urging|calling|regarding|concerning|about|seeking|in follow-up|demandant|concernant|solicitando|sobre|wegen|bezüglich|chiedendo)\b"
)
_TABLE_SEPARATOR = re.compile(r"^[\s|:+-]+$")


@cache
def _list_words(section: str, language: str | None) -> frozenset[str]:
    """A `languages_words.json` section of the text's language and English, folded."""
    return frozenset(fold(w) for code in dict.fromkeys((language, "en")) if code for w in cue_words(section, code))


def _list_status(cell: str, language: str | None) -> str:
    """The outcome a row gives: a leading 'Sent' or 'Pending' label, else the first
    outcome cue in it, else what its words say."""
    text = fold(cell)
    if any(text == w or text.startswith(w + " ") for w in _list_words("appeal_sent_labels", language)):
        return "sent"
    cues = _outcome_cues(cell, language)
    return cues[0][2] if cues else _status(cell, "", language)


def _list_recipient(item: str, language: str | None) -> tuple[str, str]:
    """(recipient, the rest) of one line of a list of appeals: after a leading date, the
    body written to ('letter to the X requesting ...'), else the line's first words."""
    item = _LEADING_DATE.sub("", item.strip())
    request = _request_words(language).search(item, 0, 60)
    if request:
        to = re.search(r"\b(?:to|à|au|aux|a|al|an|alla)\s+(?=(?:the\s+|la\s+|le\s+|l['’])?\w)", item[request.end() : request.end() + 80])
        if to:
            item = item[request.end() + to.start() :]
    item = _LIST_ARTICLE.sub("", item)
    end = _ITEM_END.search(item)
    name = (item[: end.start()] if end else item).strip(" ,.")
    return name, item[len(name) :]


def _table_rows(lines: list[tuple[int, str]], language: str | None) -> list[tuple[int, str, str]]:
    """(offset, recipient, status cell) of each row of the tables among `lines` whose
    header has a recipient column."""
    out: list[tuple[int, str, str]] = []
    recipients, statuses = _list_words("appeal_recipient_headers", language), _list_words("appeal_status_headers", language)
    header: tuple[int, int | None] | None = None
    for at, line in lines:
        sep = "|" if line.count("|") >= 2 else "\t" if line.count("\t") >= 2 else None
        if sep is None:
            header = None
            continue
        if _TABLE_SEPARATOR.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(sep)]
        folded = [fold(c) for c in cells]
        if header is None:
            to_col = next((i for i, c in enumerate(folded) if c in recipients), None)
            if to_col is not None:
                header = (to_col, next((i for i, c in enumerate(folded) if c in statuses), None))
            continue
        to_col, status_col = header
        if to_col < len(cells) and cells[to_col]:
            status = cells[status_col] if status_col is not None and status_col < len(cells) else line
            out.append((at, cells[to_col], status))
    return out


def _list_items(lines: list[tuple[int, str]], language: str | None) -> list[tuple[int, str, str]]:
    """(offset, recipient, rest of the line) of each line of a list of appeals: the bullets
    right after a line that introduces them ('I have written to:', 'Our interventions')."""
    intros = _list_words("appeal_list_intros", language)
    out: list[tuple[int, str, str]] = []
    open_list, numbered_intro = False, False
    for at, line in lines:
        bullet = _BULLET.match(line)
        if bullet and open_list and not (numbered_intro and line.lstrip()[:1].isdigit()):
            name, rest = _list_recipient(bullet.group("item"), language)
            if len(name) >= 3 and name[0].isupper():
                out.append((at, name, rest))
            continue
        if not line.strip():
            continue
        numbered_intro = bool(re.match(r"\s*\d{1,2}[.)]\s", line))  # a numbered heading: the next number ends its list
        open_list = False
        if line.rstrip().endswith(":") or not line.rstrip().endswith("."):  # before folding: cheaper
            head = fold(re.sub(r"^\s*\d{1,2}[.)]\s+", "", line))
            open_list = len(head) <= 80 and any(head == w or head.startswith(w + " ") for w in intros)
    return out


def _listed(ctx: Context, by: str | None, language: str | None) -> None:
    """Earlier appeals set out one a line or one a table row, each with its own outcome; a
    recipient read already from the prose takes the row's outcome."""
    lines, at = [], 0
    for line in ctx.text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    res = ctx.result
    rows = [(a, to, _list_status(cell, language), "listed_table") for a, to, cell in _table_rows(lines, language)]
    rows += [(a, to, _list_status(rest, language), "listed_appeal") for a, to, rest in _list_items(lines, language)]
    for at, to, status, rule in rows:
        name = f" {fold(to)} "
        earlier = next((
            p for p in res.prior_interventions
            if name in f" {fold(p.to)} " or (len(fold(p.to).split()) >= 2 and f" {fold(p.to)} " in name)
        ), None)
        if earlier is not None:
            if status != "sent":
                earlier.status = status
            continue
        res.prior_interventions.append(PriorIntervention(
            to=to, by=by, status=status, prov=prov(NAME, rule, 0.55, (at, at + len(to))),
        ))


_MONTH_ONLY = re.compile(
    r"(?i)^(?:" + "|".join(sorted((re.escape(m) for m in calendars.MONTHS), key=len, reverse=True)) + r")\.?(?:\s+\d{1,4}(?:st|nd|rd|th)?,?)*$"
)
"""A date read as a recipient ('again on September 18'): no one was written to."""
_OUTCOME_RANK = {"sent": 0, "unknown": 0, "acknowledged": 1, "answered": 2, "refused": 2, "no_response": 2}


def _speaks_to_addressee(name: str, language: str | None) -> bool:
    """'Your Excellency', 'your office', 'votre ministère': the addressee spoken to
    (`addressee_references` of `languages_words.json`)."""
    folded = fold(name)
    return any(folded == w or folded.startswith(w + " ") for w in _list_words("addressee_references", language))


def _whole_body(head: str, res: Extraction) -> str | None:
    """The body a bare head or title stands for ('the Embassy', 'the Director'): the
    addressee's own body or office it opens, else the one named body it opens."""
    word = fold(head)
    for a in res.addressees:
        for name in (a.organization, a.name):
            if name and fold(name).startswith(word + " "):
                return name
        if a.organization and fold(a.title or a.name) == word:
            return a.organization
    bodies = {v.value for v in res.organizations if fold(v.value).startswith(word + " ")}
    return bodies.pop() if len(bodies) == 1 else None


def _tidy(ctx: Context, language: str | None) -> None:
    """Recipients that are no recipient are dropped: a date read after a cue, a person
    the text speaks for, a bare organisation head or title cut from its name ('Office',
    'Director'). In a letter, an appeal to the addressee spoken to ('We wrote to Your Excellency') is one to the
    letter's addressee, else it is dropped; one recipient read twice is one appeal,
    with the outcome the text gives."""
    res = ctx.result
    is_letter = res.kind is not None and res.kind.value in LETTER_KINDS
    kept: list[PriorIntervention] = []
    for p in res.prior_interventions:
        plain = unicodedata.normalize("NFKC", p.to).strip(" ,.")
        if _MONTH_ONLY.match(plain):
            continue  # a date: no one written to
        if any(same_person(plain, v.value) for v in res.persons_at_risk):
            if not (is_letter and res.addressees and p.prov.rule == "letter_to_named"):
                continue  # someone the text speaks for is not written to
            p.to = res.addressees[0].name  # 'we wrote to you about X': to the addressee
        if " " not in plain and not plain.isupper() and (names_body(plain) or starts_with_title(plain) == plain):
            whole = _whole_body(plain, res)
            if whole is None:
                continue
            p.to = whole
        if _speaks_to_addressee(plain, language):
            if not (is_letter and res.addressees):
                continue
            p.to = res.addressees[0].name
        twin = next((k for k in kept if k.to == p.to), None)
        if twin is None:
            kept.append(p)
        elif _OUTCOME_RANK.get(p.status, 0) > _OUTCOME_RANK.get(twin.status, 0):
            twin.status = p.status
    res.prior_interventions[:] = kept


def run(ctx: Context) -> None:
    res = ctx.result
    is_letter = res.kind is not None and res.kind.value in LETTER_KINDS
    by = res.senders[0].name if res.senders else None
    language = res.language.value if res.language else None
    seen: set[str] = set()
    used: set[tuple[int, int]] = set()
    _reported(ctx, by, seen, used)
    _appealed_to(ctx, by, language, used)
    found = [p.to for p in res.prior_interventions]
    for start, end in ctx.sentence_spans():
        sentence = ctx.text[start:end]
        mentions = list(_MENTION.finditer(sentence))
        if not mentions:
            continue  # no letter to anyone: the cues below would have nothing to read
        earlier = _matches("sent", sentence, language)
        no_reply = _matches("no_response", sentence, language)
        outcome = any(_matches(k, sentence, language) for k in ("refused", "answered", "acknowledged"))
        for m in mentions:
            if not (earlier or no_reply or outcome):
                continue
            if is_letter and not (no_reply or ((earlier or outcome) and start >= ctx.letter_start)):
                continue  # an introduction describes the letter itself
            raw = m.group("to") or m.group("to2") or ""
            targets = [raw]
            parts = re.split(r"\s+(?:and|et)\s+(?:other\s+|d'autres\s+)?", raw)
            if len(parts) > 1:
                targets = parts
            for t in targets:
                name = _CUT.split(t)[0].strip(" ,")
                name = re.sub(r"^(?:(?:to|à|au|aux)\s+)?(?:the|The)\s+", "", name)
                # 'other human rights organizations of Albania': a described body of a place
                phrase = re.match(r"(?:other\s+)?(?P<p>[a-z][a-z\s]{3,50}?\s+(?:of|in)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", name)
                caps = None if phrase else re.match(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|on|de|du|des|la|and|government|authorities|officials)\b)*", name)
                if phrase:
                    name = phrase.group("p")
                elif caps:
                    name = re.sub(r"(?:\s+(?:of|the|for|on|de|du|des|la|and))+$", "", caps.group(0))
                if len(name) < 3 or name.lower() in seen or name.lower() in ("this", "you", "your", "him", "her", "them"):
                    continue
                if not (name[0].isupper() or phrase) or any(name == loc.value for loc in res.locations):
                    continue  # a letter goes to a person or a body, not to a place
                name = _without_title(name)
                if _known(name, found) or _facility(name, res):
                    continue
                found.append(name)  # compared bare: a shared place is no evidence of sameness
                name = _with_shared_place(name, parts)
                status = _status(sentence, ctx.text[end:end + 200].split("\n\n")[0], language)
                seen.add(name.lower())
                used.add((start + m.start(), start + m.end()))
                s = start + m.start()
                res.prior_interventions.append(PriorIntervention(
                    to=name, by=by, status=status, prov=prov(NAME, "letter_to", 0.5, (s, start + m.end())),
                    date=_date_after(ctx.text, start + m.end(), end),
                ))
    _to_addressee(ctx, by, language, used)
    _answered_by(ctx, by, language)
    _listed(ctx, by, language)
    _tidy(ctx, language)

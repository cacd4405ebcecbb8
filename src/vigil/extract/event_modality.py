# Patterns are matched as written: dashes and typographic quotes are intended.
# ruff: noqa: RUF001, RUF003
"""Facts, not wishes: whether the words before an event's trigger ask for it,
fear it or deny it, in English, French, Spanish, German and Italian.

A helper of the events stage (`vigil.extract.events`), read with or without a
parse:

- `requested`: the trigger is what a request (or an order) asks for ('we call for his
  release', 'nous demandons sa libération', 'pedimos su liberación', 'wir
  fordern seine Freilassung', 'chiediamo il suo rilascio', 'we urge you to
  release him', 'a court ordered his release'), also in a list of asks after
  'we ask you:'. Only the words between the request and the trigger are read,
  and they must be few: a request to investigate, end or stop something
  ('we call for an inquiry into his arrest', 'end his detention') is about a
  fact, which stays asserted.
- `cue_modality`: without a parse, a fear or risk word ('riesgo de', 'droht',
  'rischia', 'könnte') makes the event feared, a verb of denial ('niegan
  que', 'bestreiten', 'negano che') denied.

An event asked for or feared has the modality `feared` (not realised); the
contract keeps asserted events only.
"""

from __future__ import annotations

import re

_REQUEST = re.compile(
    r"(?i)(?<![\w-])(?:"
    # English
    r"(?:call(?:s|ed|ing)?|press(?:es|ed|ing)?|push(?:es|ed|ing)?|appeal(?:s|ed|ing)?|"
    r"hope(?:s|d)?|pray(?:s|ed)?|advocat(?:e|es|ed|ing)|campaign(?:s|ed|ing)?|"
    r"work(?:s|ed|ing)?|wait(?:s|ed|ing)?|plead(?:s|ed|ing)?)\s+for"
    r"|(?:urge[sd]?|urging|demand(?:s|ed|ing)?|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|"
    r"implore[sd]?|seek(?:s|ing)?|sought|want(?:s|ed)?|expect(?:s|ed)?|insist(?:s|ed)? on|"
    r"call(?:s|ed)? (?:up)?on|encourage[sd]?|invite[sd]?)"
    # French
    r"|demand(?:ons|ent|e|er|é|ée|ant)|exige(?:ons|nt|r|ant|)|réclam(?:ons|ent|e|er|ant)|"
    r"appel(?:ons|le|lent|er|ant) (?:à|a)|exhort(?:ons|e|ent|er|ant)|pri(?:ons|e|ent|er)|"
    r"espér(?:ons|ent|er|ant)|souhait(?:ons|e|ent|er|ant)|"
    r"(?:plaid|milit|œuvr|lutt|agiss)\w*(?:[^.;:]{0,60}?)\s+pour|"
    r"invit(?:ons|e|ent|er|ant)"
    # an order is not its execution ('a court ordered his release')
    r"|order(?:s|ed)?|ordonn(?:e|é|ée|ent|ait)|orden(?:ó|a|aron)|anordn\w*|ordnete\w*|"
    r"ordin(?:ato|ata|a|ò)"
    # Spanish
    r"|pedi(?:mos|r)|pid(?:e|en|o)|exig(?:imos|ir|e|en)|reclam(?:amos|ar|a|an)|"
    r"inst(?:amos|ar|a|an)|solicit(?:amos|ar|a|an)|llam(?:amos|ar|a|an) a|"
    r"esper(?:amos|ar|a|an)|demand(?:amos|ar|a|an)|urg(?:imos|ir|e|en)"
    # German
    r"|forder(?:n|t|e)|auffordern|fordern? .{0,40}? auf|bitte(?:n|t)?|verlang(?:en|t|e)|"
    r"appellier(?:en|t|e) an|dräng(?:en|t) auf|setzen uns .{0,20}? für|hoff(?:en|t|e) auf"
    # Italian
    r"|chied(?:iamo|ere|e|ono)|esig(?:iamo|ere|e|ono)|sollecit(?:iamo|are|a|ano)|"
    r"invit(?:iamo|are|a|ano)|esort(?:iamo|are|a|ano)|sper(?:iamo|are|a|ano) in|"
    r"reclam(?:iamo|are|a|ano)|domand(?:iamo|are|a|ano)"
    r")(?![\w-])"
)
# words between a request and its object that make the object a fact: an
# inquiry into it, an end to it, information on it
_ABOUT_A_FACT = re.compile(
    r"(?i)(?<![\w-])(?:investigat\w*|inquir\w*|inquiry|enquête\w*|enquêter|investigación|"
    r"investigar|untersuch\w*|indagin\w*|indagare|end|ending|stop|stopping|halt|cease|"
    r"fin|mettre|cesser|arrêter|poner|cesar|detener|beenden|ende|porre|fine|cessare|"
    r"clarif\w*|explain|explanation|information|informations|account|accountab\w*|"
    r"review|réexamen|revisión|überprüf\w*|riesame|condemn\w*|compensat\w*|redress|"
    r"reparation\w*|réparation\w*|about|regarding|concerning|sur|sobre|über|"
    r"after|since|following|après|depuis|tras|desde|nach|seit|dopo|"
    # a release asked for: what it ends (the detention) is a fact
    r"releas\w*|free|freeing|freedom|libér\w*|libert\w*|liber\w*|excarcel\w*|"
    r"freilass\w*|freizulassen|freigelassen|Freiheit|rilasc\w*|scarcer\w*)(?![\w-])"
)
# a clause of its own starts: what follows is told, not asked for
_CLAUSE = re.compile(
    r"(?i)(?<![\w-])(?:who|whose|whom|which|because|as|while|when|where|qui|dont|lequel|"
    r"laquelle|car|parce|quand|lorsque|quien|quienes|cuyo|cuya|porque|cuando|donde|welche[rsn]?|"
    r"weil|als|wo|wenn|cui|perché|quando|dove|mentre|"
    # a finite auxiliary: the words after it tell what happened
    r"was|were|is|are|has|have|had|a été|ont été|est|sont|fue|fueron|ha sido|han sido|"
    r"wurde|wurden|ist|sind|è stato|è stata|sono stati|sono state)(?![\w-])|[;:()\[\]]"
)
_GAP = 60


# a request that opens a list of asks ('We ask you: – to free him; – to ...')
_LIST_HEAD = re.compile(
    r"^\s*(?:you|vous|usted|ustedes|Sie|Ihnen|euch|vi|La|Le)?\s*(?:to\s+)?:", re.IGNORECASE
)
_ITEM = re.compile(r"(?:;|\n|<li>|\s[–—•-]\s|\s\d+[.)]\s)")


def requested(sentence: str, at: int) -> bool:
    """Whether the trigger at offset `at` of `sentence` is what a request asks for."""
    head = sentence[:at]
    for m in _REQUEST.finditer(head):
        gap = head[m.end() :]
        if _LIST_HEAD.match(gap):
            gap = _ITEM.split(gap)[-1]  # the list item the trigger is in
            gap = re.sub(r"(?i)^\s*(?:to|de|d['’]|que|di|zu)\s", " ", gap)
        if len(gap) > _GAP or _CLAUSE.search(gap) or _ABOUT_A_FACT.search(gap):
            continue
        return True
    return False


_FEAR = re.compile(
    r"(?i)(?<![\w-])(?:riesgo|arriesga|corre el riesgo|podría|podrían|puede|pueden|"
    r"teme[ns]?|tememos|temor|amenaza(?:do|da|dos|das)? (?:de|con)|si (?:es|fuera|fuese)|"
    r"droh(?:t|en|ende)|Gefahr|gefährdet|könnte|könnten|befürcht\w*|Angst|falls|wenn er|"
    r"wenn sie|rischi(?:a|ano|o)|rischio|potrebbe|potrebbero|tem(?:e|iamo|ono)|minacci\w*|"
    r"qualora|se (?:fosse|venisse)|risque|risquent|pourrait|pourraient|craint\w*|"
    r"will|would|could|may|might|risks?|fears?|faces?|facing)(?![\w-])"
)
_DENY = re.compile(
    r"(?i)(?<![\w-])(?:deny|denies|denied that|niegan?|negó|negaron|nieg(?:an|a) que|"
    r"bestreit\w*|leugn\w*|dementier\w*|negan?o?|negano|smentisc\w*|nient?|nié|démen\w*)(?![\w-])"
)


def cue_modality(sentence: str, at: int) -> str | None:
    """Without a parse: `denied` or `feared` when the words just before the
    trigger deny or fear it, else None."""
    before = sentence[max(0, at - 60) : at]
    if _DENY.search(before):
        return "denied"
    if _FEAR.search(before):
        return "feared"
    return None


__all__ = ["cue_modality", "requested"]

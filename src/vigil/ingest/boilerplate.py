"""Mark site furniture in plain-text copies of web pages.

A line is boilerplate when it matches one of the generic patterns below
(breadcrumbs, share buttons, "You may also like", comment prompts, cookie
notices, post navigation ...) or when it repeats, later on, a non-trivial
line already seen (a title or an image caption printed twice). The first
occurrence of a repeated line always stays as content.

Patterns are data: add a language by adding lines to the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.model import Span

# Whole-line phrases (compared case-insensitively, after trimming markup,
# trailing punctuation and counters such as "Leave a Comment2" or "3 Comments").
FURNITURE_PHRASES: tuple[str, ...] = (
    # en
    "you may also like",
    "you might also like",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "related",
    "read more",
    "read also",
    "see also",
    "more stories",
    "leave a comment",
    "leave a reply",
    "leave a response",
    "post a comment",
    "comments",
    "no comments",
    "no comments yet",
    "comments are closed",
    "share this",
    "share this article",
    "share this post",
    "share this page",
    "share this story",
    "share",
    "share on",
    "print this page",
    "email this",
    "post navigation",
    "posts navigation",
    "previous post",
    "next post",
    "previous article",
    "next article",
    "older posts",
    "newer posts",
    "skip to content",
    "skip to main content",
    "toggle navigation",
    "main menu",
    "menu",
    "search",
    "search for",
    "subscribe",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "follow us",
    "back to top",
    "popular posts",
    "recent posts",
    "recent comments",
    "trending",
    # fr
    "vous aimerez aussi",
    "vous aimerez peut-être aussi",
    "vous pourriez aussi aimer",
    "articles similaires",
    "articles liés",
    "articles connexes",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "lire la suite",
    "voir aussi",
    "laisser un commentaire",
    "laissez un commentaire",
    "commentaires",
    "aucun commentaire",
    "les commentaires sont fermés",
    "partager",
    "partager cet article",
    "partagez cet article",
    "partager sur",
    "imprimer",
    "imprimer cette page",
    "navigation des articles",
    "article précédent",
    "article suivant",
    "aller au contenu",
    "aller au contenu principal",
    "rechercher",
    "abonnez-vous",
    "abonnez-vous à notre newsletter",
    "inscrivez-vous à notre newsletter",
    "suivez-nous",
    "retour en haut",
    "articles récents",
    "commentaires récents",
)

# Lines made only of these words (and separators) are share-button rows.
SHARE_WORDS: frozenset[str] = frozenset(
    {
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "telegram",
        "email",
        "e-mail",
        "mail",
        "print",
        "pinterest",
        "reddit",
        "tumblr",
        "messenger",
        "viber",
        "vk",
        "pocket",
        "skype",
        "line",
        "copy",
        "link",
        "share",
        "tweet",
        "pin",
        "it",
        "on",
        "via",
        "sur",
        "partager",
        "imprimer",
        "courriel",
        "copier",
        "le",
        "lien",
        "mastodon",
        "bluesky",
        "threads",
        "instagram",
        "youtube",
        "flipboard",
        "sms",
    }
)
SHARE_NETWORKS: frozenset[str] = frozenset(
    {
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "telegram",
        "pinterest",
        "reddit",
        "tumblr",
        "messenger",
        "viber",
        "vk",
        "mastodon",
        "bluesky",
        "instagram",
        "youtube",
        "flipboard",
    }
)

# Regular expressions matched against the trimmed, lower-cased line.
FURNITURE_PATTERNS: tuple[str, ...] = (
    # breadcrumbs: "Home » Section » Page", "Accueil > Actualités"
    r"^(home|accueil|start|startseite|inicio|inizio|главная)\s*[»\u203a>/|]",
    # "Click to share on Twitter (Opens in new window)"
    r"^click to (share|email|print)\b",
    r"^(share|partager|partagez) (on|sur|via) \w+",
    # comment-form furniture
    r"^your email address will not be published",
    r"^votre adresse (e-mail|email|de messagerie) ne sera pas publiée",
    r"^required fields are marked",
    r"^les champs obligatoires sont indiqués",
    r"^\d+ (comments?|responses?|replies|commentaires?|réponses?)$",
    # cookie notices
    r"^(?=.*\bcookies?\b).*\b(we use|this (web)?site|uses|accept|consent|opt.out|privacy)\b",
    r"^(?=.*\bcookies?\b).*\b(nous utilisons|ce site|utilise|accepter|consentement)\b",
    r"^(accept|accept all|reject all|accepter|tout accepter|tout refuser)( cookies)?$",
    # footers
    r"^(copyright\s*)?(©|\(c\))\s*\d{4}",
    r"all rights reserved\.?$",
    r"tous droits réservés\.?$",
    r"^powered by (wordpress|drupal|joomla|ghost|blogger)",
    r"^fièrement propulsé par",
    r"^(posted|filed) (in|under)\b",
    r"^(publié|classé) dans\b",
)

# Repeats shorter than this (letters and digits) are never boilerplate.
MIN_REPEAT_CHARS = 8
# Repeats at least this long are boilerplate anywhere; shorter non-trivial
# repeats only when they directly follow their previous occurrence (a caption).
LONG_REPEAT_CHARS = 40
LONG_REPEAT_WORDS = 5
# Furniture lines are short; a long line is content whatever it says.
MAX_FURNITURE_CHARS = 300

_PHRASES = frozenset(FURNITURE_PHRASES)
_SHARERS = SHARE_NETWORKS | {"share", "partager"}
"""Words that make a row of share words a share row."""
_COOKIE_CUE = r"^(?=.*\bcookies?\b)"
"""How the cookie-notice patterns start: they need the word, so only a line holding
'cook' is asked (no other letter matches 'c', 'o' or 'k' in a lower-cased line, even
ignoring case; the dotless i (U+0131) may match 'i', hence not 'cookie')."""
_AT_START = re.compile(
    "|".join(
        f"(?:{p[1:]})"
        for p in FURNITURE_PATTERNS
        if p.startswith("^") and not p.startswith(_COOKIE_CUE)
    ),
    re.IGNORECASE,
)
"""The patterns anchored at the line's start, in one alternation: one match a line."""
_COOKIE_NOTICE = re.compile(
    "|".join(f"(?:{p[1:]})" for p in FURNITURE_PATTERNS if p.startswith(_COOKIE_CUE)),
    re.IGNORECASE,
)
_ELSEWHERE = re.compile(
    "|".join(f"(?:{p})" for p in FURNITURE_PATTERNS if not p.startswith("^")), re.IGNORECASE
)
"""The others, searched in one alternation (found anywhere when any one is)."""
_LEADING = " *_#>-\u2013\u2014•·|:"
_TRAILING = " *_#|:.!…»\u203a→"
"""Markup stripped from a line's start and end (its spaces already single ' ')."""
_COUNTER = re.compile(r"\s*[(\[]?\d+[)\]]?$")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\ufeff\u00ad]")
_WORD = re.compile(r"[\w'-]+")
_ENOUGH_ALNUM = re.compile(rf"[^\W_](?:[\W_]*[^\W_]){{{MIN_REPEAT_CHARS - 1}}}")
"""`MIN_REPEAT_CHARS` letters or digits (`str.isalnum`: a word character but `_`)."""


@dataclass(frozen=True)
class Marked:
    """Plain text with its boilerplate lines marked."""

    text: str
    """The input without its boilerplate lines."""
    full_text: str
    """The input, unchanged."""
    boilerplate: list[Span]
    """One span of `full_text` per boilerplate line (the line, without its newline)."""


def is_furniture(line: str) -> bool:
    """True when one line, on its own, is generic site furniture."""
    return _is_furniture_trimmed(_collapse(line))


def _collapse(line: str) -> str:
    """Runs of white space (`str.isspace`, as regex `\\s`) as one space, none at the ends."""
    return " ".join(line.split())


def _is_furniture_trimmed(trimmed: str) -> bool:
    """`is_furniture` of a line whose runs of spaces are already one space, trimmed."""
    if not trimmed or len(trimmed) > MAX_FURNITURE_CHARS:
        return False
    lowered = trimmed.lower()
    core = lowered.lstrip(_LEADING).rstrip(_TRAILING)
    if core in _PHRASES:
        return True
    if core and (core[-1] in ")]" or core[-1].isdecimal()) and _COUNTER.sub("", core) in _PHRASES:
        return True
    if _AT_START.match(lowered) or _ELSEWHERE.search(lowered):
        return True
    if "cook" in lowered and _COOKIE_NOTICE.match(lowered):
        return True
    return _is_share_row(core)


def _is_share_row(core: str) -> bool:
    """Only share words, one of them a network or 'share' (read until the first other word)."""
    shares = False
    for found in _WORD.finditer(core):
        word = found.group().strip("'-")
        if not word:
            continue
        if word not in SHARE_WORDS:
            return False
        shares = shares or word in _SHARERS
    return shares


def _is_long(key: str) -> bool:
    return len(key) >= LONG_REPEAT_CHARS and len(key.split()) >= LONG_REPEAT_WORDS


def mark(full_text: str) -> Marked:
    """Mark furniture and later repeats in `full_text` (newlines already `\\n`)."""
    lines = full_text.split("\n")
    seen: set[str] = set()
    previous_key: str | None = None
    spans: list[Span] = []
    kept: list[str] = []
    offset = 0
    for line in lines:
        trimmed = " ".join(line.split())  # `_collapse`, inline (once a line)
        # a repeat counts when it has enough letters or digits (the search stops at the 8th)
        key = trimmed if _ENOUGH_ALNUM.search(trimmed) else None
        boiler = _is_furniture_trimmed(trimmed)
        if not boiler and key is not None and key in seen:
            boiler = _is_long(key) or key == previous_key
        if key is not None:
            seen.add(key)
        if trimmed:  # the line is not blank
            previous_key = key
        if boiler:
            spans.append(Span(offset, offset + len(line)))
        else:
            kept.append(line)
        offset += len(line) + 1
    # nothing marked: the text is the full text itself (one string, pickled once to the pool)
    text = "\n".join(kept) if spans else full_text
    return Marked(text=text, full_text=full_text, boilerplate=spans)


def _comparable(text: str) -> str:
    """Invisible characters out, then `_collapse`d."""
    return " ".join(_INVISIBLE.sub("", text).split())


def unmatched_lines(full_text: str, text: str) -> list[Span]:
    """Spans of the non-blank lines of `full_text` that do not appear in `text`.

    Used where an extractor (HTML) already removed the furniture: the lines it
    dropped are the boilerplate of the full page text.
    """
    flat = _comparable(text)
    content = {_comparable(ln) for ln in text.split("\n")}
    spans: list[Span] = []
    offset = 0
    for line in full_text.split("\n"):
        key = _comparable(line)
        if key and key not in content and key not in flat:
            spans.append(Span(offset, offset + len(line)))
        offset += len(line) + 1
    return spans


__all__ = ["Marked", "is_furniture", "mark", "unmatched_lines"]

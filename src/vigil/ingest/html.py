"""HTML pages: main text and metadata with trafilatura, full text with lxml.

The page is decoded (declared charset, else detected), sanitised (scripts,
styles, comments, forms removed) and read twice: trafilatura finds the main
text and the page metadata; the sanitised tree gives the full page text. The
lines of the full text trafilatura left out are marked as boilerplate. When
trafilatura finds nothing, the full text is the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from lxml_html_clean import Cleaner

from vigil.errors import Rejected
from vigil.ingest import boilerplate
from vigil.ingest.codepoints import text_codec
from vigil.ingest.text import decode, normalise_newlines
from vigil.model import ParsedDocument, Span

# Elements after which the full text breaks the line.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    }
)
METADATA_FIELDS: tuple[str, ...] = ("author", "url", "sitename", "description", "hostname")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=True,
    meta=False,
    page_structure=False,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=True,
    annoying_tags=True,
    remove_unknown_tags=False,
    safe_attrs_only=True,
)


@dataclass
class HtmlText:
    """What one HTML page yields."""

    text: str
    full_text: str
    title: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    boilerplate: list[Span] = field(default_factory=list)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.{0,4000}?)\n---[ \t]*\n", re.S)
_FRONT_FIELD = re.compile(r"^(title|date)[ \t]*:[ \t]*(.{1,500})$", re.M | re.I)


def decode_html(data: bytes) -> str:
    """Decode a page with its declared charset if it is a text encoding, else by detection."""
    declared = _CHARSET.search(data[:4096])
    codec = text_codec(declared.group(1).decode("ascii")) if declared else None
    if codec is not None:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data).text


def extract(markup: str) -> HtmlText:
    """Main text, full text, boilerplate and metadata of an HTML page."""
    markup = _XML_DECLARATION.sub("", normalise_newlines(markup), count=1)
    front = _FRONT_MATTER.match(markup)
    declared: dict[str, str] = {}
    if front:  # a static-site page: its declared title and date come first
        fields = _FRONT_FIELD.findall(front.group(1))
        declared = {k.lower(): v.strip().strip("'\"") for k, v in fields}
        markup = markup[front.end():]
    full_text = _full_text(markup)
    try:
        found = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            favor_recall=True,
            # the page's original publication date from its markup, not the newest date
            # anywhere on it (an update line, today's date in the site's header)
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (RecursionError, ValueError, lxml.etree.LxmlError):
        found = None
    main = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not main:
        return HtmlText(text=full_text, full_text=full_text, title=declared.get("title") or None)
    title = declared.get("title") or getattr(found, "title", None) or None
    date = declared.get("date") or getattr(found, "date", None)
    published = date if isinstance(date, str) and _ISO_DATE.match(date) else None
    dropped = boilerplate.unmatched_lines(full_text, main)
    if published is None:
        published = _published_line(full_text, dropped)
    metadata = {
        name: value
        for name in METADATA_FIELDS
        if isinstance(value := getattr(found, name, None), str) and value
    }
    return HtmlText(
        text=main,
        full_text=full_text,
        title=title,
        published=published,
        metadata=metadata,
        boilerplate=dropped,
    )


PUBLISHED_LINES = 20
"""How many of the lines trafilatura dropped are searched for a 'Published …' line."""


def _published_line(full_text: str, dropped: list[Span]) -> str | None:
    """The date of a 'Published …' line the main text left out (a page's metadata line
    'Publicado el 15 de enero de 2025 · Redacción'), when the markup declares none."""
    from vigil.extract import calendars

    for span in dropped[:PUBLISHED_LINES]:
        found = calendars.published_date(full_text[span.start : span.end].strip())
        if found:
            return found
    return None


def _full_text(markup: str) -> str:
    try:
        tree = lxml.html.document_fromstring(markup)
        _CLEANER(tree)  # in place: the tree is ours (`clean_html` would clean a deep copy)
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
                element.tail = "\n" + (element.tail or "")
        raw = str(tree.text_content())
    except lxml.etree.ParserError:
        return ""  # an empty or whitespace-only document
    except (RecursionError, ValueError, lxml.etree.LxmlError):
        raise Rejected("malformed html") from None
    lines = (line.strip() for line in _SPACES.sub(" ", raw).split("\n"))  # no newline in _SPACES
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def parse_html(data: bytes) -> ParsedDocument:
    """An .html or .htm file."""
    page = extract(decode_html(data))
    return ParsedDocument(
        format="html",
        text=page.text,
        full_text=page.full_text,
        title=page.title,
        published=page.published,
        metadata=page.metadata,
        boilerplate=page.boilerplate,
    )


def html_to_text(markup: str) -> str:
    """The main text of an HTML fragment (an e-mail body)."""
    return extract(markup).text


__all__ = ["HtmlText", "decode_html", "extract", "html_to_text", "parse_html"]

"""Imported HTML shown as sanitised markup: structure kept, scripts, styles, media and links out.

nh3 (Ammonia) keeps a short list of structural tags and no attributes but
`title`; nothing that can run, load or point anywhere survives, so a remote
image or a tracking link in an imported page fetches nothing. The page's
Content-Security-Policy would block a remote load anyway.
"""

from __future__ import annotations

import nh3

TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "div",
    "span",
    "section",
    "article",
    "header",
    "footer",
    "address",
}
MAX_BYTES = 2 * 1024 * 1024
"""Longer pages are not rendered as markup; their clean text is still shown."""


def sanitised_html(original: bytes) -> str | None:
    """The page as safe markup, or None when it is too long or not decodable as text."""
    if len(original) > MAX_BYTES:
        return None
    text = original.decode("utf-8", "replace")
    return nh3.clean(
        text,
        tags=TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object"},
        attributes={"*": {"title"}},
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )

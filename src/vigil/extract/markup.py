"""Stage: blank out front matter and light markup, keeping every offset.

Markdown emphasis, links and leftover tags are replaced by spaces of the
same length, so spans found later still point into the caller's text. A
YAML front matter block (Jekyll, Hugo) gives the title and date.
"""

from __future__ import annotations

import re

from vigil.extract.context import Context

NAME = "markup"

_FRONT = re.compile(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(title|date|published|published_time|source)\s*:\s*(.+?)\s*$", re.M)
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((?:https?://|/|#|mailto:)[^)\s]*\)")
_EMPH = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>|\{\{[^}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_ESC = re.compile(r"\\(?=[#*_\[\]()])")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def run(ctx: Context) -> None:
    text = ctx.text
    front = _FRONT.match(text)
    if front:
        for m in _FIELD.finditer(front.group(1)):
            key, value = m.group(1), m.group(2).strip().strip("'\"")
            value = value.replace("\\\n", " ").replace("\\", "")
            if key == "title":
                ctx.meta.setdefault("title", value)
            elif key in ("date", "published", "published_time"):
                ctx.meta.setdefault("date", value)
        # a folded multi-line YAML title ends with a backslash line continuation
        title = re.search(r'^title:\s*"(.*?)"\s*$', front.group(1), re.M | re.S)
        if title:
            ctx.meta["title"] = re.sub(r"\\\s*\n\s*\\?", "", title.group(1)).replace("\\_", " ")
            ctx.meta["title"] = re.sub(r"\s+", " ", ctx.meta["title"].replace("\u00a0", " "))
        text = _blank(front) + text[front.end():]
        ctx.body_start = front.end()

    def link(m: re.Match[str]) -> str:
        inner = m.group(1)
        return " " + inner + " " * (len(m.group(0)) - len(inner) - 1)

    text = _LINK.sub(link, text)
    text = _TAG.sub(_blank, text)
    text = _EMPH.sub(_blank, text)
    text = _HEADING.sub(_blank, text)
    text = _ESC.sub(" ", text)
    text = text.replace("\u00a0", " ")
    assert len(text) == len(ctx.text)
    ctx.text = text
    ctx.split_lines()

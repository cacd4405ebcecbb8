"""Names of the files carried inside another (zip members, mailbox messages, Outlook
attachments): the base name only, without control characters or path separators."""

from __future__ import annotations

import re

MAX_NAME_CHARS = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]+")


def member_name(raw: str | None, fallback: str) -> str:
    """`raw` without any folder part or unsafe character, or `fallback` when nothing is left."""
    base = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", base).strip(" ._")[:MAX_NAME_CHARS]
    return name or fallback


def listing(names: list[str]) -> str:
    """A container's own text: the names of what it holds, one a line."""
    return "\n".join(names)


__all__ = ["MAX_NAME_CHARS", "listing", "member_name"]

"""What every command prints through: the output and error consoles, JSON for scripts,
and `shown`, the one way text from documents and paths reaches a terminal.

Document text, titles, e-mail headers and file names are written by others: an
escape sequence in them could clear the screen, hide lines or retitle the
window. `shown` replaces every C0 and C1 control character (newline and tab
kept), DEL and the bidirectional overrides with U+FFFD, and escapes Rich markup.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def plain(text: str) -> str:
    """`text` without control characters (newline and tab kept), for any terminal."""
    return _CONTROL.sub("\ufffd", text)


def shown(text: str) -> str:
    """`text` safe to put in a Rich markup string: controls replaced, markup escaped."""
    return escape(plain(text))


def print_json(data: Any) -> None:
    """`data` as indented JSON on standard output (dates and other values as text).

    JSON escapes C0 controls itself; C1 controls and bidirectional overrides
    are written as `\\u` escapes too, so no string reaches the terminal raw.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def print_csv(text: str) -> None:
    """CSV text (with its byte-order mark) on standard output as UTF-8 bytes."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()

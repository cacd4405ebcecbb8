# ruff: noqa: E501, RUF001
"""Layout and lexical features of each non-blank line, for the zone model.

Features describe a line's shape (length, case, punctuation, indentation,
blank lines around it), its place (how far into the document, before or after
the first salutation and the last closing the cues find), and its cues in any
language (salutation, closing, copy marker, memo label, honorific, office
title, date, phone, e-mail). Neighbouring lines' key features are copied in,
so the sequence model sees a window as well as the transitions.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from vigil.extract.zones import cues

Features = dict[str, float | str]


@dataclass(frozen=True)
class ZoneLine:
    """A non-blank line with the blank lines around it."""

    index: int
    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool


def zone_lines(text: str) -> list[ZoneLine]:
    """The non-blank lines of `text` (offsets into it).

    In a double-spaced text (nearly every line followed by one blank line) a single
    blank line says nothing: there a line stands apart only after two blank lines
    or next to a paragraph of prose, so an addressee block typed with blank lines
    between its lines is still one block."""
    raw = text.split("\n")
    kept = [(i, line) for i, line in enumerate(raw) if line.strip()]
    gaps = [b[0] - a[0] - 1 for a, b in itertools.pairwise(kept)]
    double = len(gaps) >= 6 and sum(g == 1 for g in gaps) >= 0.9 * len(gaps)
    out: list[ZoneLine] = []
    starts = _line_starts(raw)
    for n, (i, line) in enumerate(kept):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        before = n == 0 or gaps[n - 1] > 0
        after = n + 1 >= len(kept) or gaps[n] > 0
        if double:
            before = n == 0 or gaps[n - 1] > 1 or _prose(kept[n - 1][1]) or _prose(line)
            after = n + 1 >= len(kept) or gaps[n] > 1 or _prose(kept[n + 1][1]) or _prose(line)
        out.append(
            ZoneLine(
                index=i,
                start=starts[i] + lead,
                end=starts[i] + lead + len(stripped),
                text=stripped,
                blank_before=before,
                blank_after=after,
            )
        )
    return out


def _line_starts(raw: list[str]) -> list[int]:
    starts, pos = [], 0
    for line in raw:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def _prose(line: str) -> bool:
    """A line long enough to be a paragraph of its own."""
    return len(line.strip()) > 100


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


_WORD = re.compile(r"\w+")


class _Latin(dict[int, int | None]):
    """A `str.translate` table that keeps the characters that lower-case into a-z
    (and deletes the others), each decided on first sight."""

    def __missing__(self, code: int) -> int | None:
        self[code] = kept = code if "a" <= chr(code).lower() <= "z" else None
        return kept


_LATIN = _Latin()


def _shape(text: str) -> Features:
    words = _WORD.findall(text)
    n = len(words)
    caps = sum(1 for w in words if w[:1].isupper())
    upper = sum(1 for w in words if len(w) > 1 and w.isupper())
    latin = len(text.translate(_LATIN))
    letters = sum(map(str.isalpha, text))
    f: Features = {
        "len": _bucket(len(text), (3, 15, 30, 50, 80, 120, 200)),
        "words": _bucket(n, (1, 2, 3, 5, 8, 12, 20)),
        "cap_ratio": round(caps / n, 1) if n else 0.0,
        "upper_ratio": round(upper / n, 1) if n else 0.0,
        "digits": _bucket(sum(map(str.isdigit, text)), (0, 2, 6)),
        "latin": 1.0 if letters and latin / letters > 0.5 else 0.0,
        "end": text[-1] if not text[-1].isalnum() else "alnum",
        "start": text[0] if not text[0].isalnum() else ("upper" if text[0].isupper() else "alnum"),
        "comma": float("," in text),
        "colon_end": float(text.rstrip().endswith(":")),
        "sentence": float(n >= 7 and text.endswith((".", "!", "?", "。", "؟"))),
        "bullet": float(bool(re.match(r"[–\-•*·▪►>|]\s", text))),
        "numbered": float(bool(re.match(r"\(?\d{1,2}[.)]\s", text))),
        "w0": words[0].lower() if words else "",
        "wlast": words[-1].lower() if words else "",
    }
    if n >= 2:
        f["w01"] = f"{words[0].lower()} {words[1].lower()}"
    return f


def _cues(text: str) -> Features:
    f: Features = {}
    found = cues.line_cues(text)
    for section in cues.LINE_SECTIONS:
        if section in found:
            f[f"cue_{section}"] = 1.0
    field = cues.memo_field(text)
    if field:
        f["memo"] = field
    if cues.starts_with_honorific(text):
        f["honorific"] = 1.0
    if "office_title" in found:
        f["office_title"] = 1.0
    if cues.has_date(text):
        f["date"] = 1.0
    if cues.has_phone(text):
        f["phone"] = 1.0
    if cues.has_email(text):
        f["email"] = 1.0
    if cues.has_url(text):
        f["url"] = 1.0
    return f


_WINDOW_KEYS = ("len", "sentence", "cue_salutations", "cue_closings", "cue_copy_markers", "memo",
                "honorific", "office_title", "date", "email", "phone", "bullet", "cap_ratio", "end")


def line_features(lines: list[ZoneLine]) -> list[Features]:
    """One feature dict per line, in order."""
    own = [{**_shape(ln.text), **_cues(ln.text)} for ln in lines]
    n = len(lines)
    first_sal = next((i for i, f in enumerate(own) if "cue_salutations" in f), None)
    last_close = max((i for i, f in enumerate(own) if "cue_closings" in f), default=None)
    out: list[Features] = []
    for i, (ln, f) in enumerate(zip(lines, own, strict=True)):
        g: Features = {"bias": 1.0, **f}
        g["pos"] = _bucket(int(10 * i / max(1, n)), (0, 1, 2, 4, 6, 8, 9))
        g["from_start"] = _bucket(i, (0, 1, 2, 4, 8, 16))
        g["from_end"] = _bucket(n - 1 - i, (0, 1, 2, 4, 8, 16))
        g["blank_before"] = float(ln.blank_before)
        g["blank_after"] = float(ln.blank_after)
        if first_sal is not None:
            g["vs_salutation"] = "before" if i < first_sal else ("at" if i == first_sal else "after")
            if i < first_sal:
                g["to_salutation"] = _bucket(first_sal - i, (1, 2, 4, 8))
        if last_close is not None:
            g["vs_closing"] = "before" if i < last_close else ("at" if i == last_close else "after")
            if i > last_close:
                g["from_closing"] = _bucket(i - last_close, (1, 2, 4, 8, 16))
        for offset, tag in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + offset
            if 0 <= j < n:
                for key in _WINDOW_KEYS:
                    if key in own[j]:
                        g[f"{tag}:{key}"] = own[j][key]
            else:
                g[f"{tag}:edge"] = 1.0
        out.append(g)
    return out

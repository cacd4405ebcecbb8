"""Tesseract, the OCR engine, run as Debian's `tesseract` program over a pipe.

The page image goes in on standard input and the words come back on standard
output (TSV: one row per word with its confidence), so no page of a document
is ever written to a temporary file in clear (the wrappers on PyPI write one).
Each call has a time limit and runs with one thread (`OMP_THREAD_LIMIT=1`);
the calling parser worker's address-space limit applies to it too.

    engine = Tesseract("tesseract")
    if engine.available():
        page = engine.recognise(png_bytes, ("eng", "fra"), timeout_s=60, dpi=300)
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

from vigil.errors import Rejected

SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Latin": ("eng", "fra", "spa", "deu", "ita", "tur"),
    "Arabic": ("fas", "ara"),
    "Cyrillic": ("rus",),
}
"""Which Tesseract languages read which script (OSD's script names)."""

NOISE_CONFIDENCE = 60.0
"""Below this, a word without a letter or digit is taken for noise."""
NOISE_HEIGHT = 0.4
"""So is one lower than this share of the page's typical word height."""
_OSD_LINE = re.compile(r"^(Rotate|Script|Script confidence|Orientation confidence): (.+)$", re.M)


@dataclass(frozen=True)
class PageText:
    """What Tesseract read on one page."""

    text: str
    confidence: float
    """Mean word confidence, 0-100 (0 when no word was read)."""
    words: int


@dataclass(frozen=True)
class Orientation:
    """Tesseract's OSD: how far to turn the page and which script it is in."""

    rotate: int
    """Degrees to turn the image clockwise so its text stands upright."""
    script: str | None


class Tesseract:
    """One installed `tesseract` program (`command` is a name on PATH or a path)."""

    def __init__(self, command: str = "tesseract") -> None:
        self.command = command

    def path(self) -> str | None:
        return shutil.which(self.command)

    def available(self) -> bool:
        return self.path() is not None

    def version(self) -> str:
        """'tesseract 5.3.0', or '' when it cannot be run."""
        return _version(self.path() or "")

    def languages(self) -> frozenset[str]:
        """The language packs installed (osd included)."""
        return _languages(self.path() or "")

    def orientation(self, image: bytes, timeout_s: float) -> Orientation:
        """OSD (page segmentation mode 0); upright and unknown script when unsure."""
        try:
            out = self._run(image, ["--psm", "0", "--dpi", "300"], timeout_s)
        except Rejected:
            return Orientation(0, None)  # too little text to tell: read it as it stands
        found = dict(_OSD_LINE.findall(out))
        try:
            rotate = int(found.get("Rotate", "0")) % 360
        except ValueError:
            rotate = 0
        return Orientation(rotate, found.get("Script") or None)

    def recognise(
        self, image: bytes, languages: tuple[str, ...], timeout_s: float, dpi: int
    ) -> PageText:
        """The words of one page image (PNG), in reading order, with their confidence."""
        args = ["-l", "+".join(languages), "--psm", "3", "--dpi", str(dpi), "tsv"]
        return page_from_tsv(self._run(image, args, timeout_s))

    def _run(self, image: bytes, args: list[str], timeout_s: float) -> str:
        path = self.path()
        if path is None:
            raise Rejected("ocr: tesseract is not installed")
        env = {"OMP_THREAD_LIMIT": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        try:
            done = subprocess.run(
                [path, "stdin", "stdout", *args],
                input=image,
                capture_output=True,
                timeout=timeout_s,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise Rejected(f"ocr: a page took longer than {timeout_s:g}s") from None
        except OSError as exc:
            raise Rejected(f"ocr: tesseract could not start ({type(exc).__name__})") from None
        if done.returncode != 0:
            raise Rejected(f"ocr: tesseract failed (exit {done.returncode})")
        return done.stdout.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class _Word:
    block: tuple[str, str]
    line: tuple[str, str]
    text: str
    confidence: float
    height: int


def page_from_tsv(tsv: str) -> PageText:
    """Words joined into lines and lines into blocks (a blank line between blocks).

    A "word" of punctuation alone that is much smaller than the page's words or
    read with low confidence is a speck of dust or scanner noise: it is left out.
    """
    words = list(_words(tsv))
    heights = sorted(w.height for w in words if any(c.isalnum() for c in w.text))
    typical = heights[len(heights) // 2] if heights else 0
    blocks: dict[tuple[str, str], dict[tuple[str, str], list[str]]] = {}
    confidences: list[float] = []
    for word in words:
        if not any(c.isalnum() for c in word.text) and (
            word.confidence < NOISE_CONFIDENCE or word.height < typical * NOISE_HEIGHT
        ):
            continue
        if word.confidence >= 0:
            confidences.append(word.confidence)
        blocks.setdefault(word.block, {}).setdefault(word.line, []).append(word.text)
    text = "\n\n".join(
        "\n".join(" ".join(line) for line in lines.values()) for lines in blocks.values()
    )
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return PageText(text=text, confidence=round(mean, 1), words=len(confidences))


def _words(tsv: str) -> Iterator[_Word]:
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            confidence = float(row.get("conf") or "-1")
            height = int(row.get("height") or "0")
        except ValueError:
            confidence, height = -1.0, 0
        yield _Word(
            block=(row.get("page_num", ""), row.get("block_num", "")),
            line=(row.get("par_num", ""), row.get("line_num", "")),
            text=text,
            confidence=confidence,
            height=height,
        )


def languages_for(script: str | None, configured: tuple[str, ...]) -> tuple[str, ...]:
    """The configured languages that read `script`; all of them when it is unknown."""
    if script in SCRIPT_LANGUAGES:
        chosen = tuple(lang for lang in configured if lang in SCRIPT_LANGUAGES[script])
        if chosen:
            return chosen
    return configured


@functools.cache
def _version(path: str) -> str:
    if not path:
        return ""
    try:
        done = subprocess.run([path, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    first = (done.stdout or done.stderr).decode("utf-8", errors="replace").splitlines()
    return first[0].strip() if first else ""


@functools.cache
def _languages(path: str) -> frozenset[str]:
    if not path:
        return frozenset()
    try:
        done = subprocess.run([path, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = done.stdout.decode("utf-8", errors="replace").splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip())


__all__ = [
    "SCRIPT_LANGUAGES",
    "Orientation",
    "PageText",
    "Tesseract",
    "languages_for",
    "page_from_tsv",
]

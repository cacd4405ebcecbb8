"""Synthetic scans made at test time: text rendered with Pillow, a little noise and
a slight rotation, saved as an image or wrapped as an image-only PDF."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype")
LATIN_FONT = FONTS / "dejavu" / "DejaVuSerif.ttf"
ARABIC_FONT = FONTS / "noto" / "NotoNaskhArabic-Regular.ttf"

LETTER_EN = [
    "12 March 2024",
    "To the Minister of the Interior",
    "Ministry of the Interior, Tirana",
    "Dear Minister,",
    "We write to urge you to release the teacher Arben Kola,",
    "detained since 3 March 2024 without charge.",
    "We ask that he be given access to a lawyer.",
    "Yours sincerely,",
    "Marta Lindqvist, Director, Example Rights Watch",
]
LETTER_FR = [
    "Paris, le 12 mars 2024",
    "Monsieur le Ministre de l'Intérieur,",
    "Nous vous écrivons au sujet de la détention arbitraire",
    "de l'enseignant Arben Kola, arrêté le 3 mars 2024.",
    "Nous demandons sa libération immédiate.",
    "Veuillez agréer nos salutations distinguées.",
]
LETTER_FA = [
    "جناب آقای وزیر کشور",
    "ما درباره بازداشت یک معلم به شما نامه می نویسیم",
    "خواهشمندیم او را آزاد کنید",
]


def page(
    lines: list[str],
    *,
    font: Path = LATIN_FONT,
    size: int = 40,
    rotate: float = 0.8,
    noise: float = 0.004,
    seed: int = 7,
    rtl: bool = False,
) -> Image.Image:
    """An A4 page at 300 dpi holding `lines`, slightly turned and speckled."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(str(font), size)
    for number, line in enumerate(lines):
        y = 250 + number * int(size * 1.8)
        if rtl:
            width = draw.textlength(line, font=face, direction="rtl")
            draw.text((2480 - 250 - width, y), line, font=face, fill=0, direction="rtl")
        else:
            draw.text((250, y), line, font=face, fill=0)
    rng = random.Random(seed)
    pixels = image.load()
    assert pixels is not None
    for _ in range(int(image.width * image.height * noise)):
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 128))
    return image.rotate(rotate, resample=Image.Resampling.BICUBIC, fillcolor=255)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


def image_pdf(*images: Image.Image) -> bytes:
    """An image-only PDF (no text layer), one page per image, as a scanner makes."""
    buffer = io.BytesIO()
    first, *rest = [i.convert("L") for i in images]
    first.save(buffer, "PDF", resolution=300.0, save_all=True, append_images=rest)
    return buffer.getvalue()


def character_error_rate(expected: str, got: str) -> float:
    """Levenshtein distance over the expected length, white space folded."""
    a, b = " ".join(expected.split()), " ".join(got.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(len(a), 1)


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header that claims a huge image over a few bytes of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat_data = zlib.compress(b"\x00" * 64)
    idat = b"IDAT" + idat_data
    idat_chunk = struct.pack(">I", len(idat_data)) + idat + struct.pack(">I", zlib.crc32(idat))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat_chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"

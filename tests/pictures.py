"""Helpers for picture tests: Tesseract present (or skip), and job ads rendered as pictures.

The renderings are deterministic: a fixed sample of texts, fonts, sizes and backgrounds,
and "phone screenshot" noise (a status bar, a slight rotation, blur, JPEG at quality 40)
drawn from a seeded generator. `bench/ocr_bench.py` renders the same set.
"""

from __future__ import annotations

import io
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bot.services.pictures import ocr

ROOT = Path(__file__).resolve().parent.parent
# The sample, with each ad's source: the shared corpora's scam quotations and Russian vacancies
# and Kyrgyz offers of Sapar's labelled set, copied in so that a clone alone runs the test.
SAMPLE = ROOT / "tests" / "data" / "ocr_ads.jsonl"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/noto"))
# Fonts with Kyrgyz ө, ү, ң (Debian's fonts-dejavu-core and fonts-noto-core).
FONTS = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "NotoSans-Regular.ttf", "NotoSerif-Regular.ttf")
BACKGROUNDS = ((255, 255, 255), (236, 229, 221), (220, 248, 198), (245, 245, 250))
INKS = ((0, 0, 0), (17, 27, 33), (40, 40, 90))
SIZES = (15, 18, 22, 26)
WIDTH = 720  # a phone screenshot's width in CSS-ish pixels


def require_ocr() -> None:
    """Skip without Tesseract and its kir+rus data (fail in CI: SAPAR_TEST_REQUIRE_OCR=1)."""
    why = ocr.missing("kir+rus")
    if why is None:
        return
    message = f"{why} (apt-get install tesseract-ocr tesseract-ocr-kir tesseract-ocr-rus)"
    if os.environ.get("SAPAR_TEST_REQUIRE_OCR") == "1":
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Ad:
    id: str
    lang: str
    text: str


def font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return FONT_DIRS[0] / "DejaVuSans.ttf"  # DejaVu is always there (Python's own packages)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The text's lines broken between words to fit `width` pixels."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if font.getlength(candidate) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
    return lines


def render(text: str, index: int) -> Image.Image:
    """`text` as a chat screenshot: font, size, ink and background chosen by `index`."""
    font = ImageFont.truetype(str(font_path(FONTS[index % len(FONTS)])), SIZES[index % 4])
    margin = 24
    lines = wrap(text, font, WIDTH - 2 * margin)
    step = round(font.size * 1.45)
    image = Image.new("RGB", (WIDTH, 2 * margin + step * len(lines)), BACKGROUNDS[index % 4])
    draw = ImageDraw.Draw(image)
    ink = INKS[index % len(INKS)]
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * step), line, fill=ink, font=font)
    return image


def noisy(image: Image.Image, seed: int) -> bytes:
    """A phone screenshot of `image`: a status bar, a slight turn, blur, JPEG quality 40."""
    rng = random.Random(seed)
    bar_font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 16)
    framed = Image.new("RGB", (image.width, image.height + 40), (30, 30, 30))
    framed.paste(image, (0, 40))
    draw = ImageDraw.Draw(framed)
    draw.text((16, 10), f"{rng.randint(8, 23)}:{rng.randint(10, 59)}", fill="white", font=bar_font)
    draw.text((image.width - 90, 10), f"4G {rng.randint(20, 99)}%", fill="white", font=bar_font)
    turned = framed.rotate(
        rng.uniform(-2.5, 2.5), Image.Resampling.BICUBIC, True, fillcolor="white"
    )
    blurred = turned.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    return jpeg(blurred, quality=40)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def ads(count: int = 100) -> list[Ad]:
    """A fixed sample of job ads, Kyrgyz and Russian (tests/data/ocr_ads.jsonl).

    The shared corpora's scam quotations (all but the Ukrainian one) and Russian vacancies,
    and, since they hold only four Kyrgyz ads, 40 Kyrgyz offers of Sapar's labelled test set;
    each row names its source.
    """
    return [Ad(row["id"], row["lang"], row["text"]) for row in _jsonl(SAMPLE)][:count]


def _jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def pooled_cer(pairs: list[tuple[str, str]]) -> float:
    """All edits over all characters of (text, read) pairs: long ads weigh as much as they hold."""
    edits = sum(cer(truth, read) * len(" ".join(truth.split())) for truth, read in pairs)
    return edits / max(1, sum(len(" ".join(truth.split())) for truth, _ in pairs))


def cer(expected: str, read: str) -> float:
    """Character error rate: edits from what was read to the text, per character of the text."""
    truth, got = " ".join(expected.split()), " ".join(read.split())
    return _levenshtein(truth, got) / max(1, len(truth))


def _levenshtein(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein  # the project's own fuzzy-matching library

    return int(Levenshtein.distance(a, b))

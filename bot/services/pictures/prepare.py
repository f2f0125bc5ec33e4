"""A greyscale picture made easier for Tesseract: dark text on light, upright, large enough.

Each step is cheap (numpy on a reduced copy decides, Pillow applies): small text is enlarged
to the line height Tesseract reads best, and a slightly rotated photo is turned upright.
Binarising is left to Tesseract's own (Otsu) step; a threshold of our own has not been
measured against it yet (`bench/ocr_bench.py` is where to try).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

TARGET_LINE_PX = 40  # Tesseract's models read text of about this line height best
MAX_SCALE = 4.0
MAX_PREPARED_PIXELS = 24_000_000  # an enlarged picture stays within memory and time
SKEW_DEGREES = np.arange(-6.0, 6.01, 0.5)  # photos of a printed ad are rarely worse
SAMPLE_WIDTH = 800  # the width of the reduced copy that decides on skew and scale


def prepare(image: Image.Image) -> Image.Image:
    """The image ready for OCR: light background, straightened, small text enlarged."""
    if _mean(image) < 110:  # dark mode screenshots: light text on dark
        image = ImageOps.invert(image)
    image = ImageOps.autocontrast(image, cutoff=1)
    angle = skew_angle(image)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    scale = _scale(image)
    if scale > 1.05:
        size = (round(image.width * scale), round(image.height * scale))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines most level."""
    sample = _sample(image)
    ink = Image.fromarray(((np.asarray(sample) < _otsu(sample)) * 255).astype(np.uint8))
    best, best_score = 0.0, -1.0
    for degrees in SKEW_DEGREES:
        rows = np.asarray(ink.rotate(float(degrees), expand=False)).sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(rows)).sum())  # sharp line edges: lines are level
        if score > best_score:
            best, best_score = float(degrees), score
    return best


def line_height(image: Image.Image) -> float | None:
    """The median height in pixels of the image's text lines (None when there is no text)."""
    grey = np.asarray(image)
    dark = grey < _otsu(image)
    rows = dark.mean(axis=1) > 0.004
    heights, run = [], 0
    for inked in rows:
        if inked:
            run += 1
        elif run:
            heights.append(run)
            run = 0
    heights = [h for h in heights if h >= 3]  # specks and underlines are no lines
    return float(np.median(heights)) if heights else None


def _scale(image: Image.Image) -> float:
    height = line_height(image)
    if height is None or height >= TARGET_LINE_PX:
        return 1.0
    room = (MAX_PREPARED_PIXELS / (image.width * image.height)) ** 0.5
    return float(max(1.0, min(TARGET_LINE_PX / height, MAX_SCALE, room)))


def _sample(image: Image.Image) -> Image.Image:
    if image.width <= SAMPLE_WIDTH:
        return image
    ratio = SAMPLE_WIDTH / image.width
    return image.resize((SAMPLE_WIDTH, max(1, round(image.height * ratio))))


def _mean(image: Image.Image) -> float:
    return float(np.asarray(_sample(image)).mean())


def _otsu(image: Image.Image) -> int:
    """The grey level that best splits the image into ink and paper (Otsu's method)."""
    hist = np.bincount(np.asarray(image).ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    paper = total - weights
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weights - means * total) ** 2 / (weights * paper)
    between = np.nan_to_num(between[:-1], nan=-1.0)
    return int(np.argmax(between)) if between.max() > 0 else 128  # one grey: no split

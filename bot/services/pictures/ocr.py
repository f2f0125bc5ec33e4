"""Tesseract as Sapar runs it: whether it is here with our languages, and one reading.

It runs as the `tesseract` program (pytesseract), not inside this process: a picture that
takes too long is stopped by killing that process, and a crash in it costs one reading.
"""

from __future__ import annotations

import os
import subprocess

import pytesseract
from PIL import Image

# One core per reading: `pictures.concurrency` readings share the machine, and Tesseract's
# OpenMP threads would otherwise fight each other for the same cores.
THREADS_ENV = {"OMP_THREAD_LIMIT": "1"}
# Page segmentation 3 (automatic): ads mix headings, lists and columns.
CONFIG = "--psm 3"


class OcrTimeout(Exception):
    """Tesseract did not finish in time and was stopped."""


def missing(languages: str) -> str | None:
    """Why pictures cannot be read here (no program, a language's data), or None when ready."""
    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return "the tesseract program is not installed"
    except subprocess.SubprocessError:
        return "the tesseract program does not run"
    absent = [code for code in languages.split("+") if code not in have]
    if absent:
        return "Tesseract has no data for " + ", ".join(absent)
    return None


def read(image: Image.Image, *, languages: str, timeout: float) -> str:
    """The text Tesseract reads in `image`.

    Raises:
        OcrTimeout: when it took longer than `timeout` seconds (it is stopped).
        pytesseract.TesseractError: when the program failed on this image.
    """
    for name, value in THREADS_ENV.items():
        os.environ.setdefault(name, value)
    try:
        return str(
            pytesseract.image_to_string(image, lang=languages, config=CONFIG, timeout=timeout)
        )
    except RuntimeError as exc:  # pytesseract's way of saying it killed a slow run
        if "timeout" in str(exc).lower():
            raise OcrTimeout from exc
        raise

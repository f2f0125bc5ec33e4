"""Checking content that must exist in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.types import Language

LANGUAGES = tuple(lang.value for lang in Language)


class ContentError(ValueError):
    """Content is broken; the message names the file part, item and field."""


def bilingual(value: Any, where: str) -> dict[str, str]:
    """{ky, ru} texts, both present and non-empty, or a ContentError naming `where`."""
    if not isinstance(value, Mapping):
        raise ContentError(f"{where}: must have ky and ru texts")
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise ContentError(f"{where}.{lang}: missing or empty text")
    return {lang: str(value[lang]) for lang in LANGUAGES}

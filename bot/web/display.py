"""Text as staff pages show it: without characters that reorder or hide what a line says.

Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) can reverse a phone
number or an amount on screen; zero-width characters (U+200B–U+200D, U+2060, U+FEFF) hide
inside words. Only the shown text loses them; what is stored stays as it was written. The web
chat's script drops the same set (bot/web/static/webchat.js).
"""

from __future__ import annotations

import re

INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")


def shown(text: object) -> str:
    """`text` with bidirectional controls and zero-width characters removed."""
    return INVISIBLE.sub("", "" if text is None else str(text))


def preview(text: object, limit: int = 90) -> str:
    """One line of at most `limit` characters: what a list shows of a longer text."""
    line = " ".join(shown(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"

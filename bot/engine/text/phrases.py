"""A list of words or phrases, as content staff write them, compiled into one folded regex."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.engine.text.language import fold


def phrase_regex(phrases: Iterable[str], *, whole: bool) -> re.Pattern[str] | None:
    """Any of `phrases` (folded like offers: Latin → Cyrillic, ө → о …) starting at a word
    start, any run of spaces between words; with `whole`, also ending at a word end.
    None for an empty list."""
    parts = [re.escape(fold(p).strip()).replace(r"\ ", r"\s+") for p in phrases if p.strip()]
    if not parts:
        return None
    end = r"(?!\w)" if whole else ""
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)}){end}")

"""Lists of words or phrases as content staff write them: one folded regex for a list, and
a phrase of a few words found at a given word.

The negation cues are tuples of words («не требуется», «у нас такого нет»). Comparing every
cue at every word of a clause was the largest cost of reading a long paste (~67,000 tuple
comparisons for 8,000 characters); indexed by their first word, only the cues that can start
at a word are compared."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.engine.text.language import fold

Phrase = tuple[str, ...]


def phrase_regex(phrases: Iterable[str], *, whole: bool) -> re.Pattern[str] | None:
    """Any of `phrases` (folded like offers: Latin → Cyrillic, ө → о …) starting at a word
    start, any run of spaces between words; with `whole`, also ending at a word end.
    None for an empty list."""
    parts = [re.escape(fold(p).strip()).replace(r"\ ", r"\s+") for p in phrases if p.strip()]
    if not parts:
        return None
    end = r"(?!\w)" if whole else ""
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)}){end}")


@lru_cache(maxsize=64)
def _by_first(phrases: tuple[Phrase, ...]) -> dict[str, tuple[Phrase, ...]]:
    index: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in index.items()}


def phrase_at(words: Sequence[str], i: int, phrases: tuple[Phrase, ...]) -> Phrase | None:
    """The first of `phrases` (in their order) that `words` spell from index `i`, if any."""
    if i >= len(words):
        return None
    for phrase in _by_first(phrases).get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return phrase
    return None

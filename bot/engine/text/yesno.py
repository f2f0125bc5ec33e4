"""Short typed answers to a yes/no question: «да», «ооба», «ова», «агась», «жок», «не-не»…

The classifier reads most of them; the words in `dialogues/yes_no.yml` (every language's,
in `Content.yes_no_words`) make the answer certain where a question waits, also when the
answer opens a longer sentence («нет, паспорт будет у меня», «ооба, сурашты»). Words are
compared folded (lower case, Latin turned Cyrillic, ө→о, ү→у, ң→н), the listed ones too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.text.language import fold

_SPLIT = re.compile(r"[\s,.!;:—–)(]+")


@dataclass(frozen=True, slots=True)
class YesNoWords:
    """The folded words of every language together (`bot.engine.content.yes_no` reads them)."""

    affirm: frozenset[str] = frozenset()  # a yes when it is the first word
    deny: frozenset[str] = frozenset()  # a no when it is the first word
    deny_alone: frozenset[str] = frozenset()  # a no by itself or repeated («не», «не не»)
    turns: frozenset[str] = frozenset()  # a second word that makes the first unclear
    dont_know: frozenset[str] = frozenset()  # whole answers, their words joined by a space


def words_of(text: str) -> list[str]:
    """The folded words of `text`, punctuation left out."""
    return [w for w in _SPLIT.split(fold(text)) if w]


def yes_no(text: str, words: YesNoWords) -> bool | None:
    """True for a yes, False for a no, None when the text does not start with either."""
    # Emoji are not answers: 👍 says "seen" as often as "yes" (the lists hold only letters).
    said = words_of(text)
    if not said or (len(said) > 1 and said[1] in words.turns and said[1] != said[0]):
        return None
    if said[0] in words.affirm:
        return True
    if said[0] in words.deny:
        return False
    if said[0] in words.deny_alone and (len(said) == 1 or said[1] == said[0]):
        return False
    return None


def dont_know(text: str, words: YesNoWords) -> bool:
    """Is the whole text an "I don't know"?"""
    return " ".join(words_of(text)) in words.dont_know

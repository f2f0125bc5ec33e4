"""Short typed answers to a yes/no question: «да», «ооба», «ова», «агась», «жок», «не-не»…

The classifier reads most of them; these lists make the answer certain where a question waits,
also when the answer opens a longer sentence («нет, паспорт будет у меня», «ооба, сурашты»).
Words are compared folded (lower case, Latin turned Cyrillic, ө→о, ү→у, ң→н).
"""

from __future__ import annotations

import re

from bot.engine.text.language import fold

YES = frozenset(
    {
        "да",
        "даа",
        "дааа",
        "ага",
        "агась",
        "агаа",
        "угу",
        "ок",
        "окей",
        "ok",
        "okey",
        "конечно",
        "верно",
        "ооба",
        "оба",
        "ова",
        "ообо",
        "ыя",
        "ия",
        "ыйя",
        "туура",
        "ырас",
        "макул",
        "албетте",
        "yes",
        "ooba",
        "ova",
    }
)
NO = frozenset(
    {
        "нет",
        "неа",
        "нее",
        "не-не",
        "нит",
        "жок",
        "жоок",
        "жок-жок",
        "йок",
        "net",
        "no",
        "jok",
        "zhok",
    }
)
# A second word that turns the first around or makes it unclear («конечно нет», «жок эмес»).
_TURNS = frozenset({"нет", "не", "жок", "эмес"})
# Whole answers that mean "I don't know" (the question is skipped, not answered).
DONT_KNOW = frozenset(
    {
        "не знаю",
        "незнаю",
        "не знаю пока",
        "пока не знаю",
        "хз",
        "не уверен",
        "не уверена",
        "билбейм",
        "билбеймин",
        "билбейм азырынча",
        "азырынча билбейм",
        "белгисиз",
        "так билбейм",
    }
)
_SPLIT = re.compile(r"[\s,.!;:—–)(]+")


def yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when the text does not start with either."""
    # Emoji are not answers: 👍 says "seen" as often as "yes".
    words = [w for w in _SPLIT.split(fold(text)) if w]
    if not words or (len(words) > 1 and words[1] in _TURNS and words[1] != words[0]):
        return None
    if words[0] in YES:
        return True
    if words[0] in NO or (words[0] == "не" and (len(words) == 1 or words[1] == "не")):
        return False
    return None


def dont_know(text: str) -> bool:
    """Is the whole text an "I don't know"?"""
    folded = " ".join(w for w in _SPLIT.split(fold(text)) if w)
    return folded in DONT_KNOW

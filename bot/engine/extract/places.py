"""Destination countries and cities in Russian, Kyrgyz and Latin forms.

«в Москве», «Москвага», «Кореяга», «Түркияда», «v Koreyu»: the text is folded first (Latin
turned Cyrillic, ө→о, ү→у, ң→н), then each word is matched as a stem plus a short ending.
Adjectives («китайский язык», «английский») are not places: the «ск» ending is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.engine.extract.place_names import CITIES, COUNTRIES

_ENDING = r"(?!ск)[а-я]{0,9}"
# One regex per place, without a look-behind at the start: a look-behind (or one big
# alternation) stops the regex engine from skipping to candidate letters, which made this
# scan the slowest part of an offer check. The word start is checked in Python instead.
_COUNTRY_RES = tuple((code, re.compile(f"(?:{stems}){_ENDING}")) for code, stems in COUNTRIES)
_CITY_RES = tuple((name, re.compile(f"(?:{stems}){_ENDING}")) for name, _, stems in CITIES)
CITY_COUNTRY = {name: code for name, code, _ in CITIES}


@dataclass(frozen=True, slots=True)
class Place:
    """A country (value: ISO alpha-2) or a city (value: canonical name) found in folded text."""

    kind: str
    value: str
    start: int
    end: int


def _word_start(text: str, index: int) -> bool:
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


def _scan(regex: re.Pattern[str], folded: str) -> Iterator[re.Match[str]]:
    pos = 0
    while (m := regex.search(folded, pos)) is not None:
        if _word_start(folded, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def find_places(folded: str) -> list[Place]:
    """Countries and cities in folded text, in order of appearance."""
    found = [
        Place("country", code, m.start(), m.end())
        for code, rx in _COUNTRY_RES
        for m in _scan(rx, folded)
    ]
    found += [
        Place("city", name, m.start(), m.end()) for name, rx in _CITY_RES for m in _scan(rx, folded)
    ]
    found.sort(key=lambda p: (p.start, p.kind))
    return found

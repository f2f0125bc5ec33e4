"""Where the user is, when they say so: a place in a cry for help, «я в Москве», «Москвадамын».

A place in a question («как поехать в Корею», «Түркияда иштесе болобу») is only what the
question is about; it never becomes the user's location.
"""

from __future__ import annotations

import re

from bot.engine.extract.places import CITY_COUNTRY, Place, find_places
from bot.engine.text.language import fold

# Russian «я/мы (сейчас) в …», «нахожусь в …», «живу/работаю в …» before the place.
_RU_BEFORE = re.compile(
    r"(?:^|[^а-я])(?:я|мы|нахожусь|находимся|живу|живем|работаю|работаем|застрял[аи]?)"
    r"(?: уже| сейчас| щас| тут| здесь){0,2} (?:в|во|на) $"
)
# Kyrgyz locative + «-мын/-бын/-быз», or + «жүрөм/турам/иштейм/жашайм» after the place.
_KY_AFTER = re.compile(
    r"^[а-я]*(?:да|де|та|те|до|то)(?:мын|мин|мун|бын|бин|пын|пин|быз|биз|пыз|мыз|миз)?"
    r"(?:(?:мын|мин|бын|быз|биз)(?![а-я])| (?:азыр )?(?:журом|турам|иштейм|жашайм|журобуз|"
    r"турабыз|иштейбиз|жашайбыз|калдым|калдык|камалып))"
)


def _country(place: Place) -> str | None:
    return place.value if place.kind == "country" else CITY_COUNTRY.get(place.value)


def said_location(text: str, *, in_danger: bool = False) -> str | None:
    """The country the user says they are in; for a cry for help, any place it names."""
    folded = fold(text)
    for place in find_places(folded):
        country = _country(place)
        if country is None:
            continue
        if in_danger:
            return country
        before = folded[max(0, place.start - 40) : place.start]
        after = folded[place.start : place.end + 30]
        if _RU_BEFORE.search(before) or _KY_AFTER.match(after):
            return country
    return None

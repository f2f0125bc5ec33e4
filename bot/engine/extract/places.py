"""Destination countries and cities in Russian, Kyrgyz and Latin forms.

«в Москве», «Москвага», «Кореяга», «Түркияда», «v Koreyu»: the text is folded first (Latin
turned Cyrillic, ө→о, ү→у, ң→н), then each word is matched as a stem plus a short ending.
Adjectives («китайский язык», «английский») are not places: the «ск» ending is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# (ISO 3166 alpha-2, stems). A stem is a regex for the start of a word.
COUNTRIES: tuple[tuple[str, str], ...] = (
    ("RU", r"росси|рф(?![а-я])|орусия|русия|раша"),
    ("KZ", r"казахстан|казакстан"),
    ("KG", r"кыргызстан|киргизи"),
    ("UZ", r"узбекистан|озбекстан|узбекстан"),
    ("TJ", r"таджикистан|тажикстан"),
    ("KR", r"(?:южн[а-я]{0,3} |туштук )?(?:коре[яиюеа]|корейа|каре[яю])|хангук"),
    ("TR", r"турци|туркия|туркий|турку?ия|туркие|туркей(?![а-я])"),
    ("AE", r"оаэ(?![а-я])|баэ(?![а-я])|уае(?![а-я])|эмират|бириккен араб"),
    ("DE", r"германи"),
    ("PL", r"польш|полша"),
    ("GB", r"великобритани|британи|англи(?=[яюие])|улуу британи"),
    ("JP", r"япони|жапони"),
    ("CN", r"кита[йяею]|кытай|кнр(?![а-я])"),
    ("SA", r"саудовск[а-я]* арави|сауд арави|сауди"),
    ("QA", r"катаре|катару|катарга|катарда"),
    ("IL", r"израил"),
    ("CZ", r"чехи[яюи]|чехияга"),
    ("LT", r"литв[аеуы]"),
    ("HU", r"венгри"),
    ("SK", r"словаки"),
    ("HR", r"хорвати"),
    ("FI", r"финлянди"),
    ("RS", r"серби[яюи]"),
    ("BG", r"болгари"),
    ("RO", r"румыни"),
    ("IT", r"итали[яюи]"),
    ("ES", r"испани"),
    ("LV", r"латви"),
    ("EE", r"эстони"),
    ("BY", r"беларус"),
    ("US", r"сша(?![а-я])|америк|акш(?![а-я])"),
    ("CA", r"канад"),
    ("TH", r"таиланд|тайланд"),
    ("MM", r"мьянм|мянм|бирм"),
    ("KH", r"камбодж"),
    ("LA", r"лаос"),
    ("MY", r"малайзи"),
    ("VN", r"вьетнам"),
    ("PH", r"филиппин"),
    ("KW", r"кувейт"),
    ("CY", r"кипр"),
    ("GR", r"греци"),
    ("FR", r"франци"),
    ("AT", r"австри"),
    ("AU", r"австрали"),
    ("SG", r"сингапур"),
    ("GE", r"грузия|грузию|грузии"),
    ("UA", r"украин"),
)

# (canonical name, ISO country, stems)
CITIES: tuple[tuple[str, str, str], ...] = (
    ("Москва", "RU", r"москв|подмосков|мск(?![а-я])"),
    ("Санкт-Петербург", "RU", r"санкт-петербург|петербург|питер|спб(?![а-я])"),
    ("Екатеринбург", "RU", r"екатеринбург"),
    ("Новосибирск", "RU", r"новосибирск"),
    ("Казань", "RU", r"казан[ьие](?![а-я])"),
    ("Сургут", "RU", r"сургут"),
    ("Якутск", "RU", r"якутск"),
    ("Краснодар", "RU", r"краснодар"),
    ("Владивосток", "RU", r"владивосток"),
    ("Красноярск", "RU", r"красноярск"),
    ("Иркутск", "RU", r"иркутск"),
    ("Тюмень", "RU", r"тюмен"),
    ("Подольск", "RU", r"подольск"),
    ("Химки", "RU", r"химк[иа]"),
    ("Балашиха", "RU", r"балаших"),
    ("Мытищи", "RU", r"мытищ"),
    ("Люберцы", "RU", r"люберц"),
    ("Сочи", "RU", r"сочи(?:де|ге|ден)?(?![а-я])"),
    ("Самара", "RU", r"самар(?:а|е|у|ы|ага|ада|адан)(?![а-я])"),
    ("Ростов-на-Дону", "RU", r"ростов"),
    ("Нижний Новгород", "RU", r"нижн[а-я]{0,3} новгород"),
    ("Уфа", "RU", r"уф(?:а|е|у|ы|ага|ада|адан)(?![а-я])"),
    ("Пермь", "RU", r"перм(?:ь|и|де|ге|ден)(?![а-я])"),
    ("Челябинск", "RU", r"челябинск"),
    ("Омск", "RU", r"омск(?![а-я])|омске"),
    ("Воронеж", "RU", r"воронеж"),
    ("Волгоград", "RU", r"волгоград"),
    ("Тула", "RU", r"тул(?:а|е|у|ы|ага|ада|адан)(?![а-я])"),
    ("Калуга", "RU", r"калуг"),
    ("Мурманск", "RU", r"мурманск"),
    ("Ижевск", "RU", r"ижевск"),
    ("Братск", "RU", r"братск"),
    ("Липецк", "RU", r"липецк"),
    ("Астрахань", "RU", r"астрахан"),
    ("Алматы", "KZ", r"алматы|алма-ат"),
    ("Астана", "KZ", r"астан[аеуы]"),
    ("Шымкент", "KZ", r"шымкент"),
    ("Стамбул", "TR", r"стамбул|истанбул"),
    ("Анталья", "TR", r"анталь?[яи]"),
    ("Анкара", "TR", r"анкар"),
    ("Измир", "TR", r"измир"),
    ("Сеул", "KR", r"сеул"),
    ("Инчхон", "KR", r"инчхон|инчон"),
    ("Пусан", "KR", r"пусан|бусан"),
    ("Ансан", "KR", r"ансан"),
    ("Дубай", "AE", r"дуба[йиея]"),
    ("Абу-Даби", "AE", r"абу-?\s?даби"),
    ("Шарджа", "AE", r"шардж"),
    ("Варшава", "PL", r"варшав"),
    ("Вроцлав", "PL", r"вроцлав"),
    ("Лондон", "GB", r"лондон"),
    ("Прага", "CZ", r"праг[аеуи](?![а-я])"),
    ("Токио", "JP", r"токио"),
    ("Бангкок", "TH", r"бангкок"),
    ("Пномпень", "KH", r"пномпен"),
    ("Сиануквиль", "KH", r"сиануквил"),
    ("Мьявади", "MM", r"мьявади|мявади"),
    ("Эр-Рияд", "SA", r"эр-рияд|рияд|риад"),
    ("Доха", "QA", r"доха(?![а-я])|дохе(?![а-я])"),
    ("Тель-Авив", "IL", r"тель-авив"),
    ("Бишкек", "KG", r"бишкек"),
    ("Ош", "KG", r"ош(?:то|тон|ко|ко)(?![а-я])|г\. ?ош(?![а-я])"),
)

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

"""The sector of work an offer is about, from Russian, Kyrgyz and Latin-script job words."""

from __future__ import annotations

import re

# (sector id, stems at the start of a word in folded text). The earliest mention wins.
SECTORS: tuple[tuple[str, str], ...] = (
    ("online_scam", r"оператор[а-я]* чат|чат-оператор|крипт|онлайн-?продаж|колл-?центр"),
    ("security", r"охран|чоп(?![а-я])|кузет|сторож|вахтер"),
    (
        "military",
        r"контракт[а-я]* служб|сво(?![а-я])|военн|аскер|фортификац|окоп|минобороны|"
        r"министерств[а-я]* оборон|мо рф|коргоо министр|келишимдик кызмат|арми[яию]",
    ),
    ("entertainment", r"хостес|хостесс|танцовщ|стриптиз|массажист|модел[ьи]|эскорт|бармен"),
    (
        "construction",
        r"строител|стройк|курулуш|разнорабоч|бетонщ|арматурщ|каменщ|монолит|"
        r"отделочн|маляр|штукатур|сварщ|плиточн|монтажн",
    ),
    (
        "agriculture",
        r"ферм|теплиц|урожа|ягод|клубник|фрукт|овощ|дыйкан|айыл чарба|огород|"
        r"сельхоз|животновод|мал чарба|сезонн[а-я]* работ",
    ),
    ("sewing", r"швей|швея|швеи|тигуучу|тигуу|цех[а-я]* пошив|пошив|закройщ"),
    ("food_processing", r"мясокомбинат|рыбозавод|рыбн|краб|морепродукт|балык|переработк"),
    ("factory", r"завод|фабрик|цех|производств|упаковщ|комбинат|оператор[а-я]* станк|станочн"),
    ("warehouse", r"склад|комплектовщ|грузчик|кладовщ|сборщик[а-я]* заказ"),
    (
        "hospitality",
        r"официант|отел|гостиниц|ресторан|кафе|повар|горничн|посудомойщ|бариста|"
        r"хостел|аш кана|ашпоз",
    ),
    ("cleaning", r"уборщ|клининг|тазалоо|мойщ|дворник"),
    ("care", r"няня|нян[иею]|сиделк|домработниц|гувернант|бала баг|карыларды баг|уй жумуш"),
    ("transport", r"водител|шофер|айдоочу|таксист|дальнобой|экспедитор"),
    ("delivery", r"курьер|доставк|достав"),
    ("retail", r"продав|кассир|мерчендайз|сатуучу|администратор[а-я]* магазин"),
    (
        "it",
        r"программист|разработчик|девелопер|тестировщик|аналитик|девопс|айти(?![а-я])|"
        r"фронтенд|бэкенд|системн[а-я]* администратор|1с",
    ),
    ("office", r"бухгалтер|менеджер[а-я]* по|секретар|юрист|экономист|специалист"),
)

# One regex per sector without a look-behind (see places.py: it keeps the scan fast).
_SECTOR_RES = tuple((sector, re.compile(stems)) for sector, stems in SECTORS)


def _first_word_match(regex: re.Pattern[str], folded: str) -> int | None:
    pos = 0
    while (m := regex.search(folded, pos)) is not None:
        start = m.start()
        if start == 0 or not folded[start - 1].isalnum():
            return start
        pos = start + 1
    return None


# Military service is what an offer is about wherever it says so: «охрана объектов в новых
# регионах» is not a guard's job, and its pay is a soldier's.
_FIRST = ("military",)


def find_sector(folded: str) -> str | None:
    """The sector whose words appear earliest in the text (military anywhere), or None."""
    best: tuple[int, str] | None = None
    for sector, rx in _SECTOR_RES:
        start = _first_word_match(rx, folded)
        if start is not None and sector in _FIRST:
            return sector
        if start is not None and (best is None or start < best[0]):
            best = (start, sector)
    return best[1] if best else None

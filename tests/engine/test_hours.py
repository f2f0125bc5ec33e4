"""Working days read from clock times (bot/engine/extract/hours.py)."""

from __future__ import annotations

import pytest

from bot.engine.extract.hours import long_days, work_spans
from bot.engine.text.language import fold


def _hours(text: str) -> list[float]:
    return [w.hours for w in work_spans(fold(text))]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Ферма: рабочий день с 6 до 22, документы у хозяина", 16.0),
        ("Швейный цех: с 8 до 23, живём в цеху", 15.0),
        ("смена с 8.00 до 20.00", 12.0),
        ("с 7 утра до 10 вечера", 15.0),
        ("с 6 до 11 ночи", 17.0),
        ("⏰ 08:00–22:00, жети күн", 14.0),
        ("ночная смена 20:00-08:00", 12.0),
        ("сменасы 07:00дөн 23:00гө чейин", 16.0),
        ("примерно 5:30дан 21:00гө чейин", 15.5),
        ("saat 7den 22ge cheyin ishteysing", 15.0),
        ("график с 9:00 до 18:00", 9.0),
        # The part of the day named before the hour (offers_dev4): morning to evening,
        # overnight, until midnight.
        ("Жумуш таңкы 5тен кечки 9га чейин", 16.0),
        ("Иш убактысы кечки 4төн таңкы 6га чейин", 14.0),
        ("иш кечки 8ден танкы 8ге чейин ар туну", 12.0),
        ("таң 6дан кечки 10го чейин без выходных", 16.0),
        ("saat 8den tunku 12ge cheyin, ar kunu", 16.0),
        ("иш саат 8ден түнкү 11ге чейин", 15.0),
    ],
)
def test_a_working_day_is_read_as_its_length(text: str, hours: float) -> None:
    assert _hours(text) == [hours]


@pytest.mark.parametrize(
    "text",
    [
        "возраст с 18 до 23 лет",  # ages
        "с 1 до 15 числа каждого месяца",  # dates
        "зарплата с 10 до 20 тысяч",  # amounts
        "звоните с 9 до 21",  # when to call, not the worker's day
        "Магазин работает с 10:00 до 23:00",  # a shop's hours
        "доставка с 9:00-21:00",
        "с 20 до 8",  # bare hours never run across midnight
        "18ден 25ке чейин жаштагы кыздар",  # ages in Kyrgyz
    ],
)
def test_numbers_that_are_not_a_working_day(text: str) -> None:
    assert _hours(text) == []


def test_only_days_longer_than_a_twelve_hour_shift_are_long() -> None:
    # «2/2 с 8.00 до 20.00» is an ordinary shift of Russian vacancies; 14 hours is not.
    assert long_days(fold("график 2/2 с 8.00 до 20.00")) == []
    assert [w.hours for w in long_days(fold("работа с 7 до 21, без выходных"))] == [14.0]
    assert long_days(fold("с 8:00 до 8:00")) == []

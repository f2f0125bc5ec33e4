"""Working days written as clock times: «с 6 до 22», «08:00–22:00», «07:00дон 23:00го чейин».

A pattern can name «14 часов», but not that 6 to 22 is sixteen hours: here the times are read
as numbers and the length of the day computed. Works on folded text (lowercase, Latin turned
Cyrillic, ө→о), returns spans in folded coordinates. Bare hours («с 8 до 20») count only in
the range a working day has (it starts 4–11, ends 16–24), so ages («с 18 до 23 лет»), dates
and amounts are not read as a day; clock times with minutes may also run overnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TIME = r"(?P<{0}h>2[0-4]|[01]?\d)(?![\d])(?:[:.](?P<{0}m>[0-5]\d))?"
_EVENING = r"(?P<{0}pm>\s?(?:вечера|ночи|кечки|кечкисин|кечинде|тунку))?"
# Kyrgyz names the part of the day before the hour: «таңкы 5тен кечки 9га чейин», «кечки 4төн
# таңкы 6га чейин» (overnight), «саат 8ден түнкү 12ге чейин» (midnight).
_PART = r"(?:(?P<{0}part>танкы|тан|эртен мененки|кечки|кечкисин|тунку|тунку саат|саат)\s)?"
_FROM = _TIME.format("a") + r"\s?(?:ч\.?|час\w{0,3}|утра|эртен мененки)?"
_TO = _TIME.format("b") + _EVENING.format("b")
# Russian «с 7 до 22», «с 07:00 до 21:00»; a dash between clock times «08:00–22:00»;
# Kyrgyz «7ден 22ге чейин», «саат 07:00дон 23:00го чейин» (ablative … dative + чейин).
_RANGES = (
    re.compile(rf"(?<![\w.])(?:с|со|c)\s?{_FROM}\s?(?:до|по)\s?{_TO}"),
    re.compile(
        r"(?<![\w.:])(?P<ah>2[0-4]|[01]?\d)[:.](?P<am>[0-5]\d)\s?(?:-|–|—|\.\.)\s?"
        r"(?P<bh>2[0-4]|[01]?\d)[:.](?P<bm>[0-5]\d)(?P<bpm>)"
    ),
    re.compile(
        rf"(?<![\w.:]){_PART.format('a')}{_TIME.format('a')}\s?-?(?:дан|ден|тан|тен|дон|тон)\s?"
        rf"{_PART.format('b')}{_TO}\s?-?(?:го|ко|ге|ке|га|ка)?\s(?:чейин|дейре|до)"
    ),
)
# What follows a pair of numbers that are not hours: ages, dates, amounts, people, sizes.
_NOT_HOURS = re.compile(
    r"\s?(?:лет|год|жаш|числ|кг|см|м(?![а-я])|тыс|%|чел|киш|\$|€|руб|сом|тенге|мин|размер|"
    r"кун|дн|мес|ай(?![а-я]))"
)
# Hours that are not the worker's: a shop open, calls taken, a delivery window.
_NOT_WORKDAY = re.compile(
    r"(?:работает|открыт\w*|режим работы|часы работы|время работы|при[её]м\w*|"
    r"доставк\w*|звон\w*|пиши\w*|чал\w*|жаз\w*|байланыш\w*|офис\w*|консультаци\w*|ачык)"
    r"[^.!?\n\d]{0,25}$"
)
# Hours: longer than a 12-hour shift. «с 8:00 до 20:00» is the usual shift of a «2/2» schedule
# in Russian vacancies (ru_vacancies: 8 of 530); twelve hours with no day off is a pattern.
LONG_DAY = 12.0


@dataclass(frozen=True, slots=True)
class WorkSpan:
    """A working day read from clock times: its length in hours and where it was written."""

    hours: float
    start: int
    end: int


_MORNING = ("танкы", "тан", "эртен мененки", "саат")
_NIGHT = ("ночи", "тунку", "тунку саат")


def _clock(hour: str, minute: str | None, evening: str | None) -> float:
    value = int(hour) + int(minute or 0) / 60
    part = (evening or "").strip()
    if value == 12 and part in _NIGHT:
        return 24.0  # «түнкү 12ге чейин»: midnight
    if part and part not in _MORNING and value < 12:
        value += 24 if value <= 4 and part in _NIGHT else 12
    return value


def _length(m: re.Match[str]) -> float | None:
    parts = m.groupdict()
    start = _clock(m["ah"], m["am"], parts.get("apart"))
    end = _clock(m["bh"], m["bm"], m["bpm"] or parts.get("bpart"))
    if parts.get("apart") not in (None, "саат") and parts.get("bpart") is not None:
        # Both parts of the day named: the times are certain, also overnight.
        hours = (end - start) % 24
        return hours if hours > 0 else None
    if m["am"] is None or m["bm"] is None:
        # Bare hours: only a day shape, never across midnight.
        if not (4 <= start <= 11 and 16 <= end <= 28):
            return None
        return end - start
    hours = (end - start) % 24
    return hours if hours > 0 else None


def work_spans(folded: str) -> list[WorkSpan]:
    """Every working day written as a range of clock times, with its length."""
    found: list[WorkSpan] = []
    for regex in _RANGES:
        for m in regex.finditer(folded):
            if _NOT_HOURS.match(folded, m.end()) or _NOT_WORKDAY.search(
                folded, max(0, m.start() - 40), m.start()
            ):
                continue
            hours = _length(m)
            if hours is not None and not any(f.start <= m.start() < f.end for f in found):
                found.append(WorkSpan(hours, m.start(), m.end()))
    return sorted(found, key=lambda w: w.start)


def long_days(folded: str) -> list[WorkSpan]:
    """The working days longer than 12 hours (not a whole day round: «с 8:00 до 8:00»)."""
    return [w for w in work_spans(folded) if LONG_DAY < w.hours < 24]

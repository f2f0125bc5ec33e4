"""A report's period from what a person typed: two ISO days, checked, with sensible defaults."""

from __future__ import annotations

from datetime import date, timedelta

DEFAULT_DAYS = 90  # without a start: the last 90 days, as the retention keeps chats
MAX_DAYS = 3660  # ten years: enough for any report, and a bound on what one request reads


class PeriodError(ValueError):
    """The period cannot be read; the message says which part and why."""


def parse_day(value: str | None, name: str) -> date | None:
    """A day written YYYY-MM-DD, or None when empty."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PeriodError(f"{name}: not a day written YYYY-MM-DD: {value[:20]!r}") from None


def period(start: str | None, end: str | None, *, today: date) -> tuple[date, date]:
    """The days `start`..`end` (inclusive); an empty end is today, an empty start 90 days
    before the end."""
    last = parse_day(end, "to") or today
    first = parse_day(start, "from") or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise PeriodError("from: the period starts after it ends")
    if (last - first).days >= MAX_DAYS:
        raise PeriodError(f"the period is longer than {MAX_DAYS} days")
    return first, last

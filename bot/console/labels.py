"""Time for the staff interface; its words are content (dialogues/console_labels.yml)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local_time(value: datetime, zone: ZoneInfo) -> str:
    """A time as operators read it: day.month hours:minutes in the hotline's zone."""
    return value.astimezone(zone).strftime("%d.%m %H:%M")


def waited(since: datetime, now: datetime) -> tuple[int, int]:
    """How long someone has waited, as (hours, minutes of the hour); never negative."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    return divmod(minutes, 60)

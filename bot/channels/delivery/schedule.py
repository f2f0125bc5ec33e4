"""When to try a failed reply again, and when to give up on it (outbox settings as data).

Tries go on for `give_up_after_hours` (24 by default) from when the reply was written or an
operator sent it again, so an outage of hours loses nothing. A platform that takes free-form
replies only within a window after the user's last message (WhatsApp's 24 hours) is tried
until that window closes: after it the platform would refuse the reply anyway. A template
(`free_form=False`) is what goes through after the window, so it gets the full hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.outbox import REPLY_WINDOWS
from bot.settings import OutboxSettings


def backoff(
    attempt: int, settings: OutboxSettings, retry_after: float | None, rand: float
) -> float:
    """Seconds to wait after failed try number `attempt` (1-based).

    Exponential with "equal jitter" (half fixed, half random) so that many chats failing at
    once do not retry in lockstep; never sooner than the platform asked.
    """
    exponent = min(attempt - 1, 64)  # 2**64 × any base is past every cap; no float overflow
    ceiling: float = min(settings.max_delay_seconds, settings.base_delay_seconds * 2.0**exponent)
    delay = ceiling / 2 + rand * ceiling / 2
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


def give_up_at(
    channel: str,
    *,
    tries_since: datetime,
    last_inbound_at: datetime | None,
    settings: OutboxSettings,
    free_form: bool = True,
) -> datetime:
    """The moment after which a reply of `channel` is no longer tried."""
    window = REPLY_WINDOWS.get(channel)
    if window is not None and free_form:
        return (last_inbound_at or tries_since) + window
    return tries_since + timedelta(hours=settings.give_up_after_hours)


def needs_last_inbound(channel: str, free_form: bool = True) -> bool:
    """Whether `give_up_at` for this channel depends on the user's last message."""
    return free_form and channel in REPLY_WINDOWS

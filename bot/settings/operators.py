"""The `operators:` section of config.yml: hotline hours, login throttling, sessions."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Why a chat was handed over (the ids the queue stores; services.operators.escalation.REASONS).
Reason = Literal[
    "emergency", "passport_taken", "critical_offer", "asked_for_human", "not_understood"
]
Minutes = Annotated[int, Field(ge=1, le=1440)]


class HoursRule(BaseModel):
    """Operators answer on these days between `start` and `end` (local time)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: tuple[Day, ...]
    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> HoursRule:
        if self.end <= self.start:
            raise ValueError("end must be after start (split a night shift into two rules)")
        return self


WEEKDAYS_9_TO_18 = HoursRule(
    days=("mon", "tue", "wed", "thu", "fri"), start=time(9, 0), end=time(18, 0)
)


class OperatorsSettings(BaseModel):
    """When people answer handed-over chats, and how staff log in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: str = "Asia/Bishkek"
    hours: tuple[HoursRule, ...] = (WEEKDAYS_9_TO_18,)
    login_max_failures: int = Field(default=5, ge=1)  # per name from one address, in the window
    login_window_seconds: int = Field(default=900, ge=10)
    session_hours: float = Field(default=12.0, gt=0)
    live_stream_seconds: float = Field(default=15.0, gt=0, le=300)  # one SSE response, then retry
    # The programme's targets that /insights measures against, in minutes.
    claim_target_minutes: int = Field(default=15, ge=1, le=1440)  # handed over → taken
    first_reply_target_minutes: int = Field(default=20, ge=1, le=1440)  # handed over → answered
    # How long a chat may wait in the queue, per reason (else `claim_target_minutes`): a row
    # past it is marked and the operators on shift are notified.
    wait_targets_minutes: dict[Reason, Minutes] = Field(default_factory=dict)
    # manual: operators take chats; auto: a new chat goes to the available operator with the
    # fewest open chats, while they hold fewer than `max_open_chats`.
    assignment: Literal["manual", "auto"] = "manual"
    max_open_chats: int = Field(default=3, ge=1, le=50)
    # A Telegram chat of the operators (its numeric id, e.g. a group's -100…) told once about
    # each queued chat past its target, through the bot's own token; None: browsers only.
    late_alert_telegram_chat: str | None = Field(default=None, pattern=r"^-?\d{1,20}$")
    # A Telegram supergroup with topics (its numeric id, -100…): each hand-off opens a topic
    # there, where operators linked with `users link-telegram` act; None: the console only.
    topics_telegram_chat: str | None = Field(default=None, pattern=r"^-\d{1,20}$")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    def wait_target(self, reason: str) -> int:
        """Minutes a chat handed over for `reason` may wait before it is late."""
        for known, minutes in self.wait_targets_minutes.items():
            if known == reason:
                return minutes
        return self.claim_target_minutes

    def is_open(self, at: datetime) -> bool:
        """True when `at` (aware) falls inside the operators' hours."""
        local = at.astimezone(ZoneInfo(self.timezone))
        day = DAYS[local.weekday()]
        now = local.time()
        return any(day in rule.days and rule.start <= now < rule.end for rule in self.hours)

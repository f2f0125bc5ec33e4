"""What a step decided that the services act on: one frozen dataclass per kind of event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Understood:
    """Text was classified (the services log the intent; editors see the misses)."""

    name: ClassVar[str] = "understood"
    intent: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Assessed:
    """An offer was checked: its level, signs and, for anonymous figures, where and what the
    work is and its pay band (`empty`: there was nothing to check)."""

    name: ClassVar[str] = "assessed"
    level: str
    indicators: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    pay_band: str | None = None
    empty: bool = False


@dataclass(frozen=True, slots=True)
class Escalate:
    """The chat should go to a person; `reason` is shown in the operators' queue."""

    name: ClassVar[str] = "escalate"
    reason: str
    risk_level: str | None = None


@dataclass(frozen=True, slots=True)
class ToOperator:
    """While a person has the chat: this message (or button) is for them, not the bot."""

    name: ClassVar[str] = "to_operator"
    button: str | None = None


@dataclass(frozen=True, slots=True)
class Forget:
    """The user confirmed /forget: delete what is stored about the conversation."""

    name: ClassVar[str] = "forget"


@dataclass(frozen=True, slots=True)
class Withdraw:
    """The waiting user no longer wants a person: take the chat out of the queue."""

    name: ClassVar[str] = "withdraw"


@dataclass(frozen=True, slots=True)
class Rated:
    """The user answered the satisfaction question of closed hand-off `survey` (up | down)."""

    name: ClassVar[str] = "rated"
    survey: str
    rating: str


@dataclass(frozen=True, slots=True)
class Commented:
    """The user added a comment after rating; stored apart from the rating."""

    name: ClassVar[str] = "commented"
    text: str


@dataclass(frozen=True, slots=True)
class CallbackRequested:
    """Out of hours, the user asked to be contacted: when, how (chat | phone), which number.

    `phone` is personal data: stored only until an operator marks the request done."""

    name: ClassVar[str] = "callback_requested"
    time: str
    via: str
    phone: str | None = None


Event = (
    Understood
    | Assessed
    | Escalate
    | ToOperator
    | Forget
    | Withdraw
    | Rated
    | Commented
    | CallbackRequested
)

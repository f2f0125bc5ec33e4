"""The dialogue state: JSON-serialisable and versioned, so old conversations keep working."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from typing import Any

STATE_VERSION = 1


class Mode(StrEnum):
    """What the next message is read as; saved by value, so old states load unchanged."""

    IDLE = "idle"  # anything: an intent, a command, a pasted offer
    AWAITING_OFFER = "awaiting_offer"  # the user chose "check an offer"
    OFFER_QUESTION = "offer_question"  # an answer to the offer check's follow-up question
    AWAITING_QUESTION = "awaiting_question"  # the user chose "ask a question"
    CONFIRM_FORGET = "confirm_forget"  # /forget waits for yes or no


@dataclass(frozen=True, slots=True)
class QueueInfo:
    """Where a waiting chat stands: its place, the expected wait, whether operators work now."""

    place: int = 1
    wait_minutes: int | None = None
    open_now: bool = True
    hours: str = ""  # the operators' hours, already written in the user's language

    @classmethod
    def from_dict(cls, data: Any) -> QueueInfo | None:
        if not isinstance(data, dict):
            return None
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True, slots=True)
class DialogueState:
    """Everything the engine remembers about one conversation between two messages.

    `handoff`, `waiting` and `queue` are not the engine's to decide: the services copy them
    from the conversation's status and its place in the operators' queue before every step.
    `country` is the country a question is about; `location` is where the user says they are
    (only this one picks the emergency numbers).
    """

    version: int = STATE_VERSION
    language: str | None = None
    language_chosen: bool = False
    greeted: bool = False
    mode: Mode = Mode.IDLE
    misses: int = 0
    handoff: bool = False
    waiting: bool = False  # queued: no operator has taken the chat yet
    queue: QueueInfo | None = None
    acked_at: str | None = None  # ISO time the waiting user was last told they are queued
    country: str | None = None
    location: str | None = None
    last_intent: str | None = None
    risk_level: str | None = None
    offer: dict[str, Any] | None = None  # the OfferCase being checked, as a dict
    question: str | None = None  # the follow-up question waiting for an answer
    skipped: tuple[str, ...] = ()  # follow-up questions the user could not answer
    choosing: str | None = None  # the answer whose country buttons were just shown
    # Satisfaction after an operator closed the chat (set by the services, see survey.py):
    survey: str | None = None  # the question waiting for a button: the closed hand-off's id
    commenting: str | None = None  # rated just now: the next text may be a comment
    # A callback request out of hours (see callback.py): the question open, the time chosen.
    callback: str | None = None  # time | via | phone
    callback_time: str | None = None  # one of callback.TIMES, or the user's own words

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DialogueState:
        """Rebuild a state saved by this or an older version; unknown keys are dropped."""
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in _upgrade(dict(data)).items() if k in known}
        values["version"] = STATE_VERSION
        values["skipped"] = tuple(values.get("skipped") or ())
        values["mode"] = Mode(values.get("mode") or Mode.IDLE)
        values["queue"] = QueueInfo.from_dict(values.get("queue"))
        return cls(**values)

    def but(self, **changes: Any) -> DialogueState:
        """A copy with some fields changed."""
        return replace(self, **changes)


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older saved state up to STATE_VERSION, one version at a time."""
    # Version 1 is the first; later versions add their upgrade steps here.
    return data

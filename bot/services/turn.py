"""One message's way through `receive`, and what it led to."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.engine.content.model import Content
from bot.engine.dialogue.events import (
    Assessed,
    CallbackRequested,
    Escalate,
    Event,
    Forget,
    Understood,
    Withdraw,
)
from bot.engine.dialogue.state import DialogueState
from bot.engine.dialogue.turn import Step
from bot.storage.models import Conversation
from bot.types import ConversationStatus, Reply, UserMessage

_DIGITS = re.compile(r"(?:\d\D?){5}")  # five digits: perhaps a number, so not kept
HELD = (ConversationStatus.QUEUED, ConversationStatus.WITH_OPERATOR)


def clip(message: UserMessage, max_chars: int) -> tuple[UserMessage, bool]:
    """The message cut to the longest text Sapar reads, and whether it was cut."""
    if len(message.text) <= max_chars:
        return message, False
    return replace(message, text=message.text[:max_chars]), True


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one inbound message led to."""

    duplicate: bool
    conversation_id: int | None = None
    replies: tuple[Reply, ...] = ()
    events: tuple[Event, ...] = ()
    status: ConversationStatus = ConversationStatus.BOT
    language: str | None = None
    intent: str | None = None
    risk_level: str | None = None

    @property
    def escalated(self) -> bool:
        """True while the chat is queued for or held by an operator."""
        return self.status in HELD


@dataclass(slots=True)
class Turn:
    """One message's way through `receive`: what the engine said and what the chat became."""

    message: UserMessage
    conv: Conversation
    content: Content
    before: DialogueState
    result: Step
    replies: tuple[Reply, ...]
    status: ConversationStatus
    after: DialogueState | None = None

    @property
    def forgets(self) -> bool:
        return any(isinstance(event, Forget) for event in self.result.events)

    @property
    def withdraws(self) -> bool:
        return any(isinstance(event, Withdraw) for event in self.result.events)

    @property
    def asks_operator(self) -> bool:
        return any(isinstance(event, Escalate) for event in self.result.events)

    @property
    def inbound_text(self) -> str:
        """The text the transcript keeps: a number typed for a callback is left out of it."""
        text, asked = self.message.text, self.before.callback
        given = any(isinstance(e, CallbackRequested) and e.phone for e in self.result.events)
        tried = asked == "phone" and self.result.state.callback == "phone"
        if asked in ("via", "phone") and (given or (tried and _DIGITS.search(text))):
            language = self.result.state.language or self.content.languages.default
            return self.content.text("callback_number_hidden", language)
        return text

    @property
    def inbound_payload(self) -> dict[str, str]:
        """The button pressed, or what kind of media arrived: never a location's coordinates."""
        message = self.message
        if message.button:
            return {"button": message.button}
        payload = {"media": message.media.value} if message.media is not None else {}
        if message.voice is not None:  # the console plays a kept one, or says why it cannot
            payload["voice"] = message.voice.outcome.value
            if message.voice.ref:
                payload["voice_ref"] = message.voice.ref
        return payload

    def outcome(self) -> Outcome:
        after = self.after or self.result.state
        return Outcome(
            duplicate=False,
            conversation_id=self.conv.id,
            replies=self.replies,
            events=self.result.events,
            status=self.status,
            language=after.language,
            intent=_intent(self.result.events),
            risk_level=_risk_level(self.result.events),
        )


def _intent(events: tuple[Event, ...]) -> str | None:
    """The intent understood in this step, if the message was text."""
    for event in events:
        if isinstance(event, Understood):
            return event.intent
    return None


def fell_to_fallback(
    before: DialogueState, after: DialogueState, events: tuple[Event, ...]
) -> bool:
    """The text was not understood and the bot said so (an editor's unanswered question)."""
    if _intent(events) != "out_of_scope":
        return False
    gave_up = any(isinstance(e, Escalate) and e.reason == "not_understood" for e in events)
    return after.misses > before.misses or gave_up


def _risk_level(events: tuple[Event, ...]) -> str | None:
    """The level of an offer assessed in this step, if one was."""
    for event in reversed(events):
        if isinstance(event, Assessed):
            return event.level
    return None


def before_numbers(replies: tuple[Reply, ...], notices: tuple[Reply, ...]) -> tuple[Reply, ...]:
    """Add the handoff's notices, keeping emergency numbers the last thing the user sees."""
    if replies and replies[-1].calls:
        return (*replies[:-1], *notices, replies[-1])
    return (*replies, *notices)

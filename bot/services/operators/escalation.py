"""Escalation: a queue entry in the same transaction as the handover, and what the user hears.

`ConversationService.receive` calls `Escalations.on_turn` inside its transaction, with the
conversation row locked, and `announce` after the commit so consoles update live.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.engine.dialogue import callback
from bot.engine.dialogue.events import Escalate, Event, Forget, Understood, Withdraw
from bot.engine.dialogue.state import QueueInfo
from bot.services.insights import record as insight_facts
from bot.services.operators import callback_requests, satisfaction
from bot.services.operators.events import LiveEvent
from bot.services.operators.hours import hours_text, outside_hours_text
from bot.services.outbox import REPLY_WINDOWS
from bot.settings.operators import OperatorsSettings
from bot.storage import handoff_close, handoffs, outbox_held, queue_place
from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation
from bot.types import Reply

REASONS = ("emergency", "passport_taken", "critical_offer", "asked_for_human", "not_understood")
EMERGENCY_REASONS = frozenset({"emergency", "passport_taken"})
OUTCOMES = (
    "advised",
    "referred_shelter",
    "referred_police",
    "return_assistance",
    "no_response",
    "other",
)
Listener = Callable[[LiveEvent], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class TurnEffect:
    """What escalation added to one step: extra replies, an event for consoles, and how many
    operators' replies held for WhatsApp's window the user's message released."""

    replies: tuple[Reply, ...] = ()
    event: LiveEvent | None = None
    released: int = 0


@dataclass
class Escalations:
    """Keeps the queue in step with conversations; tells listeners after each commit."""

    settings: OperatorsSettings = field(default_factory=OperatorsSettings)
    clock: Callable[[], datetime] = utcnow
    listeners: list[Listener] = field(default_factory=list)

    async def on_turn(
        self,
        session: AsyncSession,
        *,
        conversation: Conversation,
        events: Iterable[Event],
        held: bool,
        language: str | None,
        risk_level: str | None,
        content: Content,
        location: str | None = None,
        country: str | None = None,
    ) -> TurnEffect:
        """Open, upgrade or drop the conversation's entry after one step of the engine."""
        events = tuple(events)
        country = country or location
        if await self._ended(session, conversation, events):
            return TurnEffect(event=LiveEvent("queue", conversation.id))
        # The user wrote: an operator's replies kept until then (a closed window) go out now.
        # Only a channel with a reply window has any (`send_template` refuses an open
        # window): elsewhere the look would be a statement on every turn that finds nothing.
        now = self.clock()
        released = 0
        if conversation.channel in REPLY_WINDOWS:
            released = await outbox_held.release(session, conversation_id=conversation.id, now=now)
        await satisfaction.record(
            session, conversation=conversation, events=events, language=language, now=now
        )
        await callback_requests.record(session, conversation, events, language=language, now=now)
        await insight_facts.turn(
            session, channel=conversation.channel, language=language, country=country,
            events=events, now=now,
        )  # fmt: skip
        if not held:
            return TurnEffect(released=released)
        escalate = next((e for e in events if isinstance(e, Escalate)), None)
        reason = (escalate.reason if escalate else "") or "asked_for_human"
        emergency = reason in EMERGENCY_REASONS or _urgent(events)
        entry = await handoffs.open_for(session, conversation_id=conversation.id)
        if entry is not None:
            return _touched(entry, reason=reason, emergency=emergency, now=now, released=released)
        entry = await handoffs.create(
            session,
            conversation_id=conversation.id,
            reason=reason,
            risk_level=(escalate.risk_level if escalate else None) or risk_level or None,
            emergency=emergency,
            channel=conversation.channel,
            language=language,
            now=now,
        )
        await insight_facts.opened(session, entry, country=country)
        replies: tuple[Reply, ...] = ()
        if not self.settings.is_open(now):
            lang = language or content.languages.default
            notice = outside_hours_text(content, lang, self.settings, location)
            replies = (Reply(notice, (callback.offer_button(content, lang),)),)
        event = LiveEvent("queue", conversation.id, entry.id, emergency=emergency, new=True)
        return TurnEffect(replies, event, released)

    async def _ended(
        self, session: AsyncSession, conversation: Conversation, events: tuple[Event, ...]
    ) -> bool:
        """/forget or a withdrawn request closes the entry without an operator."""
        if any(isinstance(event, Forget) for event in events):
            await handoff_close.wipe(session, conversation_id=conversation.id, now=self.clock())
            return True
        if any(isinstance(event, Withdraw) for event in events):
            await insight_facts.withdrawn(session, conversation, now=self.clock())
            await handoff_close.close_open(
                session, conversation_id=conversation.id, outcome="withdrawn", now=self.clock()
            )
            return True
        return False

    async def queue_info(
        self, session: AsyncSession, *, conversation: Conversation, language: str, content: Content
    ) -> QueueInfo | None:
        """Where the waiting chat stands, for the engine to tell the user."""
        entry = await handoffs.open_for(session, conversation_id=conversation.id)
        if entry is None or entry.status != "queued":
            return None
        place = await queue_place.place_in_queue(session, entry=entry)
        now = self.clock()
        open_now = self.settings.is_open(now)
        return QueueInfo(
            place=place,
            wait_minutes=expected_wait(await queue_place.recent_waits(session), place),
            open_now=open_now,
            hours="" if open_now else hours_text(content, language, self.settings),
        )

    async def announce(self, effect: TurnEffect) -> None:
        """Tell every listener (the consoles' broadcaster) about a committed change."""
        if effect.event is None:
            return
        for listener in list(self.listeners):
            await listener(effect.event)


def _touched(
    entry: Handoff, *, reason: str, emergency: bool, now: datetime, released: int
) -> TurnEffect:
    """A message in a chat already waiting or taken: danger upgrades it to an emergency."""
    upgraded = emergency and not entry.emergency
    if upgraded:
        entry.emergency = True
        entry.reason = "emergency" if reason not in EMERGENCY_REASONS else reason
    entry.updated_at = now
    event = LiveEvent(
        "queue" if upgraded else "chat",
        entry.conversation_id,
        entry.id,
        emergency=entry.emergency,
        new=upgraded,
        operator_id=entry.operator_id,
    )
    return TurnEffect(event=event, released=released)


def _urgent(events: tuple[Event, ...]) -> bool:
    """The user described danger in this message (while waiting for a person)."""
    return any(
        (isinstance(e, Understood) and e.intent == "emergency")
        or (isinstance(e, Escalate) and e.reason in EMERGENCY_REASONS)
        for e in events
    )


def expected_wait(recent: list[float], place: int) -> int | None:
    """The median recent wait times the place, rounded up to 5 minutes; None without data."""
    if len(recent) < 3:
        return None
    median = sorted(recent)[len(recent) // 2]
    minutes = max(1.0, median) * place
    return min(24 * 60, int(-(-minutes // 5) * 5))

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
from bot.engine.dialogue.events import Escalate, Event, Forget, Understood
from bot.services.operators.events import LiveEvent
from bot.settings.operators import DAYS, OperatorsSettings
from bot.storage import handoffs
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
    """What escalation added to one step: extra replies, and an event for consoles."""

    replies: tuple[Reply, ...] = ()
    event: LiveEvent | None = None


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
    ) -> TurnEffect:
        """Open, upgrade or drop the conversation's entry after one step of the engine."""
        events = tuple(events)
        if any(isinstance(event, Forget) for event in events):
            await handoffs.wipe(session, conversation_id=conversation.id)
            return TurnEffect(event=LiveEvent("queue", conversation.id))
        if not held:
            return TurnEffect()
        escalate = next((e for e in events if isinstance(e, Escalate)), None)
        reason = (escalate.reason if escalate else "") or "asked_for_human"
        emergency = reason in EMERGENCY_REASONS or _urgent(events)
        entry = await handoffs.open_for(session, conversation_id=conversation.id)
        now = self.clock()
        if entry is None:
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
            replies: tuple[Reply, ...] = ()
            if not self.settings.is_open(now):
                replies = (Reply(outside_hours_text(content, language or "ky", self.settings)),)
            event = LiveEvent("queue", conversation.id, entry.id, emergency=emergency, new=True)
            return TurnEffect(replies, event)
        upgraded = emergency and not entry.emergency
        if upgraded:
            entry.emergency = True
            entry.reason = "emergency" if reason not in EMERGENCY_REASONS else reason
        entry.updated_at = now
        kind = "queue" if upgraded else "chat"
        event = LiveEvent(
            kind,
            conversation.id,
            entry.id,
            emergency=entry.emergency,
            new=upgraded,
            operator_id=entry.operator_id,
        )
        return TurnEffect(event=event)

    async def announce(self, effect: TurnEffect) -> None:
        """Tell every listener (the consoles' broadcaster) about a committed change."""
        if effect.event is None:
            return
        for listener in list(self.listeners):
            await listener(effect.event)


def _urgent(events: tuple[Event, ...]) -> bool:
    """The user described danger in this message (while waiting for a person)."""
    return any(
        (isinstance(e, Understood) and e.intent == "emergency")
        or (isinstance(e, Escalate) and e.reason in EMERGENCY_REASONS)
        for e in events
    )


def hotline_number(content: Content) -> str:
    """The Kyrgyz hotline's number as published in knowledge/hotlines.yml."""
    lines = content.hotlines.get("KG", {}).get("hotlines") or []
    return str(lines[0]["number"]) if lines else "189"


def hours_text(content: Content, language: str, settings: OperatorsSettings) -> str:
    """The operators' hours in the user's language, e.g. «пн–пт 09:00–18:00 (время Бишкека)»."""
    names = [n.strip() for n in content.text("weekdays", language).split(",")]
    parts = []
    for rule in settings.hours:
        indexes = sorted(DAYS.index(d) for d in rule.days)
        runs: list[list[int]] = []
        for i in indexes:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        days = ", ".join(
            names[r[0]] if len(r) == 1 else f"{names[r[0]]}–{names[r[-1]]}" for r in runs
        )
        parts.append(f"{days} {rule.start:%H:%M}–{rule.end:%H:%M}")
    zone = (
        content.text("hours_zone_bishkek", language)
        if settings.timezone == "Asia/Bishkek"
        else settings.timezone
    )
    return "; ".join(parts) + f" ({zone})"


def outside_hours_text(content: Content, language: str, settings: OperatorsSettings) -> str:
    return content.text(
        "handoff_outside_hours",
        language,
        hotline=hotline_number(content),
        hours=hours_text(content, language, settings),
    )

"""Writing the anonymous facts: on each turn, and at each step of a hand-off.

Callers are the services that see these moments (a turn's escalation step, the operators'
desk); each fact goes into the same transaction as what it describes. Only the kinds of
fact `bot.storage.insights` keeps are written — a day, never a time; never an id or words.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.dialogue.events import Assessed, Event, Rated, Understood
from bot.storage import handoffs, insights
from bot.storage.handoffs import Handoff
from bot.storage.insights import Fact
from bot.storage.models import Conversation, Message


def chat_country(state: dict[str, Any] | None) -> str | None:
    """The country a chat is about (its question's, else where the person is)."""
    state = state or {}
    found = state.get("country") or state.get("location")
    return str(found) if found else None


async def turn(
    session: AsyncSession,
    *,
    channel: str,
    language: str | None,
    country: str | None,
    events: Iterable[Event],
    now: datetime,
) -> None:
    """The facts of one turn: the intent understood, an offer checked, a rating given.

    A text checked as an offer is an offer, not also a question of whatever intent it got.
    """
    day, events = now.date(), tuple(events)
    offer = any(isinstance(event, Assessed) for event in events)
    for event in events:
        if isinstance(event, Understood) and not offer:
            fact = Fact("question", day, channel, language, country, intent=event.intent)
        elif isinstance(event, Assessed) and not event.empty:
            fact = Fact(
                "offer", day, channel, language, event.country or country, level=event.level,
                indicators=tuple(sorted(set(event.indicators))), sector=event.sector,
                pay_band=event.pay_band,
            )  # fmt: skip
        elif isinstance(event, Rated) and event.rating in ("up", "down"):
            fact = Fact("rating", day, channel, language, country, rating=event.rating)
        else:
            continue
        await insights.add(session, fact)


async def opened(session: AsyncSession, entry: Handoff, *, country: str | None) -> None:
    """A chat was handed to people, for this reason."""
    await insights.add(session, _of(entry, "handoff", country, entry.created_at))


async def claimed(session: AsyncSession, entry: Handoff, conv: Conversation, now: datetime) -> None:
    """An operator took the chat: how long it waited."""
    fact = _of(entry, "claim", chat_country(conv.state), now, seconds=_since(entry, now))
    await insights.add(session, fact)


async def replying(
    session: AsyncSession, entry: Handoff, conv: Conversation, now: datetime
) -> None:
    """An operator is about to write: if it is their first line, how long it took since the
    hand-off (call before the reply is stored)."""
    earlier = await session.scalar(
        select(
            exists().where(
                Message.conversation_id == conv.id,
                Message.author == "operator",
                Message.created_at >= entry.created_at,
            )
        )
    )
    if not earlier:
        fact = _of(entry, "reply", chat_country(conv.state), now, seconds=_since(entry, now))
        await insights.add(session, fact)


async def closed(
    session: AsyncSession, entry: Handoff, conv: Conversation, outcome: str, now: datetime
) -> None:
    """The hand-off ended with this outcome."""
    fact = _of(entry, "close", chat_country(conv.state), now, outcome=outcome)
    await insights.add(session, fact)


async def withdrawn(session: AsyncSession, conv: Conversation, *, now: datetime) -> None:
    """The waiting person no longer wanted a person (call before the entry is closed)."""
    entry = await handoffs.open_for(session, conversation_id=conv.id)
    if entry is not None:
        await closed(session, entry, conv, "withdrawn", now)


def _of(
    entry: Handoff,
    kind: str,
    country: str | None,
    at: datetime,
    *,
    seconds: int | None = None,
    outcome: str | None = None,
) -> Fact:
    return Fact(
        kind, at.date(), entry.channel, entry.language, country, reason=entry.reason,
        seconds=seconds, outcome=outcome,
    )  # fmt: skip


def _since(entry: Handoff, now: datetime) -> int:
    return max(0, int((now - entry.created_at).total_seconds()))

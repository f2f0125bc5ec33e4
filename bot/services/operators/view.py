"""Reading the desk: queue items with unread counts, a chat's lines, the offer assessment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.content.model import Content
from bot.engine.offer.case import OfferCase
from bot.engine.offer.risk import assess
from bot.storage import handoffs, messages, staff
from bot.storage.handoffs import Handoff, HandoffNote
from bot.storage.models import Message


class DeskError(Exception):
    """An action that cannot be done now: `code` is gone | taken | not_yours | invalid."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One entry as the queue shows it."""

    entry: Handoff
    operator_name: str | None
    unread: int


@dataclass(frozen=True, slots=True)
class ChatView:
    """Everything the chat page shows."""

    item: QueueItem
    lines: tuple[Message, ...]
    notes: tuple[HandoffNote, ...]
    assessment: dict[str, Any] | None


async def entry_of(session: AsyncSession, handoff_id: int) -> Handoff:
    entry = await handoffs.get(session, handoff_id=handoff_id)
    if entry is None:
        raise DeskError("gone", "no such chat in the queue")
    return entry


async def lines_of(session: AsyncSession, entry: Handoff) -> tuple[Message, ...]:
    """The transcript an operator may read: after a close, nothing the user wrote later."""
    lines = await messages.transcript(session, conversation_id=entry.conversation_id)
    if entry.closed_at is None:
        return tuple(lines)
    closed_at = entry.closed_at
    return tuple(m for m in lines if m.created_at <= closed_at)


async def items_of(session: AsyncSession, entries: Sequence[Handoff]) -> list[QueueItem]:
    unread = await handoffs.unread(session, entries=entries)
    names = {u.id: u.username for u in await staff.operators(session)}
    return [
        QueueItem(e, names.get(e.operator_id) if e.operator_id else None, unread[e.id])
        for e in entries
    ]


def assessment(content: Content, offer: Any) -> dict[str, Any] | None:
    """The bot's assessment of the offer in a conversation's state, for operators (in Russian)."""
    catalogue = content.offers
    if not isinstance(offer, dict) or not offer.get("texts") or catalogue is None:
        return None
    # Operators read the staff's language, and an answer as its question («Просят ли… — Ответ:
    # да»): the user's own words are in the chat beside it.
    case = replace(OfferCase.from_dict(offer), language=content.languages.staff, words={})
    result = assess(case, catalogue)
    return {
        "level": result.risk_level,
        "score": result.score,
        "country": result.facts.country,  # where the offer's work is, as a country code
        "city": result.facts.city,
        "indicators": [
            {
                "id": f.id,
                "severity": f.severity,
                "name": f.name,
                "evidence": [e.text for e in f.evidence],
            }
            for f in result.findings
        ],
    }

"""The transcript and the dedupe table of inbound ids.

The dedupe table keeps a SHA-256 of each platform message id, never the id itself: a WhatsApp
message id carries the sender's phone number, and the row outlives the person's /forget.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import utcnow
from bot.storage.models import InboundSeen, Message
from bot.storage.upsert import insert


def seen_key(external_id: str) -> str:
    """What the dedupe table stores for a platform message id."""
    return hashlib.sha256(external_id.encode()).hexdigest()


async def already_seen(session: AsyncSession, *, channel: str, external_id: str) -> bool:
    """True when this inbound message was handled before."""
    found = await session.get(InboundSeen, (channel, seen_key(external_id)))
    return found is not None


async def first_seen(
    session: AsyncSession, *, channel: str, external_id: str, conversation_id: int
) -> bool:
    """Remember an inbound id; False when it was handled before. One statement, not two.

    Call it with the conversation locked: a second copy then waits for the first's
    transaction and finds its row.
    """
    inserted = await session.execute(
        insert(session, InboundSeen)
        .values(
            channel=channel,
            external_id=seen_key(external_id),
            conversation_id=conversation_id,
            seen_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["channel", "external_id"])
        .returning(InboundSeen.channel)
    )
    return inserted.first() is not None


async def mark_seen(
    session: AsyncSession, *, channel: str, external_id: str, conversation_id: int
) -> None:
    """Remember an inbound id; the primary key refuses a second copy."""
    session.add(
        InboundSeen(
            channel=channel,
            external_id=seen_key(external_id),
            conversation_id=conversation_id,
            seen_at=utcnow(),
        )
    )


async def add(
    session: AsyncSession,
    *,
    conversation_id: int,
    direction: str,
    author: str,
    text: str,
    payload: dict[str, Any] | None = None,
) -> Message:
    """Append one line to a conversation's transcript."""
    message = Message(
        conversation_id=conversation_id,
        direction=direction,
        author=author,
        text=text,
        payload=payload or {},
        created_at=utcnow(),
    )
    session.add(message)
    return message


async def transcript(
    session: AsyncSession, *, conversation_id: int, limit: int = 200
) -> Sequence[Message]:
    """The last `limit` lines of a conversation, oldest first."""
    rows = await session.scalars(
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.id.desc())
        .limit(limit)
    )
    return list(reversed(rows.all()))


async def last_inbound_id(session: AsyncSession, *, conversation_id: int) -> int:
    """The id of the user's latest message in a conversation, 0 when there is none."""
    value = await session.scalar(
        select(func.max(Message.id)).where(
            Message.conversation_id == conversation_id, Message.direction == "in"
        )
    )
    return int(value or 0)


async def inbound_after(
    session: AsyncSession, *, conversation_id: int, after_id: int, limit: int = 50
) -> Sequence[Message]:
    """The user's messages in a conversation after `after_id`, oldest first (at most `limit`)."""
    rows = await session.scalars(
        select(Message)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == "in",
            Message.id > after_id,
        )
        .order_by(Message.id)
        .limit(limit)
    )
    return rows.all()

"""What the operators' queue shows about each waiting chat beyond its entry: read-only queries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation, Message


async def conversations(session: AsyncSession, *, ids: Sequence[int]) -> dict[int, Conversation]:
    """The conversations of these ids, by id."""
    if not ids:
        return {}
    rows = await session.scalars(select(Conversation).where(Conversation.id.in_(ids)))
    return {c.id: c for c in rows}


async def last_inbound(session: AsyncSession, *, conversation_ids: Sequence[int]) -> dict[int, str]:
    """The latest text each user wrote, by conversation id (absent when they wrote nothing)."""
    if not conversation_ids:
        return {}
    latest = (
        select(func.max(Message.id))
        .where(Message.conversation_id.in_(conversation_ids), Message.direction == "in")
        .group_by(Message.conversation_id)
    )
    rows = await session.execute(
        select(Message.conversation_id, Message.text).where(Message.id.in_(latest))
    )
    return {int(row[0]): str(row[1]) for row in rows}


async def earlier_handoffs(
    session: AsyncSession, *, conversation_id: int, before_id: int
) -> Sequence[Handoff]:
    """The same person's earlier hand-offs (their conversation's), newest first."""
    query = select(Handoff).where(
        Handoff.conversation_id == conversation_id, Handoff.id < before_id
    )
    return (await session.scalars(query.order_by(Handoff.id.desc()).limit(20))).all()

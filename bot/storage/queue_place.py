"""Where a waiting chat stands in the queue, and how long people have recently waited."""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.handoffs import LEVEL_ORDER, Handoff


async def place_in_queue(session: AsyncSession, *, entry: Handoff) -> int:
    """1 for the next chat an operator would take, counting only chats nobody has taken."""
    level = case(LEVEL_ORDER, value=Handoff.risk_level, else_=9)
    query = (
        select(Handoff.id)
        .where(Handoff.status == "queued")
        .order_by(Handoff.emergency.desc(), level, Handoff.created_at, Handoff.id)
    )
    ids = list((await session.scalars(query)).all())
    return ids.index(entry.id) + 1 if entry.id in ids else 1


async def recent_waits(session: AsyncSession, *, limit: int = 20) -> list[float]:
    """Minutes from queueing to being taken, for the last `limit` chats operators took."""
    query = (
        select(Handoff.created_at, Handoff.claimed_at)
        .where(Handoff.claimed_at.is_not(None))
        .order_by(Handoff.claimed_at.desc())
        .limit(limit)
    )
    rows = (await session.execute(query)).all()
    return [
        max(0.0, (claimed - created).total_seconds() / 60)
        for created, claimed in rows
        if claimed is not None
    ]

"""What is waiting, for /metrics: unsent replies and chats queued for an operator.

Each is one aggregate over the rows still waiting; the outbox's reads only its partial
index of unsettled rows (migration 0008), however many rows were ever sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.handoffs import Handoff
from bot.storage.models import UNSETTLED_LITERAL, OutboxRow


async def unsent(session: AsyncSession) -> tuple[int, datetime | None]:
    """How many replies are not sent yet, and when the oldest of them was queued."""
    query = select(func.count(), func.min(OutboxRow.created_at)).where(
        OutboxRow.status.in_(UNSETTLED_LITERAL)
    )
    count, oldest = (await session.execute(query)).one()
    return int(count), oldest


async def queued(session: AsyncSession) -> tuple[int, datetime | None]:
    """How many chats wait for an operator, and since when the longest-waiting one has."""
    query = select(func.count(), func.min(Handoff.created_at)).where(Handoff.status == "queued")
    count, oldest = (await session.execute(query)).one()
    return int(count), oldest

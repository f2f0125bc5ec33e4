"""Dead outbox rows: the replies given up on, listed for operators and sent again on request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import OutboxRow


async def dead_rows(session: AsyncSession, *, limit: int = 100) -> Sequence[OutboxRow]:
    """Replies given up on, newest first, for operators."""
    query = select(OutboxRow).where(OutboxRow.status == "dead")
    return (await session.scalars(query.order_by(OutboxRow.id.desc()).limit(limit))).all()


async def requeue(session: AsyncSession, *, row_id: int, now: datetime) -> bool:
    """Give a dead row another round of tries; False when it is not dead."""
    result = await session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id, OutboxRow.status == "dead")
        .values(status="pending", attempts=0, next_attempt_at=now, receipt=None, requeued_at=now)
    )
    return bool(getattr(result, "rowcount", 0))

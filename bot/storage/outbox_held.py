"""Held outbox rows: an operator's reply kept until the user writes (WhatsApp after 24 hours).

A held row is an outbox row enqueued with status `HELD` (`outbox.enqueue`). It is no one's
to claim (it is not `pending`), so it neither goes out nor blocks the chat's other replies.
The user's next message makes it pending, due at once, with its tries counted from then: it
then follows the replies written before it, in id order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import OutboxRow

HELD = "held"


async def release(session: AsyncSession, *, conversation_id: int, now: datetime) -> int:
    """Make a chat's held replies due now (the user wrote); how many there were."""
    result = await session.execute(
        update(OutboxRow)
        .where(OutboxRow.conversation_id == conversation_id, OutboxRow.status == HELD)
        .values(status="pending", next_attempt_at=now, requeued_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def held_count(session: AsyncSession, *, conversation_id: int) -> int:
    """How many replies of a chat wait for the user to write."""
    count = await session.scalar(
        select(func.count()).where(
            OutboxRow.conversation_id == conversation_id, OutboxRow.status == HELD
        )
    )
    return int(count or 0)


async def latest_template(session: AsyncSession, *, conversation_id: int) -> OutboxRow | None:
    """The chat's newest row sent (or to send) as a template."""
    rows: Sequence[OutboxRow] = (
        await session.scalars(
            select(OutboxRow)
            .where(OutboxRow.conversation_id == conversation_id, OutboxRow.status != HELD)
            .order_by(OutboxRow.id.desc())
            .limit(50)
        )
    ).all()
    return next((r for r in rows if r.payload.get("template")), None)

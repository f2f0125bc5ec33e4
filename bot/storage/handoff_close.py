"""Ending a handoff without an operator: the user withdrew the request, or used /forget."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.handoffs import OPEN, Handoff, HandoffNote

FORGOTTEN = "forgotten"  # the outcome of an entry whose person used /forget


async def close_open(
    session: AsyncSession, *, conversation_id: int, outcome: str, now: datetime
) -> None:
    """Close the conversation's open entry, if any, without an operator (withdrawn, deleted)."""
    await session.execute(
        update(Handoff)
        .where(Handoff.conversation_id == conversation_id, Handoff.status.in_(OPEN))
        .values(status="closed", outcome=outcome, closed_at=now, updated_at=now)
    )


async def wipe(session: AsyncSession, *, conversation_id: int, now: datetime) -> None:
    """The user's /forget: notes go; entries stay as bare tombstones marked `forgotten`.

    An entry holds no words of the user (reason, level, times), and keeping it lets an
    operator who had the chat open see that the person deleted it, instead of a dead link.
    """
    await session.execute(delete(HandoffNote).where(HandoffNote.conversation_id == conversation_id))
    await session.execute(
        update(Handoff)
        .where(Handoff.conversation_id == conversation_id)
        .values(
            status="closed",
            outcome=FORGOTTEN,
            closed_at=func.coalesce(Handoff.closed_at, now),
            updated_at=now,
        )
    )

"""Which conversations have been idle long enough to delete, and the purge's one-at-a-time lock.

Idle since a cutoff: nothing written in or out since then (the transcript, the outbox: written,
sent or sent again; the person's last message, the row itself), and no hand-off waiting for or
held by an operator. A reply still unsent from before the cutoff does not count: replies are
given up after a day, and one for a channel switched off would otherwise keep its chat forever.
A row already cut from its person by /forget is nobody's and not listed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Database
from bot.storage.forgetting import PLACEHOLDER
from bot.storage.handoffs import OPEN, Handoff
from bot.storage.models import Conversation, Message, OutboxRow

# The key of the purge's PostgreSQL advisory lock: any fixed number no other lock uses.
PURGE_LOCK_KEY = 18_0090


def _idle_since(cutoff: datetime) -> list[Any]:
    """The WHERE clauses of "idle since `cutoff`" on Conversation."""
    cid = Conversation.id
    recent_message = exists().where(Message.conversation_id == cid, Message.created_at >= cutoff)
    busy_outbox = exists().where(
        OutboxRow.conversation_id == cid,
        or_(
            OutboxRow.created_at >= cutoff,
            OutboxRow.sent_at >= cutoff,
            OutboxRow.requeued_at >= cutoff,  # an operator sent it again
        ),
    )
    open_handoff = exists().where(Handoff.conversation_id == cid, Handoff.status.in_(OPEN))
    return [
        Conversation.chat_id.not_like(f"{PLACEHOLDER}%"),
        Conversation.created_at < cutoff,
        Conversation.updated_at < cutoff,
        or_(Conversation.last_inbound_at.is_(None), Conversation.last_inbound_at < cutoff),
        ~recent_message,
        ~busy_outbox,
        ~open_handoff,
    ]


async def idle_ids(
    session: AsyncSession, *, cutoff: datetime, after: int = 0, limit: int
) -> Sequence[int]:
    """Up to `limit` idle conversations' ids above `after`, in id order."""
    query = select(Conversation.id).where(Conversation.id > after, *_idle_since(cutoff))
    return (await session.scalars(query.order_by(Conversation.id).limit(limit))).all()


async def count_idle(session: AsyncSession, *, cutoff: datetime) -> int:
    """How many conversations are idle since `cutoff` (a dry run's answer)."""
    query = select(func.count()).select_from(Conversation).where(*_idle_since(cutoff))
    return int(await session.scalar(query) or 0)


async def lock_if_idle(
    session: AsyncSession, *, conversation_id: int, cutoff: datetime
) -> Conversation | None:
    """The conversation, row-locked, if it is still idle; None if it woke up or is gone.

    Checked again under the lock: the person may have written between the listing and now.
    """
    query = (
        select(Conversation)
        .where(Conversation.id == conversation_id, *_idle_since(cutoff))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(query)


@asynccontextmanager
async def purge_lock(db: Database) -> AsyncIterator[bool]:
    """Whether this caller may purge now: one purge at a time across processes.

    PostgreSQL: a session advisory lock, tried without waiting, released on exit (or when the
    connection dies with its process). SQLite serves one process, whose transactions already
    take the write lock one at a time: always True.
    """
    if not db.is_postgres:
        yield True
        return
    key = {"key": PURGE_LOCK_KEY}
    async with db.engine.connect() as conn:
        held = bool(await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), key))
        await conn.commit()
        try:
            yield held
        finally:
            if held:
                await conn.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                await conn.commit()

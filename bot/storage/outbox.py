"""Outbox rows: enqueue, claim in per-chat order, settle."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, and_, bindparam, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.clock import utcnow
from bot.storage.models import UNSETTLED_LITERAL, Conversation, OutboxRow

UNSETTLED = ("pending", "sending")


async def enqueue(
    session: AsyncSession,
    *,
    conversation_id: int,
    channel: str,
    chat_id: str,
    payload: dict[str, Any],
    status: str = "pending",
    now: datetime | None = None,
) -> OutboxRow:
    """Add a reply to be delivered; it is a row before any send is tried (a `held` row waits
    for the user to write, see outbox_held)."""
    now = now or utcnow()
    row = OutboxRow(
        conversation_id=conversation_id,
        channel=channel,
        chat_id=chat_id,
        payload=payload,
        status=status,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    lease: timedelta,
    limit: int,
    channels: Collection[str],
) -> Sequence[OutboxRow]:
    """Claim rows that are due and first in their chat, for `lease`.

    A row is due when pending and its time has come, or when a sender claimed it and its lease
    ran out (that sender died). Only the oldest unsettled row of a chat is claimable, which
    keeps each chat's replies in order across retries and processes. On PostgreSQL `SKIP
    LOCKED` lets several senders claim disjoint rows.
    """
    earlier = aliased(OutboxRow)
    blocked = exists().where(
        and_(
            earlier.conversation_id == OutboxRow.conversation_id,
            earlier.status.in_(UNSETTLED_LITERAL),  # ix_outbox_unsettled_conversation_id_id
            earlier.id < OutboxRow.id,
        )
    )
    query = (
        select(OutboxRow)
        .where(
            OutboxRow.status.in_(UNSETTLED_LITERAL),  # reads ix_outbox_unsettled_id
            OutboxRow.next_attempt_at <= now,
            OutboxRow.channel.in_(list(channels)),
            ~blocked,
        )
        .order_by(OutboxRow.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=OutboxRow)
    rows = (await session.scalars(query)).all()
    for row in rows:
        row.status = "sending"
        row.next_attempt_at = now + lease
    return rows


async def mark_sent(
    session: AsyncSession, *, row_id: int, external_id: str | None, now: datetime
) -> None:
    """The platform accepted the reply."""
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id)
        .values(status="sent", sent_at=now, external_id=external_id, last_error=None)
    )


async def mark_sent_many(
    session: AsyncSession, *, sent: Mapping[int, str | None], now: datetime
) -> None:
    """The platform accepted these replies (row id → its message id): one executemany."""
    if not sent:
        return
    table = OutboxRow.__table__
    assert isinstance(table, Table)  # a mapped class's table; Core, so this is an executemany
    statement = (
        update(table)
        .where(table.c.id == bindparam("row"))
        .values(status="sent", sent_at=now, external_id=bindparam("ext"), last_error=None)
    )
    await session.execute(statement, [{"row": r, "ext": e} for r, e in sent.items()])


async def mark_failed(
    session: AsyncSession,
    *,
    row_id: int,
    error: str,
    retry_at: datetime | None,
) -> None:
    """Count a failed try; `retry_at=None` makes the row dead (given up, shown to operators)."""
    values: dict[str, Any] = {"attempts": OutboxRow.attempts + 1, "last_error": error[:2000]}
    if retry_at is None:
        values["status"] = "dead"
    else:
        values.update(status="pending", next_attempt_at=retry_at)
    await session.execute(update(OutboxRow).where(OutboxRow.id == row_id).values(**values))


async def rows_for(
    session: AsyncSession, *, conversation_id: int, after_id: int = 0, status: str | None = None
) -> Sequence[OutboxRow]:
    """A chat's replies after a given row id, oldest first."""
    query = select(OutboxRow).where(
        OutboxRow.conversation_id == conversation_id, OutboxRow.id > after_id
    )
    if status is not None:
        query = query.where(OutboxRow.status == status)
    return (await session.scalars(query.order_by(OutboxRow.id))).all()


async def counts(session: AsyncSession) -> dict[str, int]:
    """How many rows are in each status (for /metrics and operators)."""
    result = await session.execute(
        select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
    )
    return {status: int(n) for status, n in result.all()}


async def next_due_at(session: AsyncSession) -> datetime | None:
    """When the soonest unsettled row becomes due, so the sender can sleep until then."""
    value: datetime | None = await session.scalar(
        select(func.min(OutboxRow.next_attempt_at)).where(OutboxRow.status.in_(UNSETTLED))
    )
    return value


async def mark_progress(
    session: AsyncSession, *, row_id: int, progress: int, external_id: str | None
) -> None:
    """`progress` parts of a long reply were accepted; a retry starts after them."""
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id)
        .values(progress=progress, external_id=external_id)
    )


async def last_inbound_at(session: AsyncSession, *, channel: str, chat_id: str) -> datetime | None:
    """When the user of a chat last wrote (WhatsApp's 24-hour window counts from it)."""
    value: datetime | None = await session.scalar(
        select(Conversation.last_inbound_at).where(
            Conversation.channel == channel, Conversation.chat_id == chat_id
        )
    )
    return value


async def latest_sent(session: AsyncSession, *, channel: str, chat_id: str) -> OutboxRow | None:
    """The newest reply a chat has been sent: what the user is most likely answering."""
    query = (
        select(OutboxRow)
        .where(
            OutboxRow.channel == channel,
            OutboxRow.chat_id == chat_id,
            OutboxRow.status == "sent",
        )
        .order_by(OutboxRow.id.desc())
        .limit(1)
    )
    row: OutboxRow | None = await session.scalar(query)
    return row

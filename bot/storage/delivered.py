"""What a chat client may read: a chat's handed-over replies after a cursor, in one query."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Conversation, Message, OutboxRow
from bot.types import ConversationKey


@dataclass(frozen=True, slots=True)
class Delivered:
    """A chat's conversation (id and language) and its visible replies after the cursor."""

    conversation_id: int
    language: str | None
    rows: list[OutboxRow]


async def replies_after(
    session: AsyncSession, *, key: ConversationKey, after_id: int, statuses: Collection[str]
) -> Delivered | None:
    """The chat's replies in `statuses` after row `after_id`, oldest first; None: no chat.

    One statement where a look took two (find the conversation, then its rows): a waiting
    page looks after every reply, so this runs about twice per reply sent.
    """
    query = (
        select(Conversation.id, Conversation.language, OutboxRow)
        .outerjoin(
            OutboxRow,
            and_(
                OutboxRow.conversation_id == Conversation.id,
                OutboxRow.id > after_id,
                OutboxRow.status.in_(list(statuses)),
            ),
        )
        .where(Conversation.channel == key.channel, Conversation.chat_id == key.chat_id)
        .order_by(OutboxRow.id)
    )
    found = (await session.execute(query)).all()
    if not found:
        return None
    rows = [row for _, _, row in found if row is not None]
    return Delivered(found[0][0], found[0][1], rows)


async def operator_lines(
    session: AsyncSession, *, conversation_id: int, around: Sequence[datetime], margin: timedelta
) -> list[Message]:
    """The operators' lines written within `margin` of the first and last of `around`."""
    if not around:
        return []
    query = select(Message).where(
        Message.conversation_id == conversation_id,
        Message.author == "operator",
        Message.created_at >= min(around) - margin,
        Message.created_at <= max(around) + margin,
    )
    return list((await session.scalars(query.order_by(Message.id))).all())

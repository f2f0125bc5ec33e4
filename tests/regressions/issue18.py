"""What the issue 18 regression tests read back: stored inbound texts and seen ids."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import Conversation, InboundSeen, Message
from tests.channels.conftest import Running


async def inbound_texts(running: Running) -> list[str]:
    """The users' messages as stored, oldest first."""
    async with running.sapar.db.transaction() as session:
        query = select(Message.text).where(Message.direction == "in").order_by(Message.id)
        return list((await session.scalars(query)).all())


async def seen_ids(running: Running, channel: str) -> list[str]:
    """The dedupe keys stored for a channel."""
    async with running.sapar.db.transaction() as session:
        query = select(InboundSeen.external_id).where(InboundSeen.channel == channel)
        return list((await session.scalars(query)).all())


async def chat_ids(running: Running, channel: str) -> list[str]:
    async with running.sapar.db.transaction() as session:
        query = select(Conversation.chat_id).where(Conversation.channel == channel)
        return list((await session.scalars(query)).all())

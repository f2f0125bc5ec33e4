"""Conversations and their users: get-or-create, lock, save."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import utcnow
from bot.storage.models import Conversation, User
from bot.storage.upsert import insert as _insert
from bot.types import ConversationKey


async def lock_conversation(
    session: AsyncSession, *, key: ConversationKey, user_external_id: str | None = None
) -> Conversation:
    """Get or create the conversation and hold its row lock until the transaction ends.

    On PostgreSQL this is `SELECT … FOR UPDATE`, so several processes serving one bot take
    turns on one chat. On SQLite every transaction already holds the database write lock.
    """
    conversation = await _locked(session, key)
    if conversation is not None:  # a chat seen before: one statement
        return conversation
    user_ext = user_external_id or key.chat_id
    user_id = await session.scalar(
        _insert(session, User)
        .values(channel=key.channel, external_id=user_ext, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["channel", "external_id"])
        .returning(User.id)
    )
    if user_id is None:  # the person had a chat on this channel before
        user_id = await session.scalar(
            select(User.id).where(User.channel == key.channel, User.external_id == user_ext)
        )
    now = utcnow()
    # A row this transaction inserts is as good as locked: no one else sees it before the
    # commit. A new chat is three statements where it was five.
    created: Conversation | None = await session.scalar(
        _insert(session, Conversation)
        .values(
            channel=key.channel,
            chat_id=key.chat_id,
            user_id=user_id,
            status="bot",
            state={},
            turns=0,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["channel", "chat_id"])
        .returning(Conversation)
        .execution_options(populate_existing=True)
    )
    if created is not None:
        return created
    # Another process created it meanwhile: the insert did nothing, the row is there.
    conversation = await _locked(session, key)
    if conversation is None:  # the insert above guarantees a row; this is a broken database
        raise RuntimeError(f"conversation {key} vanished inside its own transaction")
    return conversation


async def _locked(session: AsyncSession, key: ConversationKey) -> Conversation | None:
    """The chat's conversation, row-locked on PostgreSQL, fresh from the database."""
    return await session.scalar(
        select(Conversation)
        .where(Conversation.channel == key.channel, Conversation.chat_id == key.chat_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def find(session: AsyncSession, *, key: ConversationKey) -> Conversation | None:
    """The conversation of a chat, if it exists, without locking it."""
    return await session.scalar(
        select(Conversation).where(
            Conversation.channel == key.channel, Conversation.chat_id == key.chat_id
        )
    )


async def get(session: AsyncSession, *, conversation_id: int) -> Conversation | None:
    """A conversation by id."""
    return await session.get(Conversation, conversation_id)


def save_turn(
    conversation: Conversation,
    *,
    state: dict[str, Any],
    language: str | None,
    status: str,
    inbound_at: datetime,
) -> None:
    """Record the outcome of one engine step on the locked row."""
    conversation.state = state
    conversation.language = language
    conversation.status = status
    conversation.turns = conversation.turns + 1
    conversation.updated_at = utcnow()
    conversation.last_inbound_at = inbound_at

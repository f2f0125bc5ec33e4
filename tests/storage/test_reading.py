"""`Database.reading()`: a read-only transaction that a writer holding the lock does not stop."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.storage import conversations
from bot.storage.database import Database
from bot.storage.models import Conversation
from bot.types import ConversationKey

GUARD = 10.0  # a reader queued behind the writer would wait for SQLite's 30 s busy timeout


async def test_a_reader_sees_the_last_commit_while_a_writer_holds_the_lock(db: Database) -> None:
    async with db.transaction() as s:
        await conversations.lock_conversation(s, key=ConversationKey("t", "committed"))
    holding, release = asyncio.Event(), asyncio.Event()

    async def writer() -> None:
        async with db.transaction() as s:
            await conversations.lock_conversation(s, key=ConversationKey("t", "uncommitted"))
            await s.flush()
            holding.set()
            await release.wait()

    task = asyncio.create_task(writer())
    try:
        await asyncio.wait_for(holding.wait(), GUARD)

        async def count() -> int:
            async with db.reading() as s:
                return int(await s.scalar(select(func.count()).select_from(Conversation)) or 0)

        assert await asyncio.wait_for(count(), GUARD) == 1  # not the writer's row, not blocked
    finally:
        release.set()
        await task
    async with db.reading() as s:
        assert await conversations.find(s, key=ConversationKey("t", "uncommitted")) is not None

"""The topic ↔ hand-off mapping on every backend (memory, SQLite, PostgreSQL): kept once per
hand-off and per topic, found both ways, the relayed mark only moving forward; the migration."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import conversations, handoffs, migrate
from bot.storage.database import Database
from bot.storage.models import Base
from bot.storage.topics import MemoryTopics, SqlTopics, Topic, TopicStore
from bot.types import ConversationKey
from tests.storage.stores import PARAMS, Stores, database_for

GROUP = "-1001234567890"
T0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


class Backend(Stores[TopicStore]):
    """One store per backend, opened in a transaction like the services do."""

    def __init__(self, db: Database | None) -> None:
        super().__init__(db, MemoryTopics(), SqlTopics)

    async def handoff(self, chat: str) -> tuple[int, int]:
        """A conversation and its open hand-off: (conversation id, hand-off id)."""
        if self.db is None:
            return {"a": (1, 11), "b": (2, 12)}[chat]
        async with self.db.transaction() as s:
            conv = await conversations.lock_conversation(s, key=ConversationKey("test", chat))
            entry = await handoffs.create(
                s, conversation_id=conv.id, reason="asked_for_human", risk_level=None,
                emergency=False, channel="test", language="ru", now=T0,
            )  # fmt: skip
            return conv.id, entry.id


@pytest.fixture(params=PARAMS)
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    async with database_for(request.param, tmp_path) as db:
        yield Backend(db)


async def test_a_topic_is_kept_once_and_found_by_thread_and_by_handoff(backend: Backend) -> None:
    (conv_a, a), (conv_b, b) = await backend.handoff("a"), await backend.handoff("b")
    async with backend.store() as store:
        assert await store.add(Topic(a, conv_a, GROUP, 5))
    async with backend.store() as store:
        assert not await store.add(Topic(a, conv_a, GROUP, 6))  # the hand-off has one
        assert not await store.add(Topic(b, conv_b, GROUP, 5))  # the topic is a's
        assert await store.add(Topic(b, conv_b, GROUP, 7))
    async with backend.store() as store:
        assert await store.by_thread(chat_id=GROUP, thread_id=5) == Topic(a, conv_a, GROUP, 5)
        assert await store.by_thread(chat_id="-100999", thread_id=5) is None
        found = await store.by_handoff(b)
        assert found is not None and found.thread_id == 7 and found.relayed_id == 0
        assert await store.by_handoff(999_999) is None


async def test_the_relayed_mark_only_moves_forward(backend: Backend) -> None:
    conv, a = await backend.handoff("a")
    async with backend.store() as store:
        await store.add(Topic(a, conv, GROUP, 5))
        await store.relayed(a, up_to=40)
    async with backend.store() as store:
        await store.relayed(a, up_to=30)  # an older relay finishing late
        await store.relayed(999_999, up_to=50)  # no such topic: nothing to mark
        found = await store.by_handoff(a)
    assert found is not None and found.relayed_id == 40


async def test_a_conversations_topics_are_listed_and_dropped_one_by_one(backend: Backend) -> None:
    (conv_a, a), (conv_b, b) = await backend.handoff("a"), await backend.handoff("b")
    async with backend.store() as store:
        await store.add(Topic(a, conv_a, GROUP, 5))
        await store.add(Topic(b, conv_b, GROUP, 6))
    async with backend.store() as store:
        assert [t.thread_id for t in await store.of_conversation(conv_a)] == [5]
        await store.drop(a)
        await store.drop(999_999)  # nothing to drop
    async with backend.store() as store:
        assert await store.of_conversation(conv_a) == []
        assert await store.by_thread(chat_id=GROUP, thread_id=5) is None
        assert [t.thread_id for t in await store.of_conversation(conv_b)] == [6]


async def test_a_state_is_told_once(backend: Backend) -> None:
    conv, a = await backend.handoff("a")
    async with backend.store() as store:
        await store.add(Topic(a, conv, GROUP, 5))
        assert not await store.tell(a, "queued")  # a new topic starts queued
        assert await store.tell(a, "claimed:3")
    async with backend.store() as store:
        assert not await store.tell(a, "claimed:3")  # another process saw the same event
        assert not await store.tell(999_999, "closed")
        found = await store.by_handoff(a)
    assert found is not None and found.told == "claimed:3"


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if "handoff_topics" in repr(d) or "telegram_user_id" in repr(d)]


def tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migration_0015_matches_the_models_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
    await migrate.downgrade(db, "0014")
    async with db.engine.connect() as conn:
        assert "handoff_topics" not in await conn.run_sync(tables)
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()
    async with db.engine.connect() as conn:
        assert "handoff_topics" in await conn.run_sync(tables)

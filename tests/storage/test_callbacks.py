"""Callback requests on every backend (memory, SQLite, PostgreSQL): open oldest first, done
once and without its number, all of a conversation gone on /forget; the migration."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import conversations, forgetting, migrate
from bot.storage.callbacks import CallbackStore, MemoryCallbacks, SqlCallbacks
from bot.storage.database import Database
from bot.storage.models import Base, Conversation
from bot.types import ConversationKey
from tests.storage.stores import PARAMS, Stores, database_for

T0 = datetime(2026, 12, 5, 22, 0, tzinfo=UTC)
Opener = Callable[[], AbstractAsyncContextManager[CallbackStore]]


class Backend(Stores[CallbackStore]):
    """One store per backend, opened in a transaction like the services do."""

    def __init__(self, db: Database | None) -> None:
        super().__init__(db, MemoryCallbacks(), SqlCallbacks)

    async def conversation(self, chat: str) -> int:
        if self.db is None:
            return {"a": 1, "b": 2}[chat]
        async with self.db.transaction() as s:
            conv = await conversations.lock_conversation(s, key=ConversationKey("test", chat))
            return conv.id


@pytest.fixture(params=PARAMS)
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    async with database_for(request.param, tmp_path) as db:
        yield Backend(db)


async def add(backend: Backend, conv: int, at: datetime, phone: str | None = None) -> int:
    async with backend.store() as store:
        request = await store.add(
            conversation_id=conv, channel="webchat", language="ky", time="morning",
            via="phone" if phone else "chat", phone=phone, now=at,
        )  # fmt: skip
        return request.id


async def test_open_requests_come_oldest_first_and_done_clears_the_number(
    backend: Backend,
) -> None:
    a, b = await backend.conversation("a"), await backend.conversation("b")
    later = await add(backend, a, T0 + timedelta(minutes=5), phone="+996555123456")
    first = await add(backend, b, T0)
    async with backend.store() as store:
        found = await store.open()
    assert [r.id for r in found] == [first, later]
    assert found[1].phone == "+996555123456" and found[1].created_at == T0 + timedelta(minutes=5)
    assert found[0].language == "ky" and found[0].via == "chat"
    async with backend.store() as store:
        done = await store.done(later, now=T0 + timedelta(hours=11))
        assert done is not None and done.phone is None and done.done_at is not None
        assert await store.done(later, now=T0) is None  # twice: nothing more to do
        assert await store.done(999_999, now=T0) is None
    async with backend.store() as store:
        assert [r.id for r in await store.open()] == [first]


async def test_forget_deletes_every_request_of_the_conversation_only(backend: Backend) -> None:
    a, b = await backend.conversation("a"), await backend.conversation("b")
    await add(backend, a, T0, phone="0555123456")
    await add(backend, a, T0 + timedelta(minutes=1))
    kept = await add(backend, b, T0)
    async with backend.store() as store:
        assert await store.forget(conversation_id=a) == 2
    async with backend.store() as store:
        assert [r.id for r in await store.open()] == [kept]


async def test_a_users_forget_wipe_takes_their_callback_requests(db: Database) -> None:
    sql = Backend(db)
    conv_id = await sql.conversation("a")
    await add(sql, conv_id, T0, phone="+996555123456")
    async with db.transaction() as session:
        conv = await session.get(Conversation, conv_id)
        assert conv is not None
        await forgetting.wipe(session, conversation=conv)
    async with sql.store() as store:
        assert await store.open() == []


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if "callback_requests" in repr(d)]


def tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migration_0014_matches_the_model_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
    await migrate.downgrade(db, "0012")
    async with db.engine.connect() as conn:
        assert "callback_requests" not in await conn.run_sync(tables)
    await migrate.upgrade(db)
    async with db.engine.connect() as conn:
        assert "callback_requests" in await conn.run_sync(tables)

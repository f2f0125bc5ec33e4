"""Conversations, transcript and dedupe tables, on every backend."""

from __future__ import annotations

import asyncio

from alembic.script import ScriptDirectory
from sqlalchemy import func, select

from bot.clock import utcnow
from bot.storage import conversations, forgetting, messages, migrate, outbox
from bot.storage.database import Database
from bot.storage.models import InboundSeen, Message, User
from bot.types import ConversationKey
from tests.conftest import DatabaseFactory

KEY = ConversationKey("telegram", "42")


async def test_lock_creates_user_and_conversation_once(db: Database) -> None:
    async with db.transaction() as s:
        first = await conversations.lock_conversation(s, key=KEY)
    async with db.transaction() as s:
        again = await conversations.lock_conversation(s, key=KEY)
        users = await s.scalar(select(func.count()).select_from(User))
    assert first.id == again.id
    assert first.status == "bot" and first.state == {}
    assert users == 1


async def test_save_turn_persists_state_json(db: Database) -> None:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=KEY)
        conversations.save_turn(
            conv,
            state={"language": "ky", "n": [1, 2]},
            language="ky",
            status="queued",
            inbound_at=utcnow(),
        )
    async with db.transaction() as s:
        found = await conversations.find(s, key=KEY)
    assert found is not None
    assert found.state == {"language": "ky", "n": [1, 2]}
    assert found.status == "queued" and found.turns == 1
    assert found.last_inbound_at is not None and found.last_inbound_at.tzinfo is not None


async def test_seen_ids_are_per_channel(db: Database) -> None:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=KEY)
        await messages.mark_seen(s, channel="telegram", external_id="1", conversation_id=conv.id)
    async with db.transaction() as s:
        assert await messages.already_seen(s, channel="telegram", external_id="1")
        assert not await messages.already_seen(s, channel="whatsapp", external_id="1")


async def test_wipe_removes_transcript_outbox_and_seen_ids(db: Database) -> None:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=KEY)
        await messages.add(s, conversation_id=conv.id, direction="in", author="user", text="hi")
        await messages.mark_seen(s, channel="telegram", external_id="9", conversation_id=conv.id)
        await outbox.enqueue(
            s, conversation_id=conv.id, channel="telegram", chat_id="42", payload={"text": "x"}
        )
        conversations.save_turn(
            conv, state={"a": 1}, language="ru", status="queued", inbound_at=utcnow()
        )
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=KEY)
        await forgetting.wipe(s, conversation=conv, now=utcnow())
    async with db.transaction() as s:
        left = [
            await s.scalar(select(func.count()).select_from(table))
            for table in (Message, InboundSeen)
        ]
        conv_after = await conversations.find(s, key=KEY)
        rows = await outbox.rows_for(s, conversation_id=conv.id)
    assert left == [0, 0] and list(rows) == []
    assert conv_after is not None and conv_after.state == {} and conv_after.language is None


async def test_row_lock_serialises_two_processes(databases: DatabaseFactory) -> None:
    """Two engines (as two processes) increment one counter; no update is lost."""
    first = await databases.create()
    second = databases.open()

    async def bump(db: Database) -> None:
        for _ in range(10):
            async with db.transaction() as s:
                conv = await conversations.lock_conversation(s, key=KEY)
                count = int(conv.state.get("count", 0))
                await asyncio.sleep(0)  # let the other writer try to interleave
                conv.state = {"count": count + 1}

    await asyncio.gather(bump(first), bump(second))
    async with first.transaction() as s:
        conv = await conversations.find(s, key=KEY)
    assert conv is not None and conv.state == {"count": 20}


async def test_migrations_go_down_and_up_again(db: Database) -> None:
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert await migrate.current(db) == head
    await migrate.downgrade(db, "base")
    assert await migrate.current(db) is None
    await migrate.upgrade(db)
    assert await migrate.current(db) == head

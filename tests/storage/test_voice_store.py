"""Both voice stores keep, give back and drop by conversation alike (memory and SQL)."""

from __future__ import annotations

import pytest

from bot.storage import conversations, migrate
from bot.storage.database import Database
from bot.storage.voice_store import KeptVoice, MemoryVoiceStore, SqlVoiceStore, VoiceStore
from bot.types import ConversationKey


async def two_chats(db: Database) -> tuple[int, int]:
    ids = []
    async with db.transaction() as session:
        for chat in ("a", "b"):
            conv = await conversations.lock_conversation(
                session, key=ConversationKey("telegram", chat), user_external_id=None
            )
            ids.append(conv.id)
    return ids[0], ids[1]


@pytest.mark.parametrize("kind", ["memory", "sql"])
async def test_a_store_keeps_gives_back_and_drops_one_chats_notes(db: Database, kind: str) -> None:
    first, second = await two_chats(db)
    store: VoiceStore = MemoryVoiceStore() if kind == "memory" else SqlVoiceStore(db)
    await store.keep(KeptVoice("r1", first, "audio/ogg", b"OggS1"))
    await store.keep(KeptVoice("r2", first, "audio/ogg", b"OggS2"))
    await store.keep(KeptVoice("r3", second, "audio/mpeg", b"ID3"))
    found = await store.get("r3")
    assert found is not None and found.data == b"ID3" and found.content_type == "audio/mpeg"
    await store.drop(first)
    assert await store.get("r1") is None and await store.get("r2") is None
    assert await store.get("r3") is not None
    assert await store.get("nope") is None


async def test_migration_0013_goes_down_and_up(db: Database) -> None:
    first, _ = await two_chats(db)
    await migrate.downgrade(db, "0012")
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()  # later revisions follow 0013
    store = SqlVoiceStore(db)
    await store.keep(KeptVoice("r1", first, "audio/ogg", b"OggS"))
    assert await store.get("r1") is not None

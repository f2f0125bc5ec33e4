"""Following a chat: a waiter sleeps on its bell and is woken by a ready reply, nothing else.

Timeouts here only stop a broken test from hanging; every assertion is about the bell
(rung or not) and how often the database was asked, never about how long something took.
"""

from __future__ import annotations

import asyncio
import contextlib

from bot.services.transcripts import Look, TranscriptService
from bot.services.wakeups import ChatWakeups
from bot.storage import conversations, outbox
from bot.storage.database import Database
from bot.types import ConversationKey
from tests.conftest import DatabaseFactory

KEY = ConversationKey("webchat", "chat-a")
GUARD = 20.0  # far above any wake-up; far below the follow's own wait
FOREVER = 3600.0  # a long poll that would outlast the test if nothing woke it


class CountingTranscripts(TranscriptService):
    """The real service, counting its database look-ups for one chat's new replies."""

    looks = 0

    async def look(self, key: ConversationKey, after: int) -> Look:
        self.looks += 1
        return await super().look(key, after)


async def _reply(db: Database, text: str, status: str = "sending") -> int:
    """A reply of KEY's chat, handed over to its deliverer (`sending`) unless told otherwise."""
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=KEY)
        row = await outbox.enqueue(
            s,
            conversation_id=conv.id,
            channel=KEY.channel,
            chat_id=KEY.chat_id,
            payload={"text": text},
        )
        row.status = status
        await s.flush()
        return row.id


async def _until_waiting(wakeups: ChatWakeups, n: int = 1) -> None:
    async with asyncio.timeout(GUARD):
        while wakeups.waiting < n:
            await asyncio.sleep(0)


async def test_a_ready_reply_wakes_its_follower_without_a_poll(db: Database) -> None:
    transcripts = CountingTranscripts(db)
    follower = asyncio.create_task(transcripts.follow(KEY, 0, FOREVER))
    await _until_waiting(transcripts.wakeups)
    assert transcripts.looks == 1 and not follower.done()  # looked once, then sleeps
    row = await _reply(db, "Салам")
    await transcripts.ready(KEY)
    found = await asyncio.wait_for(follower, GUARD)
    assert [(line.id, line.text) for line in found.lines] == [(row, "Салам")]
    # On PostgreSQL the LISTEN connection's first connect rings once more (a catch-up look).
    assert transcripts.looks <= 3
    await transcripts.wakeups.stop()


async def test_an_idle_follow_looks_twice_not_every_second(db: Database) -> None:
    transcripts = CountingTranscripts(db)
    transcripts.wakeups.ring_all_here = lambda: None  # type: ignore[method-assign]  # no catch-up ring
    assert (await transcripts.follow(KEY, 0, 2.5)).lines == []
    assert transcripts.looks == 2  # once at the start, once when the wait runs out
    await transcripts.wakeups.stop()


async def test_rows_not_handed_over_are_not_shown_and_the_cursor_holds(db: Database) -> None:
    transcripts = TranscriptService(db)
    first = await _reply(db, "one", status="sent")
    await _reply(db, "two", status="pending")  # the sender has not taken it yet
    assert [line.id for line in await transcripts.delivered_after(KEY, 0)] == [first]
    assert await transcripts.delivered_after(KEY, first) == []
    lines, cursor = await transcripts.history(KEY)
    assert [line.text for line in lines] == ["one"] and cursor == first


def test_a_ring_wakes_only_the_bells_of_its_chat() -> None:
    wakeups = ChatWakeups(_SqliteOnly())
    with wakeups.watch("a") as a1, wakeups.watch("a") as a2, wakeups.watch("b") as b:
        assert wakeups.waiting == 3
        wakeups.ring_here("a")
        assert a1.rung and a2.rung and not b.rung  # two tabs of one chat both wake
    assert wakeups.waiting == 0  # bells are dropped with their waiters


async def test_a_ring_from_another_process_arrives_by_notify(
    pg_databases: DatabaseFactory,
) -> None:
    here = ChatWakeups(await pg_databases.create())
    there = ChatWakeups(pg_databases.open())  # its own engine, as a second process has
    try:
        with there.watch("a") as bell, there.watch("b") as other:
            assert await bell.wait(GUARD)  # LISTEN is up: the first connect rings everyone
            await other.wait(0)
            await here.ring("a")
            assert await bell.wait(GUARD)
            assert not other.rung
    finally:
        await here.stop()
        await there.stop()


async def test_many_rings_at_once_reach_every_chat_in_another_process(
    pg_databases: DatabaseFactory,
) -> None:
    here = ChatWakeups(await pg_databases.create())
    there = ChatWakeups(pg_databases.open())
    chats = [f"webchat:{n:040d}" for n in range(250)]  # more than one NOTIFY's worth
    try:
        with contextlib.ExitStack() as stack:
            bells = [stack.enter_context(there.watch(chat)) for chat in chats]
            assert await bells[0].wait(GUARD)  # LISTEN is up (its first connect rings all)
            for bell in bells[1:]:
                await bell.wait(0)
            for chat in chats:
                await here.ring(chat)
            for bell in bells:
                assert await bell.wait(GUARD)
    finally:
        await here.stop()
        await there.stop()


class _SqliteOnly:
    is_postgres = False

"""Outbox claims: due rows only, one per chat, oldest first, leases, dead rows."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.clock import utcnow
from bot.storage import conversations, outbox
from bot.storage.database import Database
from bot.types import ConversationKey
from tests.conftest import DatabaseFactory

LEASE = timedelta(seconds=60)


async def _enqueue(db: Database, chat: str, *texts: str) -> list[int]:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("t", chat))
        rows = [
            await outbox.enqueue(
                s, conversation_id=conv.id, channel="t", chat_id=chat, payload={"text": t}
            )
            for t in texts
        ]
        await s.flush()
        return [r.id for r in rows]


async def _claim(db: Database, *, now_offset: float = 0.0) -> list[int]:
    async with db.transaction() as s:
        rows = await outbox.claim_due(
            s, now=utcnow() + timedelta(seconds=now_offset), lease=LEASE, limit=50, channels=["t"]
        )
        return [r.id for r in rows]


async def test_only_the_oldest_row_of_each_chat_is_claimed(db: Database) -> None:
    a = await _enqueue(db, "a", "a1", "a2", "a3")
    b = await _enqueue(db, "b", "b1", "b2")
    assert await _claim(db) == [a[0], b[0]]
    assert await _claim(db) == []  # both chats wait for their first row to settle
    async with db.transaction() as s:
        await outbox.mark_sent(s, row_id=a[0], external_id="m1", now=utcnow())
    assert await _claim(db) == [a[1]]


async def test_a_failed_row_blocks_its_chat_until_retried(db: Database) -> None:
    a = await _enqueue(db, "a", "a1", "a2")
    assert await _claim(db) == [a[0]]
    async with db.transaction() as s:
        await outbox.mark_failed(
            s, row_id=a[0], error="500", retry_at=utcnow() + timedelta(seconds=30)
        )
    assert await _claim(db) == []  # a2 must not overtake a1
    assert await _claim(db, now_offset=31) == [a[0]]


async def test_an_expired_lease_is_claimed_again(db: Database) -> None:
    a = await _enqueue(db, "a", "a1")
    assert await _claim(db) == [a[0]]
    assert await _claim(db, now_offset=30) == []
    assert await _claim(db, now_offset=61) == [a[0]]  # the first sender died


async def test_a_dead_row_is_kept_and_stops_blocking(db: Database) -> None:
    a = await _enqueue(db, "a", "a1", "a2")
    await _claim(db)
    async with db.transaction() as s:
        await outbox.mark_failed(s, row_id=a[0], error="403 blocked", retry_at=None)
        counts = await outbox.counts(s)
    assert counts == {"dead": 1, "pending": 1}
    assert await _claim(db) == [a[1]]


async def test_next_due_at_is_the_soonest_unsettled_row(db: Database) -> None:
    async with db.transaction() as s:
        assert await outbox.next_due_at(s) is None
    await _enqueue(db, "a", "a1")
    async with db.transaction() as s:
        due = await outbox.next_due_at(s)
    assert due is not None and due <= utcnow()


async def test_two_senders_never_claim_the_same_row(databases: DatabaseFactory) -> None:
    first = await databases.create()
    second = databases.open()
    for chat in "abcdefgh":
        await _enqueue(first, chat, f"{chat}1")
    claims = await asyncio.gather(*(_claim(db) for db in (first, second, first, second)))
    everything = [row for claim in claims for row in claim]
    assert sorted(everything) == sorted(set(everything))  # nobody got a row twice
    assert len(everything) == 8


async def _settled(db: Database, chat: str) -> list[tuple[str, str | None]]:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("t", chat))
        return [
            (r.status, r.external_id) for r in await outbox.rows_for(s, conversation_id=conv.id)
        ]


async def test_several_sent_rows_are_marked_in_one_statement_each_with_its_id(
    db: Database,
) -> None:
    a = await _enqueue(db, "a", "a1", "a2")
    b = await _enqueue(db, "b", "b1")
    async with db.transaction() as s:
        await outbox.mark_sent_many(s, sent={a[0]: "m-a1", b[0]: None}, now=utcnow())
    assert await _settled(db, "a") == [("sent", "m-a1"), ("pending", None)]
    assert await _settled(db, "b") == [("sent", None)]
    assert await _claim(db) == [a[1]]

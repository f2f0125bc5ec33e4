"""The queue's tables on every backend: migration, ordering, one open entry, the claim race."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from bot.storage import conversations, handoffs, migrate, staff
from bot.storage.database import Database
from bot.types import ConversationKey
from tests.conftest import DatabaseFactory

T0 = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
NEW_TABLES = {
    "staff_users",
    "staff_sessions",
    "login_attempts",
    "handoffs",
    "handoff_notes",
    "audit_log",
}


async def tables(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_migration_0003_goes_down_to_0002_and_up_again(db: Database) -> None:
    assert await migrate.current(db) == migrate.head()
    assert await tables(db) >= NEW_TABLES
    await migrate.downgrade(db, "0002")
    assert await migrate.current(db) == "0002"
    assert not NEW_TABLES & await tables(db)
    await migrate.upgrade(db)
    assert await tables(db) >= NEW_TABLES


async def conversation(db: Database, chat: str) -> int:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("test", chat))
        return conv.id


async def entry(
    db: Database, chat: str, *, reason: str = "asked_for_human", at: datetime = T0, **kw: object
) -> int:
    cid = await conversation(db, chat)
    async with db.transaction() as s:
        created = await handoffs.create(
            s,
            conversation_id=cid,
            reason=reason,
            risk_level=kw.get("risk_level"),  # type: ignore[arg-type]
            emergency=bool(kw.get("emergency", False)),
            channel="test",
            language="ru",
            now=at,
        )
        return created.id


async def operator(db: Database, name: str) -> int:
    async with db.transaction() as s:
        return (await staff.add(s, username=name, password_hash="x", role="operator")).id


async def test_queue_puts_emergencies_first_then_risk_then_the_longest_waiting(
    db: Database,
) -> None:
    old = await entry(db, "a", at=T0)
    newer = await entry(db, "b", at=T0 + timedelta(minutes=5))
    critical = await entry(
        db, "c", reason="critical_offer", risk_level="critical", at=T0 + timedelta(minutes=9)
    )
    sos = await entry(db, "d", reason="emergency", emergency=True, at=T0 + timedelta(minutes=10))
    async with db.transaction() as s:
        order = [e.id for e in await handoffs.queue(s)]
    assert order == [sos, critical, old, newer]


async def test_a_conversation_has_at_most_one_open_entry(db: Database) -> None:
    await entry(db, "a")
    with pytest.raises(IntegrityError):
        await entry(db, "a")


@pytest.mark.parametrize("rounds", [5])
async def test_two_operators_in_two_processes_claim_one_chat_and_one_wins(
    databases: DatabaseFactory, rounds: int
) -> None:
    first = await databases.create()
    second = databases.open()
    alice, bob = await operator(first, "alice"), await operator(first, "bob")
    for n in range(rounds):
        handoff_id = await entry(first, f"race-{n}")

        async def take(db: Database, who: int, handoff_id: int = handoff_id) -> bool:
            async with db.transaction() as s:
                await handoffs.lock_conversation(
                    s,
                    conversation_id=(await handoffs.get(s, handoff_id=handoff_id)).conversation_id,  # type: ignore[union-attr]
                )
                await asyncio.sleep(0)
                return await handoffs.claim(s, handoff_id=handoff_id, operator_id=who, now=T0)

        results = await asyncio.gather(take(first, alice), take(second, bob))
        assert sorted(results) == [False, True]
        async with second.transaction() as s:
            won = await handoffs.get(s, handoff_id=handoff_id)
        assert won is not None and won.status == "claimed"
        assert won.operator_id == (alice if results[0] else bob)

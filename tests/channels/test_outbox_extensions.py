"""What the channels added to the outbox: receipts, dead rows for operators, the 0002 schema."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.channels.delivery.sender import Sender
from bot.clock import utcnow
from bot.services.outbox import OutboxService
from bot.settings import OutboxSettings
from bot.storage import conversations, migrate, outbox
from bot.storage.database import Database
from bot.storage.models import Base, OutboxRow
from bot.types import ConversationKey, Reply
from tests.channels.conftest import eventually
from tests.conftest import DatabaseFactory


async def _row(db: Database, chat: str, text: str) -> int:
    async with db.transaction() as session:
        conv = await conversations.lock_conversation(session, key=ConversationKey("whatsapp", chat))
        row = await outbox.enqueue(
            session,
            conversation_id=conv.id,
            channel="whatsapp",
            chat_id=chat,
            payload=Reply(text).to_dict(),
        )
        await session.flush()
        return row.id


async def test_receipts_move_forward_and_failed_makes_the_row_dead(db: Database) -> None:
    service = OutboxService(db)
    first, second = await _row(db, "1", "бир"), await _row(db, "2", "эки")
    await service.sent(first, "wamid.A")
    await service.sent(second, "wamid.B")

    assert await service.receipt("whatsapp", "wamid.A", "read")
    assert await service.receipt("whatsapp", "wamid.A", "delivered")  # late, ignored
    assert await service.receipt("whatsapp", "wamid.B", "failed", error="131026 undeliverable")
    assert not await service.receipt("whatsapp", "wamid.unknown", "read")
    assert not await service.receipt("telegram", "wamid.A", "read")

    async with db.transaction() as session:
        rows = {r.id: r for r in await outbox.rows_for(session, conversation_id=1)}
        rows |= {r.id: r for r in await outbox.rows_for(session, conversation_id=2)}
    assert (rows[first].receipt, rows[first].status) == ("read", "sent")
    assert (rows[second].receipt, rows[second].status) == ("failed", "dead")
    dead = await service.dead()
    assert [(d.row_id, d.text, d.error) for d in dead] == [(second, "эки", "131026 undeliverable")]


async def test_an_operator_can_requeue_a_dead_reply(db: Database) -> None:
    service = OutboxService(db)
    row = await _row(db, "3", "үч")
    await service.claim(channels=["whatsapp"], lease=timedelta(seconds=60), limit=10)
    await service.failed(row, "gave up", None)

    assert [d.row_id for d in await service.dead()] == [row]
    assert await service.requeue(row)
    assert not await service.requeue(row)  # no longer dead
    claimed = await service.claim(channels=["whatsapp"], lease=timedelta(seconds=60), limit=10)
    assert [(d.row_id, d.attempts, d.progress) for d in claimed] == [(row, 0, 0)]
    assert await service.dead() == []
    since = claimed[0].tries_since  # the tries' time budget starts again from the requeue
    assert since is not None and since > await _created_at(db, row)


async def _created_at(db: Database, row_id: int) -> datetime:
    async with db.transaction() as session:
        row = await session.get(OutboxRow, row_id)
        assert row is not None
        return row.created_at


async def test_progress_is_kept_for_the_next_try(db: Database) -> None:
    service = OutboxService(db)
    row = await _row(db, "4", "узун")
    await service.claim(channels=["whatsapp"], lease=timedelta(seconds=60), limit=10)
    await service.progressed(row, 2, "m-2")
    await service.failed(row, "network", utcnow())

    claimed = await service.claim(channels=["whatsapp"], lease=timedelta(seconds=60), limit=10)

    assert [(d.row_id, d.progress) for d in claimed] == [(row, 2)]


async def test_last_inbound_at_is_the_conversations(db: Database) -> None:
    service = OutboxService(db)
    await _row(db, "5", "беш")

    assert await service.last_inbound_at("whatsapp", "5") is None
    assert await service.last_inbound_at("whatsapp", "nobody") is None


async def test_migration_0002_matches_the_models_and_goes_down_and_up(
    databases: DatabaseFactory,
) -> None:
    db = await databases.create()

    def differences(connection: Connection) -> list[object]:
        """Where the outbox table's migrated schema and its model disagree."""
        found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        return [d for d in found if "outbox" in repr(d)]

    def outbox_columns(connection: Connection) -> set[str]:
        return {c["name"] for c in inspect(connection).get_columns("outbox")}

    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
        assert {"progress", "receipt", "receipt_at"} <= await conn.run_sync(outbox_columns)
    await migrate.downgrade(db, "0001")
    assert await migrate.current(db) == "0001"
    async with db.engine.connect() as conn:
        assert not {"progress", "receipt"} & await conn.run_sync(outbox_columns)
    await migrate.upgrade(db, "0002")
    assert await migrate.current(db) == "0002"
    await migrate.upgrade(db)


class OneSlowChat:
    """Holds every send to chat "slow" until released; others go through at once."""

    channel = "whatsapp"

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.delivered: list[str] = []

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        if chat_id == "slow":
            await self.release.wait()
        self.delivered.append(f"{chat_id}:{reply.text}")
        return None


async def test_a_slow_chat_does_not_hold_back_the_others(db: Database) -> None:
    platform = OneSlowChat()
    sender = Sender(OutboxService(db), {"whatsapp": platform}, OutboxSettings())
    await _row(db, "slow", "1")
    await _row(db, "fast", "1")
    await _row(db, "fast", "2")
    round_ = asyncio.create_task(sender.run_once())

    async def fast_done() -> bool:
        return platform.delivered == ["fast:1", "fast:2"]

    await eventually(fast_done, 10)
    await _row(db, "later", "1")  # enqueued while the slow send is in flight
    sender.wake()

    async def later_done() -> bool:
        return "later:1" in platform.delivered

    await eventually(later_done, 10)
    assert not round_.done()
    platform.release.set()
    tries = await asyncio.wait_for(round_, 10)

    assert tries == 4 and platform.delivered[-1] == "slow:1"
    assert await OutboxService(db).counts() == {"sent": 4}

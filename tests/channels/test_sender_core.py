"""The outbox sender with a recording fake deliverer: order, retries, dead rows."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from bot.channels.delivery.base import DeliveryError
from bot.channels.delivery.sender import Sender, backoff
from bot.services.outbox import OutboxService
from bot.settings import OutboxSettings
from bot.storage import conversations, outbox
from bot.storage.database import Database
from bot.types import ConversationKey, Reply

FAST = OutboxSettings(max_attempts=4, base_delay_seconds=0.01, max_delay_seconds=0.05)


class FlakyPlatform:
    """Fails the first `failures` sends of each chat, then records deliveries."""

    channel = "fake"

    def __init__(self, failures: int = 0, error: DeliveryError | None = None) -> None:
        self.failures = failures
        self.error = error or DeliveryError("HTTP 500")
        self.tries: defaultdict[str, int] = defaultdict(int)
        self.delivered: defaultdict[str, list[str]] = defaultdict(list)

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        self.tries[chat_id] += 1
        if self.tries[chat_id] <= self.failures:
            raise self.error
        self.delivered[chat_id].append(reply.text)
        return f"m{len(self.delivered[chat_id])}"


async def enqueue(db: Database, chat: str, count: int) -> None:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("fake", chat))
        for i in range(count):
            await outbox.enqueue(
                s,
                conversation_id=conv.id,
                channel="fake",
                chat_id=chat,
                payload={"text": f"{chat}-{i}", "buttons": []},
            )


async def drain(sender: Sender, rounds: int = 100) -> None:
    for _ in range(rounds):
        await sender.run_once()
        if not await sender.outbox.next_due_at():
            return
        await asyncio.sleep(0.02)


async def test_every_reply_is_delivered_once_in_order_despite_failures(db: Database) -> None:
    platform = FlakyPlatform(failures=2)
    sender = Sender(OutboxService(db), {"fake": platform}, FAST)
    for chat in ("a", "b", "c"):
        await enqueue(db, chat, 5)
    await drain(sender)
    for chat in ("a", "b", "c"):
        assert platform.delivered[chat] == [f"{chat}-{i}" for i in range(5)]
    assert await OutboxService(db).counts() == {"sent": 15}


async def test_a_permanent_error_makes_the_row_dead_at_once(db: Database) -> None:
    platform = FlakyPlatform(failures=1, error=DeliveryError("403 blocked", permanent=True))
    sender = Sender(OutboxService(db), {"fake": platform}, FAST)
    await enqueue(db, "a", 2)
    await drain(sender)
    assert platform.tries["a"] == 2
    assert platform.delivered["a"] == ["a-1"]
    assert await OutboxService(db).counts() == {"dead": 1, "sent": 1}


async def test_after_max_attempts_a_row_is_dead(db: Database) -> None:
    platform = FlakyPlatform(failures=100)
    sender = Sender(OutboxService(db), {"fake": platform}, FAST)
    await enqueue(db, "a", 1)
    await drain(sender)
    assert platform.tries["a"] == FAST.max_attempts
    assert await OutboxService(db).counts() == {"dead": 1}


async def test_a_crashing_adapter_is_retried_not_fatal(db: Database) -> None:
    class Broken(FlakyPlatform):
        async def deliver(self, chat_id: str, reply: Reply) -> str | None:
            self.tries[chat_id] += 1
            if self.tries[chat_id] == 1:
                raise KeyError("bug")
            return await super().deliver(chat_id, reply)

    platform = Broken()
    await enqueue(db, "a", 1)
    await drain(Sender(OutboxService(db), {"fake": platform}, FAST))
    assert platform.delivered["a"] == ["a-0"]


async def test_rows_of_channels_without_a_deliverer_wait(db: Database) -> None:
    await enqueue(db, "a", 1)
    sender = Sender(OutboxService(db), {}, FAST)
    assert await sender.run_once() == 0
    assert await OutboxService(db).counts() == {"pending": 1}


async def test_the_running_loop_delivers_when_woken(db: Database) -> None:
    platform = FlakyPlatform()
    sender = Sender(OutboxService(db), {"fake": platform}, OutboxSettings(poll_interval_seconds=30))
    sender.start()
    try:
        await asyncio.sleep(0.1)
        await enqueue(db, "a", 1)
        sender.wake()
        for _ in range(100):
            if platform.delivered["a"]:
                break
            await asyncio.sleep(0.02)
    finally:
        await sender.stop()
    assert platform.delivered["a"] == ["a-0"]


def test_backoff_grows_is_capped_jittered_and_obeys_retry_after() -> None:
    settings = OutboxSettings(base_delay_seconds=1, max_delay_seconds=60)
    assert [backoff(n, settings, None, 1.0) for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(1, settings, None, 0.0) == 0.5  # half of the step is random
    assert backoff(20, settings, None, 1.0) == 60
    assert backoff(1, settings, 30.0, 0.5) == 30.0

"""The sender's bookkeeping: an accepted send is recorded, whatever the database does."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.channels.delivery.base import DeliveryError
from bot.channels.delivery.sender import Sender
from bot.channels.delivery.settle import BookkeepingError
from bot.clock import utcnow
from bot.services.outbox import OutboxService
from bot.settings import OutboxSettings
from bot.storage import conversations
from bot.storage import outbox as rows
from bot.storage.database import Database
from bot.types import ConversationKey, Reply
from tests.channels.test_sender_core import FlakyPlatform, drain, enqueue

WAITS = (0.05, 0.2, 0.5)
FAST = OutboxSettings(base_delay_seconds=0.01, max_delay_seconds=0.05, settle_retry_seconds=WAITS)


class DatabaseDrops(OutboxService):
    """The first `drops` writes of one kind fail as a dropped connection would."""

    def __init__(self, db: Database, *, sent: int = 0, progressed: int = 0) -> None:
        super().__init__(db)
        self.drops = {"sent": sent, "progressed": progressed}

    def _drop(self, kind: str) -> None:
        if self.drops[kind] > 0:
            self.drops[kind] -= 1
            raise ConnectionError(f"connection lost while recording {kind}")

    async def sent(self, row_id: int, external_id: str | None) -> None:
        self._drop("sent")
        await super().sent(row_id, external_id)

    async def progressed(self, row_id: int, progress: int, external_id: str | None) -> None:
        self._drop("progressed")
        await super().progressed(row_id, progress, external_id)


class Waits:
    """A fake sleep: the waits asked for, none taken."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


async def test_a_failed_mark_sent_commit_is_retried_and_nothing_is_sent_twice(
    db: Database,
) -> None:
    outbox = DatabaseDrops(db, sent=2)
    platform = FlakyPlatform()
    waits = Waits()
    sender = Sender(outbox, {"fake": platform}, FAST, sleep=waits)  # the 120 s lease
    await enqueue(db, "a", 2)
    await drain(sender)  # the chat's second reply does not wait for the first one's lease
    assert platform.delivered["a"] == ["a-0", "a-1"]
    assert waits.asked == [0.05, 0.2]
    assert await outbox.counts() == {"sent": 2}


async def test_a_database_away_longer_than_the_retries_settles_on_the_next_round(
    db: Database,
) -> None:
    outbox = DatabaseDrops(db, sent=len(WAITS) + 1)  # every retry of the first round fails
    platform = FlakyPlatform()
    sender = Sender(outbox, {"fake": platform}, FAST, sleep=Waits(), lease=timedelta(0))
    await enqueue(db, "a", 1)
    with pytest.raises(BookkeepingError):
        await sender.run_once()
    assert sender.settle.accepted  # remembered, although the lease has already run out
    await drain(sender)
    assert platform.delivered["a"] == ["a-0"]
    assert not sender.settle.accepted
    assert await outbox.counts() == {"sent": 1}


async def test_a_remembered_send_claimed_again_is_settled_not_sent(db: Database) -> None:
    outbox = OutboxService(db)
    platform = FlakyPlatform()
    sender = Sender(outbox, {"fake": platform}, FAST, sleep=Waits(), lease=timedelta(0))
    await enqueue(db, "a", 1)
    claimed = await outbox.claim(channels=["fake"], lease=timedelta(0), limit=1)
    sender.settle.accepted[claimed[0].row_id] = "m1"  # as if the platform took it earlier
    await sender._deliver(claimed[0])
    assert platform.tries["a"] == 0
    assert await outbox.counts() == {"sent": 1}


class Parted(FlakyPlatform):
    def parts(self, reply: Reply) -> list[Reply]:
        return [Reply(piece) for piece in reply.text.split("|")]


async def test_a_lost_progress_record_does_not_resend_the_parts_already_taken(
    db: Database,
) -> None:
    outbox = DatabaseDrops(db, progressed=len(WAITS) + 1)
    platform = Parted()
    sender = Sender(outbox, {"fake": platform}, FAST, sleep=Waits(), lease=timedelta(0))
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("fake", "a"))
        await rows.enqueue(
            s, conversation_id=conv.id, channel="fake", chat_id="a", payload=Reply("1|2").to_dict()
        )
    with pytest.raises(BookkeepingError):
        await sender.run_once()
    await drain(sender)
    assert platform.delivered["a"] == ["1", "2"]
    assert await outbox.counts() == {"sent": 1}


def _at(hours: float) -> datetime:
    return utcnow() + timedelta(hours=hours)


async def test_an_outage_of_hours_keeps_the_reply_and_a_day_makes_it_dead(db: Database) -> None:
    platform = FlakyPlatform(failures=1)  # each chat's first send fails
    await enqueue(db, "a", 1)
    too_late = Sender(OutboxService(db), {"fake": platform}, FAST, now=lambda: _at(24.01))
    await too_late.run_once()
    dead = await OutboxService(db).dead()
    assert [(d.text, d.error) for d in dead] == [("a-0", "gave up, tries over: HTTP 500")]
    await enqueue(db, "b", 1)
    late = Sender(OutboxService(db), {"fake": platform}, FAST, now=lambda: _at(23.5))
    await late.run_once()
    assert await OutboxService(db).counts() == {"dead": 1, "pending": 1}  # 23.5 h: still tried


async def test_a_permanent_refusal_is_dead_at_once_with_its_reason(db: Database) -> None:
    platform = FlakyPlatform(failures=1, error=DeliveryError("403 bot blocked", permanent=True))
    await enqueue(db, "a", 1)
    await drain(Sender(OutboxService(db), {"fake": platform}, FAST))
    assert platform.tries["a"] == 1
    assert [d.error for d in await OutboxService(db).dead()] == ["403 bot blocked"]

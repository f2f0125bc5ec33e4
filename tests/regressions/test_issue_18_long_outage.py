"""Issue 18: an outage longer than a minute or two lost replies silently.

Eight tries with a 1 s base gave up after 64–127 s: 150 s of 500s left 100 of 700 replies
dead. Now a reply is tried for `give_up_after_hours` (24), however many tries that takes.
"""

from __future__ import annotations

from bot.channels.delivery.sender import Sender
from bot.services.outbox import OutboxService
from bot.settings import OutboxSettings
from bot.storage.database import Database
from tests.channels.test_sender_core import FlakyPlatform, drain, enqueue

# The default schedule with its waits shrunk, so that 40 tries take no time.
QUICK = OutboxSettings(base_delay_seconds=0.0005, max_delay_seconds=0.002)


async def test_forty_failed_tries_in_a_row_do_not_make_a_reply_dead(db: Database) -> None:
    platform = FlakyPlatform(failures=40)
    await enqueue(db, "a", 2)
    await drain(Sender(OutboxService(db), {"fake": platform}, QUICK), rounds=400)
    assert platform.delivered["a"] == ["a-0", "a-1"]
    assert await OutboxService(db).counts() == {"sent": 2}

"""Recording what became of a send, retried in memory while the database fails.

Once the platform has accepted a reply, losing the record of it would send the reply again
when the row's lease runs out: a duplicate the user sees, and a chat stalled for the lease.
So the platform's message id is kept in memory first and the "sent" update is retried after
short waits (`outbox.settle_retry_seconds`). If the database stays away longer, the next
round settles the rows it remembers before anything else, and a remembered row claimed again
is settled, not sent. Only a restart inside that window (the memory is gone) or another
process claiming the row after its lease sends it twice: delivery is at least once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import TypeVar

from bot.services.outbox import Delivery, OutboxService

log = logging.getLogger(__name__)
T = TypeVar("T")


class BookkeepingError(Exception):
    """The database did not take a settlement after every retry; the round ends."""


class Settler:
    """Settles outbox rows for the sender, remembering accepted sends until they are written."""

    def __init__(
        self,
        outbox: OutboxService,
        waits: Iterable[float],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.outbox = outbox
        self.waits = tuple(waits)
        self._sleep = sleep
        self.accepted: dict[int, str | None] = {}  # row id → the platform's message id
        self._parts: dict[int, tuple[int, str | None]] = {}  # row id → parts accepted

    def resume_from(self, delivery: Delivery) -> int:
        """The first part of a long reply still to send, by the database or by memory."""
        remembered = self._parts.get(delivery.row_id, (0, None))[0]
        return max(delivery.progress, remembered)

    async def sent(self, row_id: int, external_id: str | None) -> None:
        self.accepted[row_id] = external_id
        await self._retry(lambda: self.outbox.sent(row_id, external_id), f"row {row_id} sent")
        self.accepted.pop(row_id, None)
        self._parts.pop(row_id, None)

    async def progressed(self, row_id: int, progress: int, external_id: str | None) -> None:
        self._parts[row_id] = (progress, external_id)
        await self._retry(
            lambda: self.outbox.progressed(row_id, progress, external_id),
            f"row {row_id} progress {progress}",
        )

    async def failed(self, row_id: int, error: str, retry_at: datetime | None) -> None:
        # Without this record the row only waits for its lease: nothing is sent twice.
        await self._retry(
            lambda: self.outbox.failed(row_id, error, retry_at), f"row {row_id} failed"
        )
        self._parts.pop(row_id, None)

    async def flush(self) -> None:
        """Write every remembered accepted send (the first thing of a round)."""
        for row_id, external_id in list(self.accepted.items()):
            await self.sent(row_id, external_id)

    async def last_inbound_at(self, channel: str, chat_id: str) -> datetime | None:
        return await self._retry(
            lambda: self.outbox.last_inbound_at(channel, chat_id), "last inbound time"
        )

    async def _retry(self, write: Callable[[], Awaitable[T]], what: str) -> T:
        for wait in self.waits:
            try:
                return await write()
            except Exception as exc:  # a dropped connection, a failover: any database error
                log.warning("recording %s failed (%s); again in %.2fs", what, exc, wait)
                await self._sleep(wait)
        try:
            return await write()
        except Exception as exc:
            raise BookkeepingError(f"recording {what} failed after retries: {exc}") from exc

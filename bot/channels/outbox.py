"""Durable sending: every reply is an outbox row; this sender delivers them.

Retries with exponential back-off and jitter, honours a platform's `retry_after`, keeps each
chat's replies in order (only the oldest unsent row of a chat is ever claimed), and resumes
unsent rows after a restart (a claim is a lease that runs out if its sender died).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from bot.channels.base import Deliverer, DeliveryError
from bot.services.outbox import Delivery, OutboxService
from bot.settings import OutboxSettings
from bot.storage.models import utcnow

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=120)


def backoff(
    attempt: int, settings: OutboxSettings, retry_after: float | None, rand: float
) -> float:
    """Seconds to wait after failed try number `attempt` (1-based).

    Exponential with "equal jitter" (half fixed, half random) so that many chats failing at
    once do not retry in lockstep; never sooner than the platform asked.
    """
    ceiling: float = min(
        settings.max_delay_seconds, settings.base_delay_seconds * 2.0 ** (attempt - 1)
    )
    delay = ceiling / 2 + rand * ceiling / 2
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


class Sender:
    """Delivers due outbox rows through the deliverer of their channel."""

    def __init__(
        self,
        outbox: OutboxService,
        deliverers: Mapping[str, Deliverer],
        settings: OutboxSettings,
        *,
        rand: Callable[[], float] = random.random,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.outbox = outbox
        self.deliverers = dict(deliverers)
        self.settings = settings
        self._rand = rand
        self._now = now
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """New rows were enqueued: look now instead of at the next poll."""
        self._wake.set()

    async def run_once(self) -> int:
        """Deliver everything due now, chat by chat in order; return how many tries were made."""
        tries = 0
        while True:
            batch = await self.outbox.claim(
                channels=self.deliverers.keys(), lease=LEASE, limit=self.settings.batch_size
            )
            if not batch:
                return tries
            # One row per chat per batch: chats proceed in parallel, each chat in order.
            await asyncio.gather(*(self._deliver(d) for d in batch))
            tries += len(batch)

    async def _deliver(self, delivery: Delivery) -> None:
        deliverer = self.deliverers[delivery.channel]
        try:
            external_id = await deliverer.deliver(delivery.chat_id, delivery.reply)
        except DeliveryError as exc:
            await self._failed(delivery, exc)
        except Exception as exc:  # a bug in an adapter must not stop every other chat
            log.exception(
                "deliverer %s crashed on outbox row %s", delivery.channel, delivery.row_id
            )
            await self._failed(delivery, DeliveryError(f"{type(exc).__name__}: {exc}"))
        else:
            await self.outbox.sent(delivery.row_id, external_id)

    async def _failed(self, delivery: Delivery, exc: DeliveryError) -> None:
        attempt = delivery.attempts + 1
        if exc.permanent or attempt >= self.settings.max_attempts:
            log.error("outbox row %s is dead after %s tries: %s", delivery.row_id, attempt, exc)
            await self.outbox.failed(delivery.row_id, str(exc), None)
            return
        delay = backoff(attempt, self.settings, exc.retry_after, self._rand())
        log.warning(
            "outbox row %s try %s failed (%s); next in %.1fs", delivery.row_id, attempt, exc, delay
        )
        await self.outbox.failed(delivery.row_id, str(exc), self._now() + timedelta(seconds=delay))

    async def _sleep(self) -> None:
        timeout = self.settings.poll_interval_seconds
        due = await self.outbox.next_due_at()
        if due is not None:
            timeout = min(timeout, max(0.0, (due - self._now()).total_seconds()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)
        self._wake.clear()

    async def run(self) -> None:
        """Deliver until cancelled; a failing database only delays delivery."""
        while True:
            try:
                await self.run_once()
                await self._sleep()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox sender loop failed; retrying shortly")
                await asyncio.sleep(self.settings.poll_interval_seconds)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="outbox-sender")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

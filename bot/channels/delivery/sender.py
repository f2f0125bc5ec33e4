"""Durable sending: every reply is an outbox row; this sender delivers them.

Retries with capped back-off and jitter for hours (`schedule`), honours `retry_after`, gives
up at once on a permanent refusal, keeps each chat's replies in order (only a chat's oldest
unsent row is claimed) and resumes after a restart (a claim is a lease). An accepted send is
recorded with retries (`settle`), so a database hiccup does not send it twice; a deliverer
that splits long replies (`parts()`) has each accepted part recorded, so a retry resumes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.channels.delivery.base import Deliverer, DeliveryError, PartedDeliverer
from bot.channels.delivery.schedule import backoff, give_up_at, needs_last_inbound
from bot.channels.delivery.settle import BookkeepingError, Settler
from bot.clock import utcnow
from bot.services.background import stop_task
from bot.services.metrics import DeliveryHook, no_hook
from bot.services.outbox import Delivery, OutboxService
from bot.settings import OutboxSettings
from bot.types import Reply

__all__ = ["LEASE", "PartedDeliverer", "Sender", "backoff"]
log = logging.getLogger(__name__)
LEASE = timedelta(seconds=120)


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
        lease: timedelta = LEASE,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.outbox = outbox
        self.lease = lease
        self.deliverers = dict(deliverers)
        self.settings = settings
        self._rand = rand
        self._now = now
        self.settle = Settler(outbox, settings.settle_retry_seconds, sleep)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.on_settled: DeliveryHook = no_hook  # (channel, sent|failed|dead), for /metrics

    def wake(self) -> None:
        """New rows were enqueued: look now instead of at the next poll."""
        self._wake.set()

    async def run_once(self) -> int:
        """Deliver everything due now, each chat in order; return how many tries were made.

        Chats do not wait for each other: whenever one send finishes (or new rows arrive),
        more rows are claimed, so a platform that is slow for one chat does not hold back
        replies to every other chat.
        """
        tries = 0
        running: set[asyncio.Task[Any]] = set()
        await self.settle.flush()  # sends accepted before the database came back
        try:
            while True:
                self._wake.clear()  # before claiming, so rows enqueued from now on wake us
                room = self.settings.batch_size - len(running)
                batch = await self._claim(room) if room > 0 else []
                running |= {asyncio.create_task(self._deliver(d)) for d in batch}
                tries += len(batch)
                if not running:
                    return tries
                woken = asyncio.create_task(self._wake.wait())
                done, running = await asyncio.wait(
                    {*running, woken}, return_when=asyncio.FIRST_COMPLETED
                )
                running.discard(woken)
                woken.cancel()
                for task in done - {woken}:
                    task.result()  # a failure to settle a row (database down) ends the round
        except asyncio.CancelledError:
            for task in running:  # stopping: their rows come back when the lease ends
                task.cancel()
            raise
        finally:
            # Let the other chats' sends finish and be recorded before giving up the round.
            await asyncio.gather(*running, return_exceptions=True)

    async def _claim(self, limit: int) -> list[Delivery]:
        # At most one row per chat, and never one whose chat has a send in flight.
        return await self.outbox.claim(
            channels=self.deliverers.keys(), lease=self.lease, limit=limit
        )

    async def _deliver(self, delivery: Delivery) -> None:
        if delivery.row_id in self.settle.accepted:  # claimed again after its lease ran out
            await self.settle.sent(delivery.row_id, self.settle.accepted[delivery.row_id])
            return
        deliverer = self.deliverers[delivery.channel]
        try:
            external_id = await self._send_parts(deliverer, delivery)
        except BookkeepingError:
            raise  # the database, not the platform: the row waits for the next round
        except DeliveryError as exc:
            await self._failed(delivery, exc)
        except Exception as exc:  # a bug in an adapter must not stop every other chat
            log.exception(
                "deliverer %s crashed on outbox row %s", delivery.channel, delivery.row_id
            )
            await self._failed(delivery, DeliveryError(f"{type(exc).__name__}: {exc}"))
        else:
            await self.settle.sent(delivery.row_id, external_id)
            self.on_settled(delivery.channel, "sent")

    async def _send_parts(self, deliverer: Deliverer, delivery: Delivery) -> str | None:
        parts: Sequence[Reply] = (delivery.reply,)
        if isinstance(deliverer, PartedDeliverer):
            parts = deliverer.parts(delivery.reply)
        external_id: str | None = None
        for index in range(self.settle.resume_from(delivery), len(parts)):
            external_id = await deliverer.deliver(delivery.chat_id, parts[index])
            if index + 1 < len(parts):
                await self.settle.progressed(delivery.row_id, index + 1, external_id)
        return external_id

    async def _failed(self, delivery: Delivery, exc: DeliveryError) -> None:
        attempt = delivery.attempts + 1
        self.on_settled(delivery.channel, "failed")
        limit = self.settings.max_attempts
        if exc.permanent or (limit is not None and attempt >= limit):
            await self._dead(delivery, attempt, str(exc))
            return
        delay = backoff(attempt, self.settings, exc.retry_after, self._rand())
        retry_at = self._now() + timedelta(seconds=delay)
        if retry_at > await self._give_up_at(delivery):
            await self._dead(delivery, attempt, f"gave up, tries over: {exc}")
            return
        log.warning(
            "outbox row %s try %s failed (%s); next in %.1fs", delivery.row_id, attempt, exc, delay
        )
        await self.settle.failed(delivery.row_id, str(exc), retry_at)

    async def _dead(self, delivery: Delivery, attempt: int, reason: str) -> None:
        log.error("outbox row %s is dead after %s tries: %s", delivery.row_id, attempt, reason)
        await self.settle.failed(delivery.row_id, reason, None)
        self.on_settled(delivery.channel, "dead")

    async def _give_up_at(self, delivery: Delivery) -> datetime:
        last_inbound, free_form = None, delivery.reply.template is None
        if needs_last_inbound(delivery.channel, free_form):
            last_inbound = await self.settle.last_inbound_at(delivery.channel, delivery.chat_id)
        return give_up_at(
            delivery.channel,
            tries_since=delivery.tries_since or self._now(),
            last_inbound_at=last_inbound,
            settings=self.settings,
            free_form=free_form,
        )

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
                await self.outbox.sweep_forgotten()  # /forget's last step, after delivery
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
        await stop_task(self._task)
        self._task = None

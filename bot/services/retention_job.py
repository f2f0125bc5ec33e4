"""The purge as `serve`'s background job: about every `privacy.purge_interval_minutes`.

Each wait is jittered by a tenth, so replicas started together do not all try at once (the
purge's lock lets only one of them work anyway). The log says how many conversations went,
never which or what they held.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

from bot.services.background import stop_task
from bot.services.retention import PurgeResult, RetentionService

log = logging.getLogger(__name__)

JITTER = 0.1  # each wait is the interval ± this share of it


class PurgeJob:
    """Runs `RetentionService.purge` until stopped; a failing database only delays it."""

    def __init__(
        self,
        service: RetentionService,
        *,
        rng: random.Random | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.service = service
        self.rng = rng or random.Random()
        self.sleep = sleep
        self._task: asyncio.Task[None] | None = None

    @property
    def interval(self) -> float:
        return self.service.settings.purge_interval_minutes * 60

    def first_wait(self) -> float:
        """Seconds before the first purge after start: soon, but not all replicas at once."""
        return self.rng.uniform(0, JITTER * self.interval)

    def next_wait(self) -> float:
        """Seconds until the next purge: the interval, jittered."""
        return self.interval * self.rng.uniform(1 - JITTER, 1 + JITTER)

    async def run_once(self) -> PurgeResult:
        """One purge, logged by its count."""
        result = await self.service.purge()
        if result.ran:
            log.info(
                "retention: deleted %d conversation(s) idle for over %s days",
                result.deleted,
                self.service.settings.retention_days,
            )
        else:
            log.info("retention: another process is purging; skipped")
        return result

    async def run(self) -> None:
        await self.sleep(self.first_wait())
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("retention purge failed; trying again at the next interval")
            await self.sleep(self.next_wait())

    def start(self) -> None:
        """Start the job, unless conversations are kept for ever."""
        if self.service.settings.keeps_forever:
            log.info("retention: off (privacy.retention_days is 0): conversations are kept")
            return
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="retention-purge")

    async def stop(self) -> None:
        await stop_task(self._task)
        self._task = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

"""The console's background round, about once a minute: operators whose session ran out
without a logout are set «away», chats still held by anyone away or disabled go back to the
queue (also after a give-back that failed at the time), then the queue is
filled (automatic assignment) in case an earlier attempt failed or someone's place freed up,
and the operators' Telegram chat hears of chats that became late (if configured).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.services.background import stop_task
from bot.services.operators.assign import Assigner
from bot.services.operators.late_alerts import LateAlerts
from bot.storage import assignment

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 60.0


class ShiftJob:
    """Runs `run_once` until stopped; a failing database only delays the next round."""

    def __init__(
        self,
        assign: Assigner,
        *,
        alerts: LateAlerts | None = None,
        interval: float = INTERVAL_SECONDS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.assign = assign
        self.alerts = alerts
        self.interval = interval
        self.sleep = sleep
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> int:
        """One round; how many chats went back to the queue."""
        async with self.assign.db.transaction() as session:
            stale = await assignment.sign_out_stale(session, now=self.assign.clock())
            absent = await assignment.absent_holders(session)
        if stale:
            log.info("shift: %d operator(s) without a session set away", len(stale))
        returned = 0
        ended = set(stale)
        for operator_id, username in absent:  # the stale ones, and any give-back that failed
            why = "session_ended" if (operator_id, username) in ended else "away"
            returned += await self.assign.give_back(operator_id, username, why)
        await self.assign.fill()
        if self.alerts is not None:
            await self.alerts.run_once(self.assign.clock())
        return returned

    async def run(self) -> None:
        while True:
            await self.sleep(self.interval)
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("shift round failed; trying again in a minute")

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="console-shift")

    async def stop(self) -> None:
        await stop_task(self._task)
        self._task = None

"""One SQLite transaction at a time per process, queued in order instead of busy-waiting.

Every Sapar transaction on SQLite is BEGIN IMMEDIATE, so only one runs at a time anyway. Left
to SQLite, the others wait in its busy handler, which sleeps and retries with growing pauses
(up to 100 ms each): under load the database sits idle between a commit and the next
waiter's retry, and an unlucky webhook waits seconds. Queuing them here hands the lock on
at the commit, first come first served. Other processes (the CLI beside `serve`) still meet
the busy timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class WriterGate:
    """An asyncio lock per event loop, re-entered freely by the task that holds it."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout  # as SQLite's busy timeout: then TimeoutError, not a hang
        self._lock: asyncio.Lock | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._holder: asyncio.Task[object] | None = None

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        task = asyncio.current_task()
        if task is not None and task is self._holder:
            # A transaction inside a transaction: the inner one meets SQLite's busy timeout,
            # as it always did, rather than waiting here for itself forever.
            yield
            return
        lock = self._current()
        # Not wait_for: a cancel racing the wake-up would leave the lock taken by no one.
        # Cancelled inside acquire(), the lock itself passes the wake-up on.
        async with asyncio.timeout(self.timeout):
            await lock.acquire()
        self._holder = task
        try:
            yield
        finally:
            self._holder = None
            lock.release()

    def _current(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._loop is not loop:  # a lock belongs to one loop
            self._lock, self._loop, self._holder = asyncio.Lock(), loop, None
        return self._lock

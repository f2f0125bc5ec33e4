"""Argon2 off the event loop: hashes made and checked in worker threads, a few at a time.

Argon2 is slow on purpose (tens of milliseconds of CPU and memory). Run on the event loop,
a burst of logins would stall every chat and health check; run in unbounded threads, it would
take all the cores. So each call waits for one of `workers` slots (the number of cores).
"""

from __future__ import annotations

import asyncio
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    """A PasswordHasher whose slow calls are awaited in a thread, `workers` at once."""

    def __init__(self, hasher: PasswordHasher, *, workers: int | None = None) -> None:
        self.hasher = hasher
        self.workers = workers or os.cpu_count() or 1
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _slot(self) -> asyncio.Semaphore:
        # A semaphore belongs to one event loop; the command line runs several in turn.
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop = asyncio.Semaphore(self.workers), loop
        return self._slots

    async def hash(self, password: str) -> str:
        async with self._slot():
            return await asyncio.to_thread(self.hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        """True when the password matches; a malformed stored hash is a mismatch."""
        async with self._slot():
            return await asyncio.to_thread(_verify, self.hasher, password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        """Cheap (it only reads the parameters), so it stays on the loop."""
        return self.hasher.check_needs_rehash(password_hash)


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False

"""Group commit: callers that arrive while a write runs are written together in the next one.

The outbox sender settles every accepted send in its own transaction, and on SQLite each
transaction takes the one write lock in turn: at tens of replies a second those small
transactions queue behind each other and behind the webhooks. Writing the ones that arrived
meanwhile in one transaction keeps each caller's promise (it returns only once its item is
committed, and raises what the write raised) with one lock turn for many.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class GroupCommit(Generic[T]):
    """Queues items and writes them in batches, one batch at a time."""

    def __init__(self, write: Callable[[Sequence[T]], Awaitable[None]]) -> None:
        self._write = write
        self._queue: list[tuple[T, asyncio.Future[None]]] = []
        self._drain: asyncio.Task[None] | None = None

    async def add(self, item: T) -> None:
        """Return once `item` is written (with whatever else was waiting); raise if not."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((item, done))
        if self._drain is None or self._drain.done():
            # A task of its own: a caller cancelled meanwhile must not cancel the others' write.
            self._drain = asyncio.create_task(self._write_all(), name="group-commit")
        await done

    async def _write_all(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue, []
                try:
                    await self._write([item for item, _ in batch])
                except Exception as exc:  # each caller decides what a failed write means
                    _settle(batch, exc)
                else:
                    _settle(batch, None)
        finally:
            left, self._queue = self._queue, []
            _settle(left, RuntimeError("group commit stopped before this item was written"))


def _settle(batch: list[tuple[T, asyncio.Future[None]]], exc: BaseException | None) -> None:
    for _, done in batch:
        if done.done():  # its caller was cancelled
            continue
        if exc is None:
            done.set_result(None)
        else:
            done.set_exception(exc)

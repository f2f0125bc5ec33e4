"""Many messages from one webhook call: chats side by side, each chat's messages in order.

One platform call may carry hundreds of messages (WhatsApp batches them under load). Taken
one after the other they keep the platform waiting past its timeout; and a message that
fails must not keep the others from being stored, or every retry of the call fails on it
again while the rest wait. So each chat's messages run in order, chats run concurrently up
to a limit, and every failure is collected rather than raised.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable, Iterable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
# Enough to overlap the engine and the database; more would only queue on the pool.
CONCURRENT_CHATS = 8


async def per_chat(
    items: Iterable[T],
    *,
    chat: Callable[[T], Hashable],
    handle: Callable[[T], Awaitable[object]],
    limit: int = CONCURRENT_CHATS,
) -> list[T]:
    """Run `handle` on every item; return those that raised (each logged with its error).

    A failed item does not stop the next one of its chat: a message that always fails
    would otherwise hold its chat forever. The platform's retry brings it back.
    """
    queues: dict[Hashable, list[T]] = {}
    for item in items:
        queues.setdefault(chat(item), []).append(item)
    gate = asyncio.Semaphore(limit)
    failed: list[T] = []

    async def run(queue: list[T]) -> None:
        async with gate:
            for item in queue:
                try:
                    await handle(item)
                except Exception:  # whatever it was, the other messages still go in
                    log.exception("a message of a batch failed; the rest go on")
                    failed.append(item)

    await asyncio.gather(*(run(queue) for queue in queues.values()))
    return failed

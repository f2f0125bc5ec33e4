"""Group commit: what arrives during a write goes in the next one; each caller hears its fate."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.services.group_commit import GroupCommit


class Writer:
    """Records each batch; holds the first write until released; can fail a batch."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.started, self.release = asyncio.Event(), asyncio.Event()
        self.fail_with: Exception | None = None

    async def __call__(self, items: Sequence[int]) -> None:
        self.batches.append(list(items))
        self.started.set()
        await self.release.wait()
        if self.fail_with is not None:
            raise self.fail_with


async def test_items_that_arrive_during_a_write_are_written_together_next() -> None:
    writer = Writer()
    group = GroupCommit(writer)
    first = asyncio.create_task(group.add(1))
    await writer.started.wait()
    rest = [asyncio.create_task(group.add(n)) for n in (2, 3, 4)]
    await asyncio.sleep(0)
    assert not any(task.done() for task in (first, *rest))  # nothing returns before its write
    writer.release.set()
    await asyncio.gather(first, *rest)
    assert writer.batches == [[1], [2, 3, 4]]


async def test_a_failed_write_raises_in_every_caller_of_that_batch_only() -> None:
    writer = Writer()
    group = GroupCommit(writer)
    writer.fail_with = ConnectionError("database went away")
    writer.release.set()
    failed = await asyncio.gather(group.add(1), group.add(2), return_exceptions=True)
    assert [type(e) for e in failed] == [ConnectionError, ConnectionError]
    writer.fail_with = None
    await group.add(3)
    assert writer.batches == [[1, 2], [3]]


async def test_a_cancelled_caller_does_not_cancel_the_write_of_the_others() -> None:
    writer = Writer()
    group = GroupCommit(writer)
    first = asyncio.create_task(group.add(1))
    second = asyncio.create_task(group.add(2))
    await writer.started.wait()
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    writer.release.set()
    await second
    assert writer.batches == [[1, 2]]

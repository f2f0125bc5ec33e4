"""The SQLite connection: transactions of one process queue in order instead of busy-waiting."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.storage.database import Database


def sqlite(tmp_path: Path, timeout: float = 30) -> Database:
    return Database(
        f"sqlite+aiosqlite:///{tmp_path / 'gate.db'}", connect_args={"timeout": timeout}
    )


async def settle() -> None:
    """Let every ready task run as far as it can without real waiting."""
    for _ in range(50):
        await asyncio.sleep(0)


async def test_a_second_transaction_waits_for_the_first_without_a_connection(
    tmp_path: Path,
) -> None:
    db = sqlite(tmp_path)
    entered, release = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def first() -> None:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE t (n INTEGER)"))
            order.append("first")
            entered.set()
            await release.wait()

    async def second() -> None:
        async with db.transaction() as session:
            order.append("second")
            await session.execute(text("INSERT INTO t VALUES (2)"))

    one = asyncio.create_task(first())
    await entered.wait()
    two = asyncio.create_task(second())
    await settle()
    # Queued in the process, not inside SQLite's busy handler on a second connection.
    assert db.engine.pool.checkedout() == 1  # type: ignore[attr-defined]  # QueuePool's count
    assert order == ["first"]
    release.set()
    await asyncio.gather(one, two)
    assert order == ["first", "second"]
    async with db.transaction() as session:
        assert (await session.execute(text("SELECT n FROM t"))).scalars().all() == [2]
    await db.dispose()


async def test_a_transaction_inside_a_transaction_meets_the_busy_timeout_not_a_hang(
    tmp_path: Path,
) -> None:
    db = sqlite(tmp_path, timeout=0.1)
    async with db.transaction() as outer:
        await outer.execute(text("CREATE TABLE t (n INTEGER)"))
        with pytest.raises(OperationalError, match="locked"):
            async with db.transaction() as inner:
                await inner.execute(text("INSERT INTO t VALUES (1)"))
    await db.dispose()


async def test_sqlite_writes_ahead_and_syncs_at_checkpoints(tmp_path: Path) -> None:
    db = sqlite(tmp_path)
    async with db.transaction() as session:
        assert await session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert await session.scalar(text("PRAGMA synchronous")) == 1  # NORMAL
        assert await session.scalar(text("PRAGMA busy_timeout")) == 30000
    await db.dispose()

"""The purge's lock: on PostgreSQL one holder across processes; SQLite serves one process."""

from __future__ import annotations

from bot.storage.retention import purge_lock
from tests.conftest import DatabaseFactory


async def test_one_purge_at_a_time_across_processes(databases: DatabaseFactory) -> None:
    first = await databases.create()
    second = databases.open()  # another process's engine on the same database
    async with purge_lock(first) as mine:
        assert mine
        async with purge_lock(second) as theirs:
            assert theirs is (not first.is_postgres)  # PostgreSQL: busy, try next round
    async with purge_lock(second) as theirs:
        assert theirs  # released on exit

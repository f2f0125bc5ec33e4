"""LISTEN/NOTIFY in one place: a notification sent in a committed transaction arrives."""

from __future__ import annotations

import asyncio

from bot.storage import notify
from bot.storage.database import Database

TIMEOUT = 10.0


async def test_a_published_payload_reaches_a_listener(pg_db: Database) -> None:
    received: asyncio.Queue[str] = asyncio.Queue()
    connected = asyncio.Event()
    listener = asyncio.create_task(
        notify.listen(pg_db, "sapar_test", received.put_nowait, on_connect=connected.set)
    )
    try:
        await asyncio.wait_for(connected.wait(), TIMEOUT)
        await notify.publish(pg_db, "sapar_test", '{"n": 1}')
        assert await asyncio.wait_for(received.get(), TIMEOUT) == '{"n": 1}'
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)


async def test_a_notification_in_a_rolled_back_transaction_is_never_sent(pg_db: Database) -> None:
    received: asyncio.Queue[str] = asyncio.Queue()
    connected = asyncio.Event()
    listener = asyncio.create_task(
        notify.listen(pg_db, "sapar_test", received.put_nowait, on_connect=connected.set)
    )
    try:
        await asyncio.wait_for(connected.wait(), TIMEOUT)
        async with pg_db.engine.connect() as conn:
            await notify.send(conn, "sapar_test", "lost")
            await conn.rollback()
        await notify.publish(pg_db, "sapar_test", "kept")
        assert await asyncio.wait_for(received.get(), TIMEOUT) == "kept"
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)

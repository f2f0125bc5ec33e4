"""PostgreSQL LISTEN/NOTIFY, written once: send on a transaction, listen with reconnects.

A NOTIFY sent inside a transaction is delivered when (and only if) it commits. A listener
holds one connection per channel; when it drops, it reconnects after a pause and calls
`on_connect` again, so its owner can catch up on whatever it missed meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.storage.database import Database

log = logging.getLogger(__name__)
RETRY_SECONDS = 1.0


async def send(executor: AsyncSession | AsyncConnection, channel: str, payload: str) -> None:
    """NOTIFY `channel` with `payload` when the surrounding transaction commits."""
    await executor.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": channel, "payload": payload}
    )


async def publish(db: Database, channel: str, payload: str) -> None:
    """NOTIFY now, on its own: autocommit, so no BEGIN and COMMIT round trips around it."""
    async with db.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await send(conn, channel, payload)


async def listen(
    db: Database,
    channel: str,
    on_notify: Callable[[str], None],
    *,
    on_connect: Callable[[], None] = lambda: None,
    should_run: Callable[[], bool] = lambda: True,
) -> None:
    """Hold a LISTEN on `channel` until cancelled; reconnect after every loss."""
    while should_run():
        try:
            await _listen_once(db, channel, on_notify, on_connect)
        except asyncio.CancelledError:
            raise
        except Exception:  # the database went away: keep trying, the owner catches up after
            log.exception("LISTEN %s: connection failed; retrying", channel)
        await asyncio.sleep(RETRY_SECONDS)


async def _listen_once(
    db: Database,
    channel: str,
    on_notify: Callable[[str], None],
    on_connect: Callable[[], None],
) -> None:
    """One LISTEN connection, until the server or the network drops it."""
    lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def notified(_c: object, _pid: int, _channel: str, payload: str) -> None:
        on_notify(payload)

    def on_lost(_c: object) -> None:
        if not lost.done():
            lost.set_result(None)

    async with db.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection  # asyncpg's own connection
        driver.add_termination_listener(on_lost)
        await driver.add_listener(channel, notified)
        on_connect()
        try:
            await lost
        finally:
            if not driver.is_closed():
                await driver.remove_listener(channel, notified)

"""Login attempts for throttling: reserve a row first, then count, so none is missed.

Each attempt commits its own row before it counts the rows of its name and address. Of two
concurrent attempts the one that counts later sees the other, so at most the limit pass the
count however many arrive at once (on SQLite and PostgreSQL alike, no locks needed). A burst
may be refused whole, each attempt seeing the others: the limit is undershot, never overrun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.staff import LoginAttempt


@dataclass(frozen=True, slots=True)
class Standing:
    """What an attempt sees of earlier and concurrent ones, its own row included."""

    pair_recent: int  # this name from this address, in the window
    pair_total: int  # this name from this address, in the whole back-off horizon
    pair_last_other: datetime | None  # the newest of those rows but this attempt's own
    address_recent: int  # any name from this address, in the window


async def reserve(session: AsyncSession, *, username: str, address: str, at: datetime) -> int:
    """Write the attempt's row (it stays as the failure unless the login succeeds)."""
    row = LoginAttempt(username=username[:64], address=address[:64], at=at)
    session.add(row)
    await session.flush()
    return row.id


async def standing(
    session: AsyncSession,
    *,
    attempt_id: int,
    username: str,
    address: str,
    window_start: datetime,
    horizon_start: datetime,
) -> Standing:
    """Count the rows around one reserved attempt."""
    pair = (LoginAttempt.username == username[:64], LoginAttempt.address == address[:64])
    recent = func.count().filter(LoginAttempt.at > window_start)
    last_other = func.max(LoginAttempt.at).filter(LoginAttempt.id != attempt_id)
    row = (
        await session.execute(
            select(recent, func.count(), last_other).where(*pair, LoginAttempt.at > horizon_start)
        )
    ).one()
    by_address = await session.scalar(
        select(func.count()).where(
            LoginAttempt.address == address[:64], LoginAttempt.at > window_start
        )
    )
    return Standing(int(row[0] or 0), int(row[1] or 0), row[2], int(by_address or 0))


async def release(session: AsyncSession, *, attempt_id: int) -> None:
    """Drop one attempt's row: it was refused unchecked, so it is not a failure."""
    await session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))


async def clear(session: AsyncSession, *, username: str, address: str, before: datetime) -> None:
    """After a good login: this name's failures from this address, and everyone's old rows."""
    await session.execute(
        delete(LoginAttempt).where(
            LoginAttempt.username == username[:64], LoginAttempt.address == address[:64]
        )
    )
    await session.execute(delete(LoginAttempt).where(LoginAttempt.at < before))

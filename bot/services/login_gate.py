"""Throttling staff logins per name and address, with a back-off that doubles.

Failures count for a name *from one address*, so somebody guessing from elsewhere cannot lock
the real person out; an address that tries many names is slowed as a whole. After `limit`
failures the pair waits one window from its last failure, after each further failure twice
as long as before, up to `HORIZON` windows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings.operators import OperatorsSettings
from bot.storage import login_attempts
from bot.storage.database import Database

HORIZON = 16  # windows a pair's failures are remembered, and the longest wait
ADDRESS_FACTOR = 4  # an address may fail this many times the limit, over all names


class LoginGate:
    """Lets an attempt be checked, or refuses it unchecked."""

    def __init__(self, db: Database, settings: OperatorsSettings) -> None:
        self.db = db
        self.window = timedelta(seconds=settings.login_window_seconds)
        self.limit = settings.login_max_failures

    async def enter(self, username: str, address: str, now: datetime) -> int | None:
        """The id of the attempt's row if it may be checked, None when throttled."""
        async with self.db.transaction() as session:
            attempt = await login_attempts.reserve(
                session, username=username, address=address, at=now
            )
        async with self.db.transaction() as session:
            seen = await login_attempts.standing(
                session,
                attempt_id=attempt,
                username=username,
                address=address,
                window_start=now - self.window,
                horizon_start=now - self.window * HORIZON,
            )
            if self._allows(seen, now):
                return attempt
            await login_attempts.release(session, attempt_id=attempt)
        return None

    def _allows(self, seen: login_attempts.Standing, now: datetime) -> bool:
        if seen.address_recent > self.limit * ADDRESS_FACTOR or seen.pair_recent > self.limit:
            return False
        earlier = seen.pair_total - 1
        if earlier < self.limit or seen.pair_last_other is None:
            return True
        return now >= seen.pair_last_other + self.wait(earlier)

    def wait(self, failures: int) -> timedelta:
        """How long a pair with this many failures waits after the last one."""
        doublings = min(failures - self.limit, HORIZON.bit_length() - 1)
        return self.window * (1 << doublings)

    async def passed(
        self, session: AsyncSession, *, username: str, address: str, now: datetime
    ) -> None:
        """A good login: the pair starts afresh, and rows past the horizon go."""
        await login_attempts.clear(
            session, username=username, address=address, before=now - self.window * HORIZON
        )

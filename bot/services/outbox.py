"""The outbox as a service: claim, settle and inspect rows, each in its own transaction."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage import outbox as rows
from bot.storage.database import Database
from bot.storage.models import utcnow
from bot.types import Reply


@dataclass(frozen=True, slots=True)
class Delivery:
    """One claimed reply to send."""

    row_id: int
    conversation_id: int
    channel: str
    chat_id: str
    reply: Reply
    attempts: int  # tries before this one


class OutboxService:
    """Transactions around the outbox table for the sender."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim(
        self, *, channels: Collection[str], lease: timedelta, limit: int
    ) -> list[Delivery]:
        """Claim due rows, at most one per chat, oldest first."""
        async with self.db.transaction() as session:
            claimed = await rows.claim_due(
                session, now=utcnow(), lease=lease, limit=limit, channels=channels
            )
            return [
                Delivery(
                    row_id=r.id,
                    conversation_id=r.conversation_id,
                    channel=r.channel,
                    chat_id=r.chat_id,
                    reply=Reply.from_dict(r.payload),
                    attempts=r.attempts,
                )
                for r in claimed
            ]

    async def sent(self, row_id: int, external_id: str | None) -> None:
        async with self.db.transaction() as session:
            await rows.mark_sent(session, row_id=row_id, external_id=external_id, now=utcnow())

    async def failed(self, row_id: int, error: str, retry_at: datetime | None) -> None:
        async with self.db.transaction() as session:
            await rows.mark_failed(session, row_id=row_id, error=error, retry_at=retry_at)

    async def next_due_at(self) -> datetime | None:
        async with self.db.transaction() as session:
            return await rows.next_due_at(session)

    async def counts(self) -> dict[str, int]:
        async with self.db.transaction() as session:
            return await rows.counts(session)

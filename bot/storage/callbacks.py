"""Callback requests left out of hours: when and how to reach the person back.

`phone` is personal data: set only for a phone call, and cleared when an operator marks the
request done (`done`), or deleted with every request of the conversation on /forget
(`forget`). One interface (`CallbackStore`) with two implementations: `SqlCallbacks` on a
session, in the transaction of the turn or the operator's action, and `MemoryCallbacks` for
tests and tools without a database.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import NEVER_REUSE_IDS, Base


class CallbackRow(Base):
    """One callback request; `done_at` set once an operator has reached the person."""

    __tablename__ = "callback_requests"
    __table_args__ = (
        Index("ix_callback_requests_conversation_id", "conversation_id"),
        Index("ix_callback_requests_done_at", "done_at"),
        NEVER_REUSE_IDS,  # an id is in the console's "done" URL
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    time: Mapped[str] = mapped_column(String(100))  # an id (morning …) or the user's words
    via: Mapped[str] = mapped_column(String(8))  # chat | phone
    phone: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column()
    done_at: Mapped[datetime | None] = mapped_column()


@dataclass(frozen=True, slots=True)
class CallbackRequest:
    """A callback request as the services and the console see it."""

    id: int
    conversation_id: int
    channel: str
    language: str | None
    time: str
    via: str
    phone: str | None
    created_at: datetime
    done_at: datetime | None = None


class CallbackStore(ABC):
    """Where callback requests live."""

    @abstractmethod
    async def add(
        self, *, conversation_id: int, channel: str, language: str | None, time: str,
        via: str, phone: str | None, now: datetime,
    ) -> CallbackRequest:  # fmt: skip
        """Store a new open request."""

    @abstractmethod
    async def open(self) -> list[CallbackRequest]:
        """The requests not yet done, oldest first."""

    @abstractmethod
    async def done(self, request_id: int, *, now: datetime) -> CallbackRequest | None:
        """Mark a request done and clear its number; None if it is not open (any more)."""

    @abstractmethod
    async def forget(self, *, conversation_id: int) -> int:
        """Delete every request of a conversation; how many there were."""


class MemoryCallbacks(CallbackStore):
    """Callback requests in a dict: for tests and tools without a database."""

    def __init__(self) -> None:
        self.rows: dict[int, CallbackRequest] = {}

    async def add(
        self, *, conversation_id: int, channel: str, language: str | None, time: str,
        via: str, phone: str | None, now: datetime,
    ) -> CallbackRequest:  # fmt: skip
        new_id = max(self.rows, default=0) + 1
        found = CallbackRequest(
            new_id, conversation_id, channel, language, time[:100], via, phone, now
        )
        self.rows[new_id] = found
        return found

    async def open(self) -> list[CallbackRequest]:
        rows = [r for r in self.rows.values() if r.done_at is None]
        return sorted(rows, key=lambda r: (r.created_at, r.id))

    async def done(self, request_id: int, *, now: datetime) -> CallbackRequest | None:
        found = self.rows.get(request_id)
        if found is None or found.done_at is not None:
            return None
        self.rows[request_id] = replace(found, phone=None, done_at=now)
        return self.rows[request_id]

    async def forget(self, *, conversation_id: int) -> int:
        gone = [i for i, r in self.rows.items() if r.conversation_id == conversation_id]
        for i in gone:
            del self.rows[i]
        return len(gone)


class SqlCallbacks(CallbackStore):
    """Callback requests in `callback_requests`, inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, *, conversation_id: int, channel: str, language: str | None, time: str,
        via: str, phone: str | None, now: datetime,
    ) -> CallbackRequest:  # fmt: skip
        row = CallbackRow(
            conversation_id=conversation_id, channel=channel, language=language,
            time=time[:100], via=via, phone=phone, created_at=now,
        )  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        return _request(row)

    async def open(self) -> list[CallbackRequest]:
        query = select(CallbackRow).where(CallbackRow.done_at.is_(None))
        rows = await self.session.scalars(query.order_by(CallbackRow.created_at, CallbackRow.id))
        return [_request(row) for row in rows.all()]

    async def done(self, request_id: int, *, now: datetime) -> CallbackRequest | None:
        row = await self.session.scalar(
            select(CallbackRow)
            .where(CallbackRow.id == request_id, CallbackRow.done_at.is_(None))
            .with_for_update()
        )
        if row is None:
            return None
        row.phone, row.done_at = None, now
        await self.session.flush()
        return _request(row)

    async def forget(self, *, conversation_id: int) -> int:
        result = await self.session.execute(
            delete(CallbackRow).where(CallbackRow.conversation_id == conversation_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _request(row: CallbackRow) -> CallbackRequest:
    return CallbackRequest(
        row.id, row.conversation_id, row.channel, row.language, row.time, row.via, row.phone,
        row.created_at, row.done_at,
    )  # fmt: skip

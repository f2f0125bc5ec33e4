"""The audit log: who opened which chat, and what staff did, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.models import Base


class AuditEntry(Base):
    """One staff action. `conversation_id` has no foreign key: the log outlives /forget."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_conversation_id", "conversation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(255), default="")


async def record(
    session: AsyncSession,
    *,
    staff_id: int | None,
    username: str,
    action: str,
    conversation_id: int | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Append one entry; it commits with the action it describes."""
    session.add(
        AuditEntry(
            at=at or utcnow(),
            staff_id=staff_id,
            username=username[:64],
            action=action,
            conversation_id=conversation_id,
            detail=detail[:255],
        )
    )


async def recent(
    session: AsyncSession, *, limit: int = 200, conversation_id: int | None = None
) -> Sequence[AuditEntry]:
    """The newest entries first, optionally of one conversation."""
    query = select(AuditEntry)
    if conversation_id is not None:
        query = query.where(AuditEntry.conversation_id == conversation_id)
    return (await session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit))).all()

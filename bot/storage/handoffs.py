"""The escalation queue: one open entry per handed-over conversation, and operators' notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    case,
    func,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.models import NEVER_REUSE_IDS, Base, Conversation, Message

OPEN = ("queued", "claimed")
LEVEL_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class Handoff(Base):
    """A conversation handed to people: why, how urgent, since when, who has it."""

    __tablename__ = "handoffs"
    __table_args__ = (
        Index("ix_handoffs_status_created_at", "status", "created_at"),
        # At most one open entry per conversation, on both backends.
        Index(
            "uq_handoffs_open_conversation",
            "conversation_id",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued|claimed|closed
    reason: Mapped[str] = mapped_column(String(32))
    risk_level: Mapped[str | None] = mapped_column(String(16))
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # waiting since
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    claimed_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[str | None] = mapped_column(String(32))
    # The user's messages up to this id were seen by the operator holding the chat.
    last_read_id: Mapped[int] = mapped_column(Integer, default=0)
    late_alerted_at: Mapped[datetime | None] = mapped_column()  # operators' chat told: late


class HandoffNote(Base):
    """A private note of an operator about a chat; the user never sees it."""

    __tablename__ = "handoff_notes"
    __table_args__ = (Index("ix_handoff_notes_conversation_id", "conversation_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


async def open_for(session: AsyncSession, *, conversation_id: int) -> Handoff | None:
    """The open entry of a conversation, if it has one."""
    return await session.scalar(
        select(Handoff).where(Handoff.conversation_id == conversation_id, Handoff.status.in_(OPEN))
    )


async def get(session: AsyncSession, *, handoff_id: int) -> Handoff | None:
    return await session.get(Handoff, handoff_id, populate_existing=True)


async def create(
    session: AsyncSession,
    *,
    conversation_id: int,
    reason: str,
    risk_level: str | None,
    emergency: bool,
    channel: str,
    language: str | None,
    now: datetime,
) -> Handoff:
    entry = Handoff(
        conversation_id=conversation_id,
        status="queued",
        reason=reason,
        risk_level=risk_level,
        emergency=emergency,
        channel=channel,
        language=language,
        created_at=now,
        updated_at=now,
        last_read_id=0,
    )
    session.add(entry)
    await session.flush()
    return entry


async def queue(session: AsyncSession, *, limit: int = 200) -> Sequence[Handoff]:
    """Open entries: emergencies first, then by risk, then the longest waiting."""
    level = case(LEVEL_ORDER, value=Handoff.risk_level, else_=9)
    query = (
        select(Handoff)
        .where(Handoff.status.in_(OPEN))
        .order_by(Handoff.emergency.desc(), level, Handoff.created_at, Handoff.id)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def unread(session: AsyncSession, *, entries: Sequence[Handoff]) -> dict[int, int]:
    """How many of the user's messages each entry's operator has not seen, by entry id."""
    ids = [e.id for e in entries]
    counts = dict.fromkeys(ids, 0)
    if not ids:
        return counts
    rows = await session.execute(
        select(Handoff.id, func.count(Message.id))
        .join(Message, Message.conversation_id == Handoff.conversation_id)
        .where(
            Handoff.id.in_(ids),
            Message.direction == "in",
            Message.id > Handoff.last_read_id,
            Message.created_at >= Handoff.created_at,
        )
        .group_by(Handoff.id)
    )
    counts.update({int(handoff_id): int(n) for handoff_id, n in rows.all()})
    return counts


async def claim(session: AsyncSession, *, handoff_id: int, operator_id: int, now: datetime) -> bool:
    """Take a queued entry; exactly one of several concurrent claims returns True."""
    result = await session.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, Handoff.status == "queued")
        .values(status="claimed", operator_id=operator_id, claimed_at=now, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def lock_conversation(session: AsyncSession, *, conversation_id: int) -> Conversation | None:
    """The conversation row, locked as `receive` locks it (same order: conversation first)."""
    return await session.scalar(
        select(Conversation)
        .where(Conversation.id == conversation_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def add_note(
    session: AsyncSession, *, entry: Handoff, author_id: int, author_name: str, text: str
) -> HandoffNote:
    note = HandoffNote(
        conversation_id=entry.conversation_id,
        handoff_id=entry.id,
        author_id=author_id,
        author_name=author_name,
        text=text,
        created_at=utcnow(),
    )
    session.add(note)
    return note


async def notes(session: AsyncSession, *, conversation_id: int) -> Sequence[HandoffNote]:
    query = select(HandoffNote).where(HandoffNote.conversation_id == conversation_id)
    return (await session.scalars(query.order_by(HandoffNote.id))).all()

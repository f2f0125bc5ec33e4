"""Tables. No business rules here: only what is stored and how it is keyed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BindParameter,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.clock import utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC times")
        value = value.astimezone(UTC)
        # SQLite compares datetimes as text: store them all in one zone, without offset.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # SQLAlchemy reads this class attribute once; nothing mutates it.
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON}  # noqa: RUF012


# Table options for tables whose ids leave the database (URLs, cursors): on SQLite an id is
# never handed out twice, even after the newest rows were deleted (PostgreSQL never reuses).
NEVER_REUSE_IDS: dict[str, Any] = {"sqlite_autoincrement": True}


class User(Base):
    """A person as one channel knows them: no phone number where a platform id will do."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "external_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    """One chat; its row is also the lock that keeps its messages in order."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("channel", "chat_id"),
        Index("ix_conversations_forgotten_at", "forgotten_at"),  # the sender's sweep
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="bot")
    language: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    turns: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_inbound_at: Mapped[datetime | None] = mapped_column()
    # When the person used /forget; `forgetting.finish` then cuts the row from them.
    forgotten_at: Mapped[datetime | None] = mapped_column()


class Message(Base):
    """The transcript: what the user wrote and what was sent back."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation_id_id", "conversation_id", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(8))  # "in" | "out"
    author: Mapped[str] = mapped_column(String(16), default="user")  # user | bot | operator
    text: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboundSeen(Base):
    """Ids of inbound messages already handled: platforms deliver the same update twice."""

    __tablename__ = "inbound_seen"

    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    # A SHA-256 of the platform's id, never the id (messages.seen_key says why).
    external_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL")
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


_UNSETTLED = text("status IN ('pending', 'sending')")  # bot.storage.outbox.UNSETTLED
UNSETTLED_ONLY: dict[str, Any] = {"sqlite_where": _UNSETTLED, "postgresql_where": _UNSETTLED}
# The same statuses for a query that should use those indexes: written into the SQL, since
# neither database matches a partial index's condition against bound parameters.
UNSETTLED_LITERAL: BindParameter[str] = bindparam(
    "unsettled", ("pending", "sending"), expanding=True, literal_execute=True
)


class OutboxRow(Base):
    """A reply waiting to be delivered; it exists before any send is tried."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_outbox_conversation_id_id", "conversation_id", "id"),
        Index("ix_outbox_channel_external_id", "channel", "external_id"),
        # Only the rows still to send (migration 0008): what a claim reads, however many
        # rows were sent or given up.
        Index("ix_outbox_unsettled_id", "id", **UNSETTLED_ONLY),
        Index("ix_outbox_unsettled_conversation_id_id", "conversation_id", "id", **UNSETTLED_ONLY),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]] = mapped_column()
    # pending → sending (claimed; next_attempt_at is then the lease's end) → sent | dead
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(128))  # the platform's message id
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
    # Parts of a long reply already accepted by the platform: a retry resumes after them.
    progress: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # What the platform reported afterwards (WhatsApp statuses): delivered | read | failed.
    receipt: Mapped[str | None] = mapped_column(String(16))
    receipt_at: Mapped[datetime | None] = mapped_column()
    # When an operator last sent a dead reply again: its new tries are counted from here.
    requeued_at: Mapped[datetime | None] = mapped_column()

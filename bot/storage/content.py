"""Content documents and their revisions, and questions the bot could not answer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.models import Base

STATUSES = ("draft", "published", "superseded")


class ContentDocument(Base):
    """One content file (`knowledge/answers.yml`, …) and which revision of it is live."""

    __tablename__ = "content_documents"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    published_id: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContentRevision(Base):
    """A saved state of a document: the parsed YAML as JSON; draft, published or superseded."""

    __tablename__ = "content_revisions"
    __table_args__ = (
        UniqueConstraint("document", "number", name="uq_content_revisions_document_number"),
        Index("ix_content_revisions_document", "document"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(ForeignKey("content_documents.name"))
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column()
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")


class UnansweredQuestion(Base):
    """A user text that fell to the fallback, stored without personal data.

    `conversation_id` (no foreign key, like the audit log's) lets the person's /forget
    delete their questions too.
    """

    __tablename__ = "content_unanswered"
    __table_args__ = (
        Index("ix_content_unanswered_status", "status"),
        Index("ix_content_unanswered_conversation_id", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | added | dismissed
    conversation_id: Mapped[int | None] = mapped_column(Integer)


async def documents(session: AsyncSession) -> Sequence[ContentDocument]:
    return (await session.scalars(select(ContentDocument).order_by(ContentDocument.name))).all()


async def published(session: AsyncSession) -> Sequence[ContentRevision]:
    """The live revision of every document."""
    query = select(ContentRevision).join(
        ContentDocument, ContentDocument.published_id == ContentRevision.id
    )
    return (await session.scalars(query.order_by(ContentRevision.document))).all()


async def history(session: AsyncSession, document: str) -> Sequence[ContentRevision]:
    query = select(ContentRevision).where(ContentRevision.document == document)
    return (await session.scalars(query.order_by(ContentRevision.number.desc()))).all()


async def next_number(session: AsyncSession, document: str) -> int:
    numbers = await session.scalars(
        select(ContentRevision.number).where(ContentRevision.document == document)
    )
    return max(numbers.all(), default=0) + 1


async def record_unanswered(
    session: AsyncSession, *, text: str, language: str | None, conversation_id: int | None = None
) -> None:
    """Keep an (already anonymised) text for the editors' work list."""
    session.add(
        UnansweredQuestion(text=text[:1000], language=language, conversation_id=conversation_id)
    )


async def open_unanswered(session: AsyncSession, limit: int = 500) -> Sequence[UnansweredQuestion]:
    query = select(UnansweredQuestion).where(UnansweredQuestion.status == "open")
    return (await session.scalars(query.order_by(UnansweredQuestion.id.desc()).limit(limit))).all()


async def set_unanswered_status(session: AsyncSession, ids: Sequence[int], status: str) -> None:
    rows = await session.scalars(select(UnansweredQuestion).where(UnansweredQuestion.id.in_(ids)))
    for row in rows:
        row.status = status


async def draft_ids(session: AsyncSession) -> list[tuple[str, int]]:
    """(document, revision id) of every draft."""
    rows = await session.execute(
        select(ContentRevision.document, ContentRevision.id).where(
            ContentRevision.status == "draft"
        )
    )
    return [(name, rev_id) for name, rev_id in rows]

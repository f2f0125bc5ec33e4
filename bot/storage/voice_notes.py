"""Voice notes kept for an operator: the audio of a held chat, until its hand-off closes.

A row is named by a random token (`ref`), which the console's player asks for; nothing in
it but the conversation's id leads to the person, and the row goes with the hand-off.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.models import Base

REF_CHARS = 32


class VoiceNote(Base):
    """One voice note's audio, its content type and when it arrived."""

    __tablename__ = "voice_notes"
    __table_args__ = (Index("ix_voice_notes_conversation_id", "conversation_id"),)

    ref: Mapped[str] = mapped_column(String(REF_CHARS), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    content_type: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


async def add(
    session: AsyncSession, *, ref: str, conversation_id: int, content_type: str, data: bytes
) -> None:
    session.add(
        VoiceNote(ref=ref, conversation_id=conversation_id, content_type=content_type, data=data)
    )


async def get(session: AsyncSession, *, ref: str) -> VoiceNote | None:
    return await session.scalar(select(VoiceNote).where(VoiceNote.ref == ref))


async def drop(session: AsyncSession, *, conversation_id: int) -> None:
    """Every voice note of the conversation (a hand-off closed, or /forget)."""
    await session.execute(delete(VoiceNote).where(VoiceNote.conversation_id == conversation_id))

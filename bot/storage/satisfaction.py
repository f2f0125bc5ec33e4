"""Satisfaction answers after a closed hand-off: stored without anyone's identity.

A row holds a period (the month), the channel, the language, the rating and the operator who
closed the chat — no chat, user, conversation or hand-off id, and no time finer than the
month, so an answer cannot be traced back to a person. A comment is a row of its own, with
no rating and no operator, so that it cannot be joined to either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Index, String, Text, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base

RATINGS = ("up", "down")


class SatisfactionAnswer(Base):
    """One rating, or one comment, of one closed hand-off."""

    __tablename__ = "satisfaction_answers"
    __table_args__ = (Index("ix_satisfaction_answers_period", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7))  # "2026-12"
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    rating: Mapped[str | None] = mapped_column(String(8))  # up | down; None on a comment
    operator_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    comment: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True, slots=True)
class Count:
    """Ratings of one period, for one operator (`operator_id`) or for all (None)."""

    period: str
    operator_id: int | None
    up: int
    down: int

    @property
    def answers(self) -> int:
        return self.up + self.down


async def add(
    session: AsyncSession,
    *,
    period: str,
    channel: str,
    language: str | None,
    rating: str | None = None,
    operator_id: int | None = None,
    comment: str | None = None,
) -> None:
    """Store one rating or one comment."""
    session.add(
        SatisfactionAnswer(
            period=period, channel=channel, language=language, rating=rating,
            operator_id=operator_id, comment=comment,
        )
    )  # fmt: skip


async def counts(session: AsyncSession, *, periods: int = 12) -> list[Count]:
    """Up and down ratings per period and operator, newest period first (`periods` of them)."""
    up = func.sum(case((SatisfactionAnswer.rating == "up", 1), else_=0))
    down = func.sum(case((SatisfactionAnswer.rating == "down", 1), else_=0))
    rows = await session.execute(
        select(SatisfactionAnswer.period, SatisfactionAnswer.operator_id, up, down)
        .where(SatisfactionAnswer.rating.is_not(None))
        .group_by(SatisfactionAnswer.period, SatisfactionAnswer.operator_id)
    )
    found = [Count(p, o, int(u or 0), int(d or 0)) for p, o, u, d in rows.all()]
    newest = sorted({c.period for c in found}, reverse=True)[:periods]
    return [c for c in found if c.period in newest]


async def comments(session: AsyncSession, *, period: str, limit: int = 50) -> Sequence[str]:
    """The newest comments of a period."""
    query = (
        select(SatisfactionAnswer.comment)
        .where(SatisfactionAnswer.period == period, SatisfactionAnswer.comment.is_not(None))
        .order_by(SatisfactionAnswer.id.desc())
        .limit(limit)
    )
    return [str(c) for c in (await session.scalars(query)).all()]

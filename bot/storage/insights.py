"""The anonymous event store: facts of turns and hand-offs, without text or anyone's id.

A row holds the day, the channel, the language and one kind of fact (a question's intent, an
offer's level and signs with its destination, sector and pay band, a hand-off's reason, a
wait, an outcome, a rating) — never a chat, user, conversation or hand-off id, no time
finer than the day and no words. Its key is random, so not even the order of rows says
which facts came from one chat. Nothing here names a person, so `/forget` leaves it.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Index, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base

KINDS = ("question", "offer", "handoff", "claim", "reply", "close", "rating")


def _random_key() -> str:
    return secrets.token_hex(16)


class InsightEvent(Base):
    """One anonymous fact (see the module's docstring)."""

    __tablename__ = "insight_events"
    __table_args__ = (Index("ix_insight_events_kind_day", "kind", "day"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_random_key)
    day: Mapped[str] = mapped_column(String(10))  # "2026-12-03" (UTC)
    kind: Mapped[str] = mapped_column(String(16))  # one of KINDS
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(8))  # destination, or the chat's country
    intent: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[str | None] = mapped_column(String(16))
    indicators: Mapped[str | None] = mapped_column(String(800))  # ids, space-separated
    sector: Mapped[str | None] = mapped_column(String(32))
    pay_band: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    seconds: Mapped[int | None] = mapped_column(Integer)  # wait to claim, or to first reply
    outcome: Mapped[str | None] = mapped_column(String(32))
    rating: Mapped[str | None] = mapped_column(String(8))


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact to store; only `kind` and what that kind has are set."""

    kind: str
    day: date
    channel: str
    language: str | None = None
    country: str | None = None
    intent: str | None = None
    level: str | None = None
    indicators: tuple[str, ...] = ()
    sector: str | None = None
    pay_band: str | None = None
    reason: str | None = None
    seconds: int | None = None
    outcome: str | None = None
    rating: str | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Which facts a report reads: days `start`..`end` (inclusive) and, if set, one of each."""

    start: date
    end: date
    channel: str | None = None
    language: str | None = None
    country: str | None = None


async def add(session: AsyncSession, fact: Fact) -> None:
    """Store one fact."""
    if fact.kind not in KINDS:
        raise ValueError(f"unknown kind of fact: {fact.kind}")
    session.add(
        InsightEvent(
            day=fact.day.isoformat(), kind=fact.kind, channel=fact.channel,
            language=fact.language, country=fact.country, intent=fact.intent, level=fact.level,
            indicators=" ".join(fact.indicators) or None, sector=fact.sector,
            pay_band=fact.pay_band, reason=fact.reason, seconds=fact.seconds,
            outcome=fact.outcome, rating=fact.rating,
        )
    )  # fmt: skip


async def read(session: AsyncSession, *, kind: str, filters: Filters) -> Sequence[Fact]:
    """The facts of one kind that the filters let through, oldest day first."""
    row = InsightEvent
    query = select(row).where(
        row.kind == kind, row.day >= filters.start.isoformat(), row.day <= filters.end.isoformat()
    )
    for column, wanted in (
        (row.channel, filters.channel),
        (row.language, filters.language),
        (row.country, filters.country),
    ):
        if wanted:
            query = query.where(column == wanted)
    found = (await session.scalars(query.order_by(row.day))).all()
    return [_fact(r) for r in found]


async def choices(session: AsyncSession) -> dict[str, list[str]]:
    """The channels, languages and countries facts were stored with (for the filters)."""
    found: dict[str, list[str]] = {}
    for name in ("channel", "language", "country"):
        column = getattr(InsightEvent, name)
        values = await session.scalars(select(column).where(column.is_not(None)).distinct())
        found[name] = sorted(str(v) for v in values.all())
    return found


def _fact(r: InsightEvent) -> Fact:
    return Fact(
        kind=r.kind, day=date.fromisoformat(r.day), channel=r.channel, language=r.language,
        country=r.country, intent=r.intent, level=r.level,
        indicators=tuple((r.indicators or "").split()), sector=r.sector, pay_band=r.pay_band,
        reason=r.reason, seconds=r.seconds, outcome=r.outcome, rating=r.rating,
    )  # fmt: skip

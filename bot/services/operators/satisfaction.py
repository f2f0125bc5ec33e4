"""Satisfaction after close: the question when an operator closes a chat, its answers stored
without the person's identity, and their counts for admins.

The answer rows (`bot.storage.satisfaction`) hold the month, channel, language, rating and
the operator who closed the chat — never the chat or the person. Counts are shown per month;
an operator's own figures only from `MIN_SHOWN` ratings in that month, so that nobody can
read a single person's answer off a small number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.content.model import Content
from bot.engine.dialogue import survey
from bot.engine.dialogue.events import Commented, Event, Rated
from bot.engine.dialogue.state import DialogueState
from bot.services.operators.steps import say_reply
from bot.storage import satisfaction, staff
from bot.storage.database import Database
from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation

MIN_SHOWN = 5  # an operator's ratings in a month before they are shown on their own


def period_of(at: datetime) -> str:
    """The period an answer is counted in: its month, "2026-12"."""
    return at.strftime("%Y-%m")


async def ask(
    session: AsyncSession, conv: Conversation, content: Content, language: str, handoff_id: int
) -> None:
    """Ask the closed chat's person how it went; the state waits for that question's button."""
    await say_reply(session, conv, survey.question(content, language, str(handoff_id)))
    state = DialogueState.from_dict(conv.state)
    conv.state = state.but(survey=str(handoff_id), commenting=None).to_dict()


async def record(
    session: AsyncSession,
    *,
    conversation: Conversation,
    events: tuple[Event, ...],
    language: str | None,
    now: datetime,
) -> None:
    """Store the ratings and comments of one step, without who gave them."""
    period, channel = period_of(now), conversation.channel
    for event in events:
        if isinstance(event, Rated) and event.survey.isdigit():
            operator_id = await session.scalar(
                select(Handoff.operator_id).where(
                    Handoff.id == int(event.survey), Handoff.conversation_id == conversation.id
                )
            )
            await satisfaction.add(
                session, period=period, channel=channel, language=language,
                rating=event.rating, operator_id=operator_id,
            )  # fmt: skip
        elif isinstance(event, Commented):
            await satisfaction.add(
                session, period=period, channel=channel, language=language, comment=event.text
            )


@dataclass(frozen=True, slots=True)
class OperatorFigures:
    """One operator's ratings in one month."""

    name: str
    up: int
    down: int


@dataclass(frozen=True, slots=True)
class Month:
    """One period's figures as admins see them."""

    period: str
    up: int
    down: int
    operators: tuple[OperatorFigures, ...]  # only those with at least MIN_SHOWN ratings
    unshown: int  # ratings of operators below MIN_SHOWN (and of deleted accounts)
    comments: tuple[str, ...]

    @property
    def answers(self) -> int:
        return self.up + self.down


class SatisfactionReport:
    """Counts per month for the console's admins."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def months(self, *, periods: int = 12) -> list[Month]:
        async with self.db.transaction() as session:
            found = await satisfaction.counts(session, periods=periods)
            names = {u.id: u.username for u in await staff.operators(session)}
            months = []
            for period in sorted({c.period for c in found}, reverse=True):
                rows = [c for c in found if c.period == period]
                shown = tuple(
                    OperatorFigures(names[c.operator_id], c.up, c.down)
                    for c in sorted(rows, key=lambda c: names.get(c.operator_id or 0, ""))
                    if c.operator_id in names and c.answers >= MIN_SHOWN
                )
                up, down = sum(c.up for c in rows), sum(c.down for c in rows)
                unshown = up + down - sum(o.up + o.down for o in shown)
                said = tuple(await satisfaction.comments(session, period=period))
                months.append(Month(period, up, down, shown, unshown, said))
        return months

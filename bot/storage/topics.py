"""Forum topics of the operators' Telegram group: which topic belongs to which hand-off.

One row per hand-off that got a topic; `relayed_id` is the last of the person's messages
already posted into it, so each is posted once. One interface (`TopicStore`) with two
implementations: `SqlTopics` on a session, in the caller's transaction, and `MemoryTopics`
for tests and tools without a database. Nothing here names the person: ids only.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base


class TopicRow(Base):
    """A hand-off's topic: the group, the topic's thread id, what was posted into it."""

    __tablename__ = "handoff_topics"
    __table_args__ = (
        Index("uq_handoff_topics_thread", "chat_id", "thread_id", unique=True),
        Index("ix_handoff_topics_conversation_id", "conversation_id"),
    )

    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    chat_id: Mapped[str] = mapped_column(String(32))
    thread_id: Mapped[int] = mapped_column(BigInteger)
    relayed_id: Mapped[int] = mapped_column(Integer, default=0)
    told: Mapped[str] = mapped_column(String(32), default="queued")  # the state last posted


@dataclass(frozen=True, slots=True)
class Topic:
    """A hand-off's forum topic as the services see it."""

    handoff_id: int
    conversation_id: int
    chat_id: str
    thread_id: int
    relayed_id: int = 0
    told: str = "queued"  # the hand-off's state as last posted: queued | claimed:ID | closed


class TopicStore(ABC):
    """Where the topic ↔ hand-off mapping lives."""

    @abstractmethod
    async def add(self, topic: Topic) -> bool:
        """Keep a new mapping; False when the hand-off has a topic already."""

    @abstractmethod
    async def by_thread(self, *, chat_id: str, thread_id: int) -> Topic | None:
        """The mapping of a topic in a group, if it is a hand-off's."""

    @abstractmethod
    async def by_handoff(self, handoff_id: int, *, lock: bool = False) -> Topic | None:
        """The topic of a hand-off, if it has one; `lock`: until the transaction ends, so
        that of two relays of the same messages one waits and then finds them relayed."""

    @abstractmethod
    async def relayed(self, handoff_id: int, *, up_to: int) -> None:
        """Remember that the person's messages up to this id are in the topic."""

    @abstractmethod
    async def tell(self, handoff_id: int, state: str) -> bool:
        """Note the state as posted; False when it already was (nothing to post)."""

    @abstractmethod
    async def of_conversation(self, conversation_id: int) -> list[Topic]:
        """Every topic of a conversation's hand-offs, oldest hand-off first."""

    @abstractmethod
    async def drop(self, handoff_id: int) -> None:
        """Forget a hand-off's topic (deleted in the group after the person's /forget)."""


class MemoryTopics(TopicStore):
    """Mappings in a dict: for tests and tools without a database."""

    def __init__(self) -> None:
        self.rows: dict[int, Topic] = {}

    async def add(self, topic: Topic) -> bool:
        taken = await self.by_thread(chat_id=topic.chat_id, thread_id=topic.thread_id)
        if topic.handoff_id in self.rows or taken is not None:
            return False
        self.rows[topic.handoff_id] = topic
        return True

    async def by_thread(self, *, chat_id: str, thread_id: int) -> Topic | None:
        where = (chat_id, thread_id)
        return next((t for t in self.rows.values() if (t.chat_id, t.thread_id) == where), None)

    async def by_handoff(self, handoff_id: int, *, lock: bool = False) -> Topic | None:
        return self.rows.get(handoff_id)

    async def relayed(self, handoff_id: int, *, up_to: int) -> None:
        found = self.rows.get(handoff_id)
        if found is not None and up_to > found.relayed_id:
            self.rows[handoff_id] = replace(found, relayed_id=up_to)

    async def tell(self, handoff_id: int, state: str) -> bool:
        found = self.rows.get(handoff_id)
        if found is None or found.told == state:
            return False
        self.rows[handoff_id] = replace(found, told=state)
        return True

    async def of_conversation(self, conversation_id: int) -> list[Topic]:
        found = [t for t in self.rows.values() if t.conversation_id == conversation_id]
        return sorted(found, key=lambda t: t.handoff_id)

    async def drop(self, handoff_id: int) -> None:
        self.rows.pop(handoff_id, None)


class SqlTopics(TopicStore):
    """Mappings in `handoff_topics`, inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, topic: Topic) -> bool:
        if await self.session.get(TopicRow, topic.handoff_id) is not None:
            return False
        if await self.by_thread(chat_id=topic.chat_id, thread_id=topic.thread_id) is not None:
            return False
        self.session.add(
            TopicRow(
                handoff_id=topic.handoff_id, conversation_id=topic.conversation_id,
                chat_id=topic.chat_id, thread_id=topic.thread_id, relayed_id=topic.relayed_id,
                told=topic.told,
            )
        )  # fmt: skip
        await self.session.flush()
        return True

    async def by_thread(self, *, chat_id: str, thread_id: int) -> Topic | None:
        row = await self.session.scalar(
            select(TopicRow).where(TopicRow.chat_id == chat_id, TopicRow.thread_id == thread_id)
        )
        return _topic(row) if row is not None else None

    async def by_handoff(self, handoff_id: int, *, lock: bool = False) -> Topic | None:
        row = await self.session.get(TopicRow, handoff_id, with_for_update=lock)
        return _topic(row) if row is not None else None

    async def relayed(self, handoff_id: int, *, up_to: int) -> None:
        row = await self.session.get(TopicRow, handoff_id, with_for_update=True)
        if row is not None and up_to > row.relayed_id:
            row.relayed_id = up_to
            await self.session.flush()

    async def tell(self, handoff_id: int, state: str) -> bool:
        row = await self.session.get(TopicRow, handoff_id, with_for_update=True)
        if row is None or row.told == state:
            return False
        row.told = state
        await self.session.flush()
        return True

    async def of_conversation(self, conversation_id: int) -> list[Topic]:
        query = select(TopicRow).where(TopicRow.conversation_id == conversation_id)
        rows = await self.session.scalars(query.order_by(TopicRow.handoff_id))
        return [_topic(row) for row in rows.all()]

    async def drop(self, handoff_id: int) -> None:
        await self.session.execute(delete(TopicRow).where(TopicRow.handoff_id == handoff_id))


def _topic(row: TopicRow) -> Topic:
    return Topic(
        row.handoff_id, row.conversation_id, row.chat_id, row.thread_id, row.relayed_id, row.told
    )

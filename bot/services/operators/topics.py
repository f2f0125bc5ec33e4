"""Operators in a Telegram group: each hand-off opens a forum topic in it (optional).

A new entry in the queue gets a topic named by the chat's handle and reason, whose first
message is the case summary (`summary.py`); the person's later messages are posted into it.
What a linked operator writes there acts through the same `Desk` as the web console
(`topic_actions.py`), so a chat is taken in either place, by one operator at a time.

The room listens to its own process's escalations (`Escalations.listeners`): the process that
stored a turn posts it, once (`handoff_topics.relayed_id`, under a row lock). Posts go straight
to the Bot API, not through the outbox: one lost is logged, not retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.engine.content.model import Content
from bot.services.operators import topic_status, topic_text
from bot.services.operators.desk import Desk
from bot.services.operators.events import LiveEvent
from bot.services.operators.queue_rows import handle
from bot.services.operators.summary import summary
from bot.services.operators.view import ChatView, assessment, items_of, lines_of
from bot.storage import handoffs, messages
from bot.storage.database import Database
from bot.storage.handoff_close import FORGOTTEN
from bot.storage.models import Conversation
from bot.storage.topics import SqlTopics, Topic

log = logging.getLogger(__name__)


class TopicPort(Protocol):
    """The Bot API calls the room needs (the Telegram channel provides them)."""

    async def create_topic(self, chat_id: str, name: str) -> int:
        """Open a forum topic; its message_thread_id."""
        ...

    async def post(self, chat_id: str, thread_id: int, text: str) -> None:
        """Send text into a topic."""
        ...

    async def close_topic(self, chat_id: str, thread_id: int) -> None:
        """Close a topic (it stays readable)."""
        ...

    async def delete_topic(self, chat_id: str, thread_id: int) -> None:
        """Delete a topic with every message in it."""
        ...


@dataclass(frozen=True, slots=True)
class GroupMessage:
    """A text written in the operators' group: where, by which Telegram user, what."""

    chat_id: str
    thread_id: int | None
    user_id: int
    text: str


class TopicRoom:
    """Opens topics for new hand-offs and posts the person's messages into them."""

    def __init__(
        self, db: Database, content: Callable[[], Content], desk: Desk, chat_id: str
    ) -> None:
        self.db, self.content, self.desk, self.chat_id = db, content, desk, chat_id
        self.port: TopicPort | None = None  # plugged in once the Telegram channel exists
        self._lock = asyncio.Lock()  # one open or relay at a time, in the order of events
        self._tasks: set[asyncio.Task[None]] = set()

    async def on_event(self, event: LiveEvent) -> None:
        """A listener of escalations and of the room's own desk: the Bot API calls run
        beside, so neither the person's turn nor the console waits for Telegram."""
        if self.port is None or event.kind not in ("queue", "chat"):
            return
        if event.handoff_id is None and event.conversation_id is None:
            return
        task = asyncio.create_task(self._handle(event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        """Wait until every event heard so far is handled (tests, and stopping)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def stop(self) -> None:
        """Let the posts under way finish, then stop."""
        await self.idle()

    async def _handle(self, event: LiveEvent) -> None:
        try:
            async with self._lock:
                if event.handoff_id is None:  # ended without an operator: /forget, maybe
                    assert event.conversation_id is not None
                    await self._ended(event.conversation_id)
                    return
                if event.kind == "queue" and event.new:
                    await self._open(event.handoff_id)
                await self._relay(event.handoff_id)
                await topic_status.tell(self, event.handoff_id)
        except Exception:  # the console still has the chat; a topic is not worth a crash
            log.exception("operators' topic failed after %s", event)

    async def _open(self, handoff_id: int) -> None:
        """A topic with the case summary, unless the hand-off has one (or is gone)."""
        assert self.port is not None
        content = self.content()
        async with self.db.transaction() as session:
            entry = await handoffs.get(session, handoff_id=handoff_id)
            if entry is None or entry.status == "closed":
                return
            if await SqlTopics(session).by_handoff(handoff_id) is not None:
                return
            conv = await session.get(Conversation, entry.conversation_id)
            if conv is None:
                return
            lines = await lines_of(session, entry)
            (item,) = await items_of(session, [entry])
        offer = (conv.state or {}).get("offer")
        view = ChatView(item, lines, (), assessment(content, offer))
        case = await summary(self.db, content, view)
        said = [m for m in lines if m.direction == "in"]
        name = topic_text.title(content, entry, handle(conv.channel, conv.chat_id))
        thread_id = await self.port.create_topic(self.chat_id, name)
        topic = Topic(handoff_id, conv.id, self.chat_id, thread_id, said[-1].id if said else 0)
        async with self.db.transaction() as session:
            if not await SqlTopics(session).add(topic):
                return  # another process opened one meanwhile; this one stays empty
        last = topic_text.user_line(content, said[-1]) if said else None
        text = topic_text.summary_text(content, entry, case, view.assessment, last)
        await self.port.post(self.chat_id, thread_id, text)

    async def _relay(self, handoff_id: int) -> None:
        """The person's messages not yet in the hand-off's topic, posted in order."""
        assert self.port is not None
        async with self.db.transaction() as session:
            store = SqlTopics(session)
            topic = await store.by_handoff(handoff_id, lock=True)
            if topic is None:
                return
            lines = await messages.inbound_after(
                session, conversation_id=topic.conversation_id, after_id=topic.relayed_id
            )
            if lines:
                await store.relayed(handoff_id, up_to=lines[-1].id)
        content = self.content()
        for line in lines:
            await self.port.post(
                topic.chat_id, topic.thread_id, topic_text.user_line(content, line)
            )

    async def forgotten(self, conversation_id: int) -> None:
        """Deleted by retention: its topics leave the group, as after /forget."""
        if self.port is not None:
            async with self._lock:
                await self._ended(conversation_id)

    async def _ended(self, conversation_id: int) -> None:
        """Withdrawn, told; after the person's /forget their words leave the group too."""
        assert self.port is not None
        async with self.db.transaction() as session:
            store = SqlTopics(session)
            gone, told = [], []
            for topic in await store.of_conversation(conversation_id):
                entry = await handoffs.get(session, handoff_id=topic.handoff_id)
                if entry is None or entry.outcome == FORGOTTEN:
                    await store.drop(topic.handoff_id)
                    gone.append(topic)
                else:
                    told.append(topic.handoff_id)
        for handoff_id in told:
            await topic_status.tell(self, handoff_id)
        for topic in gone:
            try:
                await self.port.delete_topic(topic.chat_id, topic.thread_id)
            except Exception:  # logged: an admin of the group can still delete it by hand
                self.log_failure("delete (after /forget)", topic)

    async def say(self, topic: Topic, text: str) -> None:
        """The room's answer to an operator, in the topic; a failure is logged."""
        if self.port is None:
            return
        try:
            await self.port.post(topic.chat_id, topic.thread_id, text)
        except Exception:  # the desk has done it; only the acknowledgement is lost
            self.log_failure("answer", topic)

    @staticmethod
    def log_failure(what: str, topic: Topic) -> None:
        log.exception("operators' topic %d: could not %s", topic.thread_id, what)

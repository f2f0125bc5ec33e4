"""Automatic assignment, and chats going back to the queue when their operator leaves.

With `operators.assignment: auto` a queued chat goes to the available operator holding the
fewest open chats, below `operators.max_open_chats` (`storage.assignment.pick` locks so two
processes cannot both fill the last place). The queue is filled in its own order (urgent
first, then the longest waiting) whenever that may help: a new chat, a chat closed or given
back, an operator coming back. Whatever the mode, a chat whose operator sets «away» or is
disabled goes back to the queue, the user is told, and the audit log keeps it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.services.operators.escalation import Listener
from bot.services.operators.events import LiveEvent
from bot.services.operators.steps import locked, say, take
from bot.services.operators.view import DeskError
from bot.settings.operators import OperatorsSettings
from bot.storage import assignment, audit, handoffs
from bot.storage.database import Database
from bot.types import ConversationStatus

log = logging.getLogger(__name__)


class Assigner:
    """Gives queued chats to operators (auto mode) and takes them back from leavers."""

    def __init__(
        self,
        db: Database,
        content: Callable[[], Content],
        settings: OperatorsSettings,
        *,
        publish: Listener,
        wake: Callable[[], None],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.content = content
        self.settings = settings
        self.publish = publish
        self.wake = wake
        self.clock = clock

    async def on_event(self, event: LiveEvent) -> None:
        """A listener of escalations: a chat new in the queue may have someone to go to.

        Called after the user's message committed: a failure here leaves the chat queued
        (the next event or an operator takes it) and must not fail that message.
        """
        if event.kind == "queue" and event.new and event.operator_id is None:
            try:
                await self.fill()
            except Exception:
                log.exception("automatic assignment failed; the chat stays in the queue")

    async def fill(self) -> int:
        """In auto mode, give queued chats out while someone has room; how many were given."""
        if self.settings.assignment != "auto":
            return 0
        async with self.db.transaction() as session:
            waiting = [e.id for e in await handoffs.queue(session) if e.status == "queued"]
        given = 0
        for handoff_id in waiting:
            outcome = await self._give(handoff_id)
            if outcome is None:
                break  # nobody has room: the rest wait too
            given += outcome
        return given

    async def _give(self, handoff_id: int) -> int | None:
        """1 when the chat went to someone, 0 when it was no longer waiting, None: no room."""
        async with self.db.transaction() as session:
            try:
                entry, conv = await locked(session, handoff_id)
            except DeskError:
                return 0  # closed meanwhile
            if entry.status != "queued":
                return 0
            operator = await assignment.pick(
                session, limit=self.settings.max_open_chats, now=self.clock()
            )
            if operator is None:
                return None
            person = (operator.id, operator.username)
            now = self.clock()
            await take(
                session, entry, conv, self.content(), operator=person, action="assigned", now=now
            )
        self.wake()
        await self.publish(LiveEvent("queue", conv.id, handoff_id, new=True, operator_id=person[0]))
        return 1

    async def give_back(self, operator_id: int, username: str, why: str) -> int:
        """Put every chat the operator holds back in the queue (`why`: away | disabled)."""
        async with self.db.transaction() as session:
            held = list(await assignment.held_by(session, operator_id=operator_id))
        returned = 0
        for handoff_id in held:
            returned += await self._return(handoff_id, operator_id, username, why)
        if returned:
            await self.fill()
        return returned

    async def _return(self, handoff_id: int, operator_id: int, username: str, why: str) -> int:
        async with self.db.transaction() as session:
            try:
                entry, conv = await locked(session, handoff_id)
            except DeskError:
                return 0
            now = self.clock()
            if not await assignment.release(
                session, handoff_id=entry.id, operator_id=operator_id, now=now
            ):
                return 0  # closed or handed on meanwhile
            conv.status = ConversationStatus.QUEUED.value
            content = self.content()
            lang = entry.language or conv.language or content.languages.default
            await say(session, conv, content.text("handoff_operator_left", lang))
            await audit.record(
                session,
                staff_id=operator_id,
                username=username,
                action="returned",
                conversation_id=conv.id,
                detail=why,
            )
        self.wake()
        event = LiveEvent("queue", conv.id, handoff_id, emergency=entry.emergency, new=True)
        await self.publish(event)
        return 1

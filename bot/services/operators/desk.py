"""The operators' desk: the queue, a chat's view, and what an operator does with a chat."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.engine.dialogue.emergency import hotline_for
from bot.engine.dialogue.state import DialogueState
from bot.services.insights import record as insight_facts
from bot.services.operators import satisfaction
from bot.services.operators.escalation import OUTCOMES, Listener
from bot.services.operators.events import LiveEvent
from bot.services.operators.steps import locked, must_hold, operator_says, say, take
from bot.services.operators.view import (
    ChatView,
    DeskError,
    QueueItem,
    assessment,
    entry_of,
    items_of,
    lines_of,
)
from bot.services.outbox import window_open
from bot.services.staff import Staff
from bot.storage import audit, handoffs, messages, staff
from bot.storage.audit import AuditEntry
from bot.storage.database import Database
from bot.storage.models import Conversation, Message
from bot.types import ConversationStatus

MAX_REPLY = 4000
MAX_NOTE = 4000


class Desk:
    """Operator actions; each one is a transaction, then a live event for the consoles."""

    def __init__(
        self,
        db: Database,
        content: Callable[[], Content],
        *,
        publish: Listener,
        wake: Callable[[], None],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.content = content
        self.publish = publish
        self.wake = wake
        self.clock = clock

    async def audit_log(self, *, limit: int) -> list[AuditEntry]:
        """Who opened which chat and when, newest first (admins only)."""
        async with self.db.transaction() as session:
            return list(await audit.recent(session, limit=limit))

    async def queue(self) -> list[QueueItem]:
        async with self.db.transaction() as session:
            entries = await handoffs.queue(session)
            return await items_of(session, entries)

    async def chat(self, handoff_id: int, who: Staff) -> ChatView:
        """A chat's page; opening it is written to the audit log."""
        async with self.db.transaction() as session:
            entry = await entry_of(session, handoff_id)
            if entry.operator_id == who.id:
                entry.last_read_id = await messages.last_inbound_id(
                    session, conversation_id=entry.conversation_id
                )
            conv = await session.get(Conversation, entry.conversation_id)
            lines = await lines_of(session, entry)
            notes = await handoffs.notes(session, conversation_id=entry.conversation_id)
            await audit.record(
                session,
                staff_id=who.id,
                username=who.username,
                action="open_chat",
                conversation_id=entry.conversation_id,
                detail=f"handoff {entry.id}",
            )
            (item,) = await items_of(session, [entry])
        offer = (conv.state or {}).get("offer") if conv is not None else None
        return ChatView(item, lines, tuple(notes), assessment(self.content(), offer))

    async def transcript(self, handoff_id: int, who: Staff) -> tuple[Message, ...]:
        """The transcript again (live refresh); marks it read for the operator holding it."""
        async with self.db.transaction() as session:
            entry = await entry_of(session, handoff_id)
            if entry.operator_id == who.id:
                entry.last_read_id = await messages.last_inbound_id(
                    session, conversation_id=entry.conversation_id
                )
            return await lines_of(session, entry)

    async def claim(self, handoff_id: int, who: Staff) -> None:
        """Take a queued chat; raises DeskError("taken") when someone else was faster."""
        async with self.db.transaction() as session:
            entry, conv = await locked(session, handoff_id)
            await take(
                session,
                entry,
                conv,
                self.content(),
                operator=(who.id, who.username),
                action="claim",
                now=self.clock(),
            )
        self.wake()
        await self.publish(LiveEvent("queue", conv.id, handoff_id, operator_id=who.id))

    async def reply(self, handoff_id: int, who: Staff, text: str) -> None:
        """Send the operator's words to the user through the outbox, in the order sent."""
        text = text.strip()
        if not text or len(text) > MAX_REPLY:
            raise DeskError("invalid", f"a reply has 1–{MAX_REPLY} characters")
        async with self.db.transaction() as session:
            entry, conv = await locked(session, handoff_id)
            must_hold(entry, who)
            if not window_open(conv.channel, conv.last_inbound_at, self.clock()):
                raise DeskError("window_closed", "the 24-hour window is closed: send a template")
            await operator_says(session, entry, conv, text, self.clock())
        self.wake()
        await self.publish(LiveEvent("chat", conv.id, handoff_id, operator_id=who.id))

    async def note(self, handoff_id: int, who: Staff, text: str) -> None:
        """A private note on the chat, for colleagues; never sent."""
        text = text.strip()
        if not text or len(text) > MAX_NOTE:
            raise DeskError("invalid", f"a note has 1–{MAX_NOTE} characters")
        async with self.db.transaction() as session:
            entry = await entry_of(session, handoff_id)
            await handoffs.add_note(
                session, entry=entry, author_id=who.id, author_name=who.username, text=text
            )
        await self.publish(LiveEvent("chat", entry.conversation_id, handoff_id))

    async def transfer(self, handoff_id: int, who: Staff, to_user_id: int) -> None:
        """Hand a held chat to another operator."""
        async with self.db.transaction() as session:
            entry, conv = await locked(session, handoff_id)
            must_hold(entry, who)
            target = await staff.by_id(session, user_id=to_user_id)
            if target is None or not target.active or target.role not in ("operator", "admin"):
                raise DeskError("invalid", "no such operator")
            entry.operator_id = target.id
            entry.last_read_id = 0
            entry.updated_at = self.clock()
            await audit.record(
                session,
                staff_id=who.id,
                username=who.username,
                action="transfer",
                conversation_id=conv.id,
                detail=f"to {target.username}",
            )
        await self.publish(LiveEvent("queue", conv.id, handoff_id, new=True, operator_id=target.id))

    async def close(self, handoff_id: int, who: Staff, outcome: str) -> None:
        """End the handover: the user hears it and the bot answers again."""
        if outcome not in OUTCOMES:
            raise DeskError("invalid", "unknown outcome")
        async with self.db.transaction() as session:
            entry, conv = await locked(session, handoff_id)
            must_hold(entry, who)
            conv.status = ConversationStatus.BOT.value
            state = DialogueState.from_dict(conv.state)
            conv.state = state.but(
                handoff=False, waiting=False, queue=None, acked_at=None
            ).to_dict()
            content = self.content()
            lang = entry.language or conv.language or content.languages.default
            hotline = hotline_for(content, state.location, lang)
            closing = content.text("handoff_closed", lang, hotline=hotline)
            await say(session, conv, closing)
            await satisfaction.ask(session, conv, content, lang, entry.id)
            # After the closing line: the operator's view of the chat ends with it.
            entry.status, entry.outcome = "closed", outcome
            await insight_facts.closed(session, entry, conv, outcome, self.clock())
            entry.closed_at = entry.updated_at = self.clock()
            await audit.record(
                session,
                staff_id=who.id,
                username=who.username,
                action="close",
                conversation_id=conv.id,
                detail=outcome,
            )
        self.wake()
        await self.publish(LiveEvent("queue", conv.id, handoff_id))

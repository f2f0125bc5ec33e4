"""Reading a chat back: its history, the replies delivered since a point, and following it.

A reply is visible to a chat client from the moment the sender hands it over (its row is
`sending`): for a page, that hand-over is the delivery, and the `sent` bookkeeping follows
a moment later. Rows are handed over oldest first, one per chat at a time, so the visible
rows of a chat are always a prefix of its replies and a cursor (a row id) never skips one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.services.recently import Recently
from bot.services.wakeups import ChatWakeups
from bot.storage import conversations, delivered, messages, outbox
from bot.storage.database import Database
from bot.storage.models import Message, OutboxRow
from bot.types import ConversationKey

# An operator's line and its outbox row are written in one transaction, moments apart.
SAME_MOMENT = timedelta(seconds=5)
VISIBLE = frozenset({"sending", "sent"})
# A chat asks `known` before each message it sends (the web chat's new-chat limit). A yes
# stays true until /forget's cut or retention deletes the row, minutes or days later; for
# this long a chat cut meanwhile may start again unchecked (the limit is per process anyway).
KNOWN_FOR = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a transcript as a client shows it."""

    id: int
    direction: str  # "in" (from the user) | "out" (to the user)
    text: str
    buttons: tuple[dict[str, str], ...] = ()
    author: str = "user"  # user | bot | operator: a client labels an operator's words
    calls: tuple[str, ...] = ()  # numbers in the text a client may make tap-to-call
    clears: bool = False  # the client starts clean before this line (/forget)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "direction": self.direction,
            "author": self.author,
            "text": self.text,
            "buttons": list(self.buttons),
            "calls": list(self.calls),
            "clears": self.clears,
        }


@dataclass(frozen=True, slots=True)
class Look:
    """What a chat client sees at one look: the new lines and the chat's language."""

    lines: list[Line]
    language: str | None


class TranscriptService:
    """What a chat client needs to redraw a conversation and follow it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.wakeups = ChatWakeups(db)
        self._known = Recently(KNOWN_FOR.total_seconds())

    async def language(self, key: ConversationKey) -> str | None:
        async with self.db.reading() as session:
            conversation = await conversations.find(session, key=key)
            return conversation.language if conversation else None

    async def known(self, key: ConversationKey) -> bool:
        """Whether this chat has a conversation already (a yes is remembered a while)."""
        if key in self._known:
            return True
        async with self.db.reading() as session:
            found = await conversations.find(session, key=key) is not None
        if found:
            self._known.add(key)
        return found

    async def history(self, key: ConversationKey, limit: int = 200) -> tuple[list[Line], int]:
        """The user's messages and the delivered replies, in order; and the reply cursor."""
        async with self.db.reading() as session:
            conversation = await conversations.find(session, key=key)
            if conversation is None:
                return [], 0
            said = await messages.transcript(session, conversation_id=conversation.id)
            inbound = [
                (m.created_at, m.id, Line(0, "in", m.text)) for m in said if m.direction == "in"
            ]
            rows = await outbox.rows_for(session, conversation_id=conversation.id)
        sent = [r for r in rows if r.status in VISIBLE]
        outbound = [(r.created_at, r.id, _line(r, said)) for r in sent]
        lines = [line for _, _, line in sorted(inbound + outbound, key=lambda t: (t[0], t[1]))]
        cursor = max((r.id for r in sent), default=0)
        return lines[-limit:], cursor

    async def delivered_after(self, key: ConversationKey, after: int) -> list[Line]:
        """Replies delivered to the chat after outbox row `after`, oldest first."""
        return (await self.look(key, after)).lines

    async def look(self, key: ConversationKey, after: int) -> Look:
        """`delivered_after` and the chat's language, at one look."""
        async with self.db.reading() as session:
            found = await delivered.replies_after(
                session, key=key, after_id=after, statuses=VISIBLE
            )
            if found is None:
                return Look([], None)
            # Only an operator's lines can change a line's author: not the whole transcript.
            said = await delivered.operator_lines(
                session,
                conversation_id=found.conversation_id,
                around=[r.created_at for r in found.rows],
                margin=SAME_MOMENT,
            )
        return Look([_line(r, said) for r in found.rows], found.language)

    async def follow(self, key: ConversationKey, after: int, timeout: float) -> Look:
        """`look`, waiting up to `timeout` seconds for a reply if there is none.

        The waiter sleeps on a bell rung by `ready()` (here or, on PostgreSQL, in any process):
        it looks once now, again after each ring, and a last time when the wait runs out
        (a ring lost with a dropped connection costs at most one long poll's delay).
        """
        chat = str(key)
        with self.wakeups.watch(chat) as bell:  # before looking: a reply from now on rings it
            found = await self.look(key, after)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while not found.lines:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                rung = await bell.wait(remaining)
                found = await self.look(key, after)
                if not rung:
                    break
        return found

    async def ready(self, key: ConversationKey) -> None:
        """A reply of this chat is visible now: wake whoever follows it."""
        await self.wakeups.ring(str(key))


def _line(row: OutboxRow, said: Sequence[Message]) -> Line:
    payload = row.payload
    buttons = tuple(
        {"title": str(b["title"]), "payload": str(b["payload"])} for b in payload.get("buttons", ())
    )
    text = str(payload.get("text", ""))
    author = "operator" if _by_operator(row.created_at, text, said) else "bot"
    calls = tuple(str(c) for c in payload.get("calls", ()))
    clears = bool(payload.get("clears", False))
    return Line(row.id, "out", text, buttons, author, calls, clears)


def _by_operator(created_at: datetime, text: str, said: Sequence[Message]) -> bool:
    """Was this reply an operator's? The outbox keeps no author; the transcript does."""
    return any(
        m.author == "operator" and m.text == text and abs(m.created_at - created_at) < SAME_MOMENT
        for m in said
    )

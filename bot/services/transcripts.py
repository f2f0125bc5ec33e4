"""Reading a chat back: its history and the replies delivered since a point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.storage import conversations, messages, outbox
from bot.storage.database import Database
from bot.storage.models import Message, OutboxRow
from bot.types import ConversationKey

# An operator's line and its outbox row are written in one transaction, moments apart.
SAME_MOMENT = timedelta(seconds=5)


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


class TranscriptService:
    """What a chat client needs to redraw a conversation and follow it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def language(self, key: ConversationKey) -> str | None:
        async with self.db.transaction() as session:
            conversation = await conversations.find(session, key=key)
            return conversation.language if conversation else None

    async def history(self, key: ConversationKey, limit: int = 200) -> tuple[list[Line], int]:
        """The user's messages and the delivered replies, in order; and the reply cursor."""
        async with self.db.transaction() as session:
            conversation = await conversations.find(session, key=key)
            if conversation is None:
                return [], 0
            said = await messages.transcript(session, conversation_id=conversation.id)
            inbound = [
                (m.created_at, m.id, Line(0, "in", m.text)) for m in said if m.direction == "in"
            ]
            sent = await outbox.rows_for(session, conversation_id=conversation.id, status="sent")
        outbound = [(r.created_at, r.id, _line(r, said)) for r in sent]
        lines = [line for _, _, line in sorted(inbound + outbound, key=lambda t: (t[0], t[1]))]
        cursor = max((r.id for r in sent), default=0)
        return lines[-limit:], cursor

    async def delivered_after(self, key: ConversationKey, after: int) -> list[Line]:
        """Replies delivered to the chat after outbox row `after`, oldest first."""
        async with self.db.transaction() as session:
            conversation = await conversations.find(session, key=key)
            if conversation is None:
                return []
            rows = await outbox.rows_for(
                session, conversation_id=conversation.id, after_id=after, status="sent"
            )
            said = (
                await messages.transcript(session, conversation_id=conversation.id) if rows else ()
            )
        return [_line(r, said) for r in rows]


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

"""Reading a chat back: its history and the replies delivered since a point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.storage import conversations, messages, outbox
from bot.storage.database import Database
from bot.types import ConversationKey


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a transcript as a client shows it."""

    id: int
    direction: str  # "in" (from the user) | "out" (to the user)
    text: str
    buttons: tuple[dict[str, str], ...] = ()
    calls: tuple[str, ...] = ()  # numbers in the text a client may make tap-to-call
    clears: bool = False  # the client starts clean before this line (/forget)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "direction": self.direction,
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
            inbound = [
                (m.created_at, m.id, Line(0, "in", m.text))
                for m in await messages.transcript(session, conversation_id=conversation.id)
                if m.direction == "in"
            ]
            sent = await outbox.rows_for(session, conversation_id=conversation.id, status="sent")
        outbound = [(r.created_at, r.id, _line(r.id, r.payload)) for r in sent]
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
        return [_line(r.id, r.payload) for r in rows]


def _line(row_id: int, payload: dict[str, Any]) -> Line:
    buttons = tuple(
        {"title": str(b["title"]), "payload": str(b["payload"])} for b in payload.get("buttons", ())
    )
    calls = tuple(str(c) for c in payload.get("calls", ()))
    text = str(payload.get("text", ""))
    return Line(row_id, "out", text, buttons, calls, bool(payload.get("clears", False)))

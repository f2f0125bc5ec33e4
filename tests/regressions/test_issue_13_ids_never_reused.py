"""Issue 13: on SQLite, ids freed by /forget were handed out again.

A web chat's reply cursor had already passed them (so the confirmation and every later reply
never showed until a reload), and a console URL was given to another person's chat.
"""

from __future__ import annotations

from sqlalchemy import delete

from bot.storage.database import Database
from bot.storage.models import Conversation, Message, OutboxRow


async def _one_chat(db: Database, chat_id: str) -> tuple[int, int, int]:
    """A conversation with one message and one outbox row; their three ids."""
    async with db.transaction() as s:
        conv = Conversation(channel="webchat", chat_id=chat_id, state={})
        s.add(conv)
        await s.flush()
        message = Message(conversation_id=conv.id, direction="out", text=chat_id, payload={})
        row = OutboxRow(conversation_id=conv.id, channel="webchat", chat_id=chat_id, payload={})
        s.add_all([message, row])
        await s.flush()
        return conv.id, message.id, row.id


async def test_issue_13_ids_freed_by_a_deletion_are_never_handed_out_again(db: Database) -> None:
    first = await _one_chat(db, "a")
    async with db.transaction() as s:
        await s.execute(delete(Message))
        await s.execute(delete(OutboxRow))
        await s.execute(delete(Conversation))
    again = await _one_chat(db, "b")
    assert again[0] > first[0]  # the conversation
    assert again[1] > first[1]  # the message
    assert again[2] > first[2]  # the outbox row (the web chat's cursor)

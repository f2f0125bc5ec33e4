"""Issue 13: on SQLite, ids freed by /forget were handed out again.

A web chat's reply cursor had already passed them (so the confirmation and every later reply
never showed until a reload), and a console URL was given to another person's chat.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from bot.storage.database import Database
from bot.storage.models import Conversation, Message, OutboxRow


async def test_issue_13_ids_freed_by_a_deletion_are_never_handed_out_again(db: Database) -> None:
    async with db.transaction() as s:
        conv = Conversation(channel="webchat", chat_id="a", state={})
        s.add(conv)
        await s.flush()
        s.add(Message(conversation_id=conv.id, direction="out", text="x", payload={}))
        s.add(OutboxRow(conversation_id=conv.id, channel="webchat", chat_id="a", payload={}))
        await s.flush()
        first_message = await s.scalar(select(Message.id))
        first_outbox = await s.scalar(select(OutboxRow.id))
        conv_id = conv.id
    async with db.transaction() as s:
        await s.execute(delete(Message))
        await s.execute(delete(OutboxRow))
        await s.execute(delete(Conversation))
    async with db.transaction() as s:
        again = Conversation(channel="webchat", chat_id="b", state={})
        s.add(again)
        await s.flush()
        s.add(Message(conversation_id=again.id, direction="out", text="y", payload={}))
        s.add(OutboxRow(conversation_id=again.id, channel="webchat", chat_id="b", payload={}))
        await s.flush()
        assert again.id > conv_id
        assert (await s.scalar(select(Message.id)) or 0) > (first_message or 0)
        assert (await s.scalar(select(OutboxRow.id)) or 0) > (first_outbox or 0)

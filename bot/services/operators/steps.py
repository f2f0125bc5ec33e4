"""The steps desk actions share: lock an entry as `receive` does, check who holds it, say."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.insights import record as insight_facts
from bot.services.operators.view import DeskError, entry_of
from bot.services.staff import Staff
from bot.storage import handoffs, messages, outbox
from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation
from bot.types import Reply


async def say(session: AsyncSession, conv: Conversation, text: str, author: str = "bot") -> None:
    """Put `text` in the transcript and the outbox, from the bot or an operator."""
    await say_reply(session, conv, Reply(text), author)


async def say_reply(
    session: AsyncSession, conv: Conversation, reply: Reply, author: str = "bot"
) -> None:
    """Put a reply (with its buttons) in the transcript and the outbox."""
    payload = reply.to_dict()
    await messages.add(
        session,
        conversation_id=conv.id,
        direction="out",
        author=author,
        text=reply.text,
        payload=payload,
    )
    await outbox.enqueue(
        session,
        conversation_id=conv.id,
        channel=conv.channel,
        chat_id=conv.chat_id,
        payload=payload,
    )


async def operator_says(
    session: AsyncSession, entry: Handoff, conv: Conversation, text: str, now: datetime
) -> None:
    """An operator's line to the person: counted if it is the first, sent, and marked read."""
    await insight_facts.replying(session, entry, conv, now)
    await say(session, conv, text, author="operator")
    entry.last_read_id = await messages.last_inbound_id(session, conversation_id=conv.id)
    entry.updated_at = now


async def locked(session: AsyncSession, handoff_id: int) -> tuple[Handoff, Conversation]:
    """The open entry and its conversation, locked in the order `receive` locks them."""
    first = await entry_of(session, handoff_id)
    conv = await handoffs.lock_conversation(session, conversation_id=first.conversation_id)
    entry = await handoffs.get(session, handoff_id=handoff_id)
    if conv is None or entry is None or entry.status == "closed":
        raise DeskError("gone", "this chat is no longer in the queue")
    return entry, conv


def must_hold(entry: Handoff, who: Staff) -> None:
    """Only the operator holding the chat (or an admin) may act on it."""
    if entry.status != "claimed" or (entry.operator_id != who.id and who.role != "admin"):
        raise DeskError("not_yours", "take the chat first; another operator holds it")

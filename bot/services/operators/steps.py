"""The steps desk actions share: lock an entry as `receive` does, check who holds it, say."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.content.model import Content
from bot.services.insights import record as insight_facts
from bot.services.operators.view import DeskError, entry_of
from bot.services.staff import Staff
from bot.storage import audit, handoffs, messages, outbox
from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation
from bot.types import ConversationStatus, Reply


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


async def take(
    session: AsyncSession,
    entry: Handoff,
    conv: Conversation,
    content: Content,
    *,
    operator: tuple[int, str],
    action: str,
    now: datetime,
) -> None:
    """The locked, queued chat is the operator's now (claimed, or given by auto-assignment):
    the first take is counted for /insights, the user hears it, the audit log keeps it.

    Raises DeskError("taken") when someone else was faster.
    """
    operator_id, username = operator
    first = entry.claimed_at is None  # a chat back from an operator who left was counted
    if not await handoffs.claim(session, handoff_id=entry.id, operator_id=operator_id, now=now):
        raise DeskError("taken", "another operator has already taken this chat")
    if first:
        await insight_facts.claimed(session, entry, conv, now)
    conv.status = ConversationStatus.WITH_OPERATOR.value
    lang = entry.language or conv.language or content.languages.default
    await say(session, conv, content.text("handoff_operator_joined", lang))
    await audit.record(
        session, staff_id=operator_id, username=username, action=action, conversation_id=conv.id
    )

"""The person's /forget, in two steps: at once, and once the confirmation has gone out.

At once (`wipe`): the transcript, replies, dedupe ids, unanswered questions, kept voice notes
and the state go.
The conversation row keeps its chat id for a while, so that the confirmation can be delivered
and a web chat can still fetch it.

Afterwards (`finish`): whatever was written meanwhile goes too, and the row is cut from the
person: a placeholder chat id, and the user row deleted. The row itself stays, because handoff
tombstones and the audit log point at its id; that id now names nobody. The person's next
message starts a new conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import utcnow
from bot.storage import voice_notes
from bot.storage.callbacks import SqlCallbacks
from bot.storage.content import UnansweredQuestion
from bot.storage.models import Conversation, InboundSeen, Message, OutboxRow, User

PLACEHOLDER = "forgotten:"  # + the conversation id: unique, and no one's chat id
UNSENT = ("pending", "sending")


def placeholder(conversation_id: int) -> str:
    return f"{PLACEHOLDER}{conversation_id}"


async def wipe(
    session: AsyncSession, *, conversation: Conversation, now: datetime | None = None
) -> None:
    """Delete what is stored about a chat, but for the bare row (the user's `/forget`)."""
    await _delete_traces(session, conversation, seen=True)
    conversation.state = {}
    conversation.language = None
    conversation.status = "bot"
    conversation.turns = 0
    conversation.forgotten_at = now or utcnow()


async def due(session: AsyncSession, *, before: datetime) -> Sequence[int]:
    """Forgotten conversations not yet cut, forgotten before `before`, with nothing unsent."""
    unsent = exists().where(
        OutboxRow.conversation_id == Conversation.id, OutboxRow.status.in_(UNSENT)
    )
    query = select(Conversation.id).where(
        Conversation.forgotten_at.is_not(None),
        Conversation.forgotten_at <= before,
        Conversation.chat_id.not_like(f"{PLACEHOLDER}%"),
        ~unsent,
    )
    return (await session.scalars(query.order_by(Conversation.id))).all()


async def finish(session: AsyncSession, *, conversation_id: int) -> None:
    """Cut a forgotten conversation from its person (see the module's docstring)."""
    conversation = await session.scalar(
        select(Conversation).where(Conversation.id == conversation_id).with_for_update()
    )
    if conversation is None or conversation.chat_id.startswith(PLACEHOLDER):
        return
    unsent = await session.scalar(
        select(OutboxRow.id)
        .where(OutboxRow.conversation_id == conversation_id, OutboxRow.status.in_(UNSENT))
        .limit(1)
    )
    if unsent is not None:  # the person wrote again meanwhile: their answer goes out first
        return
    # The dedupe rows stay: they hold hashes and the placeholder id, and still refuse a
    # redelivered message of the person's.
    await _delete_traces(session, conversation, seen=False)
    conversation.chat_id = placeholder(conversation_id)
    conversation.user_id = None
    conversation.state = {}
    conversation.language = None
    conversation.last_inbound_at = None


async def _delete_traces(session: AsyncSession, conversation: Conversation, *, seen: bool) -> None:
    cid = conversation.id
    await session.execute(delete(Message).where(Message.conversation_id == cid))
    await session.execute(delete(OutboxRow).where(OutboxRow.conversation_id == cid))
    if seen:
        await session.execute(delete(InboundSeen).where(InboundSeen.conversation_id == cid))
    await session.execute(
        delete(UnansweredQuestion).where(UnansweredQuestion.conversation_id == cid)
    )
    await voice_notes.drop(session, conversation_id=cid)  # the audio kept for an operator
    await SqlCallbacks(session).forget(conversation_id=cid)  # and with them any phone number
    if conversation.user_id is None:
        return
    if seen:  # the user row stays linked until `finish`, or a next message would add another
        user = update(User).where(User.id == conversation.user_id)
        await session.execute(user.values(language=None))
    else:
        user_id, conversation.user_id = conversation.user_id, None
        await session.execute(delete(User).where(User.id == user_id))

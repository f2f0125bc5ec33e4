"""receive → dedupe → lock → load state → engine.step → save → outbox, in one transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.content.model import Content
from bot.engine.dialogue import router as dialogue
from bot.engine.dialogue.state import DialogueState
from bot.services.content.work import anonymise
from bot.services.locks import KeyedLocks
from bot.services.metrics import Metrics
from bot.services.operators.escalation import Escalations, TurnEffect
from bot.services.reported_contacts import ReportedContacts
from bot.services.turn import HELD, Outcome, Turn, before_numbers, clip, fell_to_fallback
from bot.storage import content as content_rows
from bot.storage import conversations, forgetting, messages, outbox
from bot.storage.database import Database
from bot.storage.models import Conversation
from bot.types import ConversationStatus, Reply, UserMessage

log = logging.getLogger(__name__)

# Short messages (greetings, questions, button replies) take well under a millisecond.
INLINE_CHARS = 200


class ConversationService:
    """The one way a user's message enters Sapar."""

    def __init__(
        self,
        db: Database,
        content: Callable[[], Content],
        *,
        max_chars: int,
        on_outbox: Callable[[], None] = lambda: None,
        escalations: Escalations | None = None,
        metrics: Metrics | None = None,
        contacts: ReportedContacts | None = None,  # off without a key (production, no secret)
    ) -> None:
        self.db = db
        self.content = content
        self.max_chars = max_chars
        self.on_outbox = on_outbox
        self.escalations = escalations or Escalations()
        self.locks = KeyedLocks()
        self.metrics = metrics or Metrics()
        self.contacts = contacts

    async def receive(self, message: UserMessage) -> Outcome:
        """Handle one message exactly once, in order within its chat."""
        self.metrics.received(message.key.channel)
        message, truncated = clip(message, self.max_chars)
        async with self.locks.hold(str(message.key)), self.db.transaction() as session:
            conv = await conversations.lock_conversation(
                session, key=message.key, user_external_id=message.user_id
            )
            fresh = await messages.first_seen(
                session, channel=message.key.channel, external_id=message.external_id,
                conversation_id=conv.id,
            )  # fmt: skip
            if not fresh:
                return Outcome(duplicate=True, conversation_id=conv.id)
            turn = await self._think(session, conv, message, truncated=truncated)
            if self.contacts is not None:  # the report warns about recruiters reported before
                await self.contacts.on_turn(session, turn)
            await self._record_inbound(session, turn)
            effect = await self._escalate(session, turn)
            await self._queue_replies(session, turn)
            self._save(turn)
        if turn.replies or effect.released:
            self.on_outbox()
        await self.escalations.announce(effect)
        return turn.outcome()

    async def _think(
        self, session: AsyncSession, conv: Conversation, message: UserMessage, *, truncated: bool
    ) -> Turn:
        """Run the engine on the saved state; a cut message gets a notice first.

        A long text may be an offer, whose check takes tens of milliseconds: it runs in a
        worker thread so that other chats' messages are not held up meanwhile.
        """
        status = ConversationStatus(conv.status)
        content = self.content()
        before = await self._situation(session, conv, status, content)
        with self.metrics.engine_step.time():
            if len(message.text) > INLINE_CHARS:
                result = await asyncio.to_thread(dialogue.step, before, message, content)
            else:
                result = dialogue.step(before, message, content)
        replies = result.replies
        if truncated:
            language = result.state.language or content.languages.default
            notice = content.text("truncated", language, limit=self.max_chars)
            replies = (Reply(notice), *replies)
        return Turn(message, conv, content, before, result, replies, status)

    async def _situation(
        self,
        session: AsyncSession,
        conv: Conversation,
        status: ConversationStatus,
        content: Content,
    ) -> DialogueState:
        """The saved state with what only the services know: who has the chat, the queue."""
        state = DialogueState.from_dict(conv.state)
        waiting = status is ConversationStatus.QUEUED
        queue = None
        if waiting:
            language = state.language or content.languages.default
            queue = await self.escalations.queue_info(
                session, conversation=conv, language=language, content=content
            )
        return state.but(handoff=status in HELD, waiting=waiting, queue=queue)

    async def _record_inbound(self, session: AsyncSession, turn: Turn) -> None:
        """Keep the message (seen already), unless it asked to forget everything."""
        message, conv = turn.message, turn.conv
        if turn.forgets:
            await forgetting.wipe(session, conversation=conv)
            turn.status = ConversationStatus.BOT
            # The wipe took this message's dedupe row with the others. It is kept (a hash,
            # nothing personal): a redelivered update must not confirm the deletion twice.
            await messages.mark_seen(
                session,
                channel=message.key.channel,
                external_id=message.external_id,
                conversation_id=conv.id,
            )
            return
        await messages.add(
            session,
            conversation_id=conv.id,
            direction="in",
            author="user",
            text=turn.inbound_text,
            payload=turn.inbound_payload,
        )
        if fell_to_fallback(turn.before, turn.result.state, turn.result.events):
            await content_rows.record_unanswered(  # for the editors' work list
                session,
                text=anonymise(message.text),
                language=turn.result.state.language,
                conversation_id=conv.id,
            )

    async def _escalate(self, session: AsyncSession, turn: Turn) -> TurnEffect:
        """Queue the chat for an operator when the engine asked; add the handoff's replies."""
        if turn.withdraws:
            turn.status = ConversationStatus.BOT
        elif turn.asks_operator and turn.status not in HELD:
            turn.status = ConversationStatus.QUEUED
        effect = await self.escalations.on_turn(
            session,
            conversation=turn.conv,
            events=turn.result.events,
            held=turn.status in HELD,
            language=turn.result.state.language,
            risk_level=turn.result.state.risk_level,
            content=turn.content,
            location=turn.result.state.location,
            country=turn.result.state.country,
        )
        turn.replies = before_numbers(turn.replies, effect.replies)
        return effect

    async def _queue_replies(self, session: AsyncSession, turn: Turn) -> None:
        """Keep each reply in the transcript and put it in the outbox, in one transaction."""
        key, conv_id = turn.message.key, turn.conv.id
        for reply in turn.replies:
            payload = reply.to_dict()
            await messages.add(
                session, conversation_id=conv_id, direction="out", author="bot",
                text=reply.text, payload=payload,
            )  # fmt: skip
            await outbox.enqueue(
                session, conversation_id=conv_id, channel=key.channel, chat_id=key.chat_id,
                payload=payload,
            )  # fmt: skip

    def _save(self, turn: Turn) -> None:
        """Store the engine's new state with the conversation's status."""
        turn.after = turn.result.state.but(
            handoff=turn.status in HELD, waiting=turn.status is ConversationStatus.QUEUED
        )
        conversations.save_turn(
            turn.conv,
            state=turn.after.to_dict(),
            language=turn.after.language,
            status=turn.status.value,
            inbound_at=turn.message.received_at,
        )

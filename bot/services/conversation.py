"""receive → dedupe → lock → load state → engine.step → save → outbox, in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.engine.content.model import Content
from bot.engine.dialogue import router as dialogue
from bot.engine.dialogue.state import DialogueState
from bot.services.content_work import anonymise
from bot.services.handoff import Escalations
from bot.services.locks import KeyedLocks
from bot.storage import content as content_rows
from bot.storage import conversations, messages, outbox
from bot.storage.database import Database
from bot.types import ConversationStatus, Event, Reply, UserMessage

log = logging.getLogger(__name__)
HELD = (ConversationStatus.QUEUED, ConversationStatus.WITH_OPERATOR)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one inbound message led to."""

    duplicate: bool
    conversation_id: int | None = None
    replies: tuple[Reply, ...] = ()
    events: tuple[Event, ...] = ()
    status: ConversationStatus = ConversationStatus.BOT
    language: str | None = None
    intent: str | None = None
    risk_level: str | None = None

    @property
    def escalated(self) -> bool:
        """True while the chat is queued for or held by an operator."""
        return self.status in HELD


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
    ) -> None:
        self.db = db
        self.content = content
        self.max_chars = max_chars
        self.on_outbox = on_outbox
        self.escalations = escalations or Escalations()
        self.locks = KeyedLocks()

    async def receive(self, message: UserMessage) -> Outcome:
        """Handle one message exactly once, in order within its chat."""
        truncated = len(message.text) > self.max_chars
        if truncated:
            message = replace(message, text=message.text[: self.max_chars])
        async with self.locks.hold(str(message.key)), self.db.transaction() as session:
            conv = await conversations.lock_conversation(
                session, key=message.key, user_external_id=message.user_id
            )
            if await messages.already_seen(
                session, channel=message.key.channel, external_id=message.external_id
            ):
                return Outcome(duplicate=True, conversation_id=conv.id)
            status = ConversationStatus(conv.status)
            state = DialogueState.from_dict(conv.state).but(handoff=status in HELD)
            content = self.content()
            result = dialogue.step(state, message, content)
            replies = result.replies
            if truncated:
                notice = content.text(
                    "truncated", result.state.language or "ky", limit=self.max_chars
                )
                replies = (Reply(notice), *replies)
            names = {event.name for event in result.events}
            if "forget" in names:
                await conversations.wipe(session, conversation=conv)
                status = ConversationStatus.BOT
            # Even after /forget the id is kept (it holds nothing personal): a redelivered
            # update must not run the deletion's confirmation twice.
            await messages.mark_seen(
                session,
                channel=message.key.channel,
                external_id=message.external_id,
                conversation_id=conv.id,
            )
            if "forget" not in names:
                await messages.add(
                    session,
                    conversation_id=conv.id,
                    direction="in",
                    author="user",
                    text=message.text,
                    payload={"button": message.button} if message.button else {},
                )
            if "forget" not in names and _fell_to_fallback(state, result.state, result.events):
                await content_rows.record_unanswered(  # for the editors' work list
                    session, text=anonymise(message.text), language=result.state.language
                )
            if "escalate" in names and status not in HELD:
                status = ConversationStatus.QUEUED
            effect = await self.escalations.on_turn(
                session,
                conversation=conv,
                events=result.events,
                held=status in HELD,
                language=result.state.language,
                risk_level=result.state.risk_level,
                content=content,
            )
            replies = (*replies, *effect.replies)
            for reply in replies:
                await messages.add(
                    session,
                    conversation_id=conv.id,
                    direction="out",
                    author="bot",
                    text=reply.text,
                    payload=reply.to_dict(),
                )
                await outbox.enqueue(
                    session,
                    conversation_id=conv.id,
                    channel=message.key.channel,
                    chat_id=message.key.chat_id,
                    payload=reply.to_dict(),
                )
            new_state = result.state.but(handoff=status in HELD)
            conversations.save_turn(
                conv,
                state=new_state.to_dict(),
                language=new_state.language,
                status=status.value,
                inbound_at=message.received_at,
            )
            conv_id = conv.id
        if replies:
            self.on_outbox()
        await self.escalations.announce(effect)
        return Outcome(
            duplicate=False,
            conversation_id=conv_id,
            replies=replies,
            events=result.events,
            status=status,
            language=new_state.language,
            intent=_intent(result.events),
            risk_level=_risk_level(result.events),
        )


def _intent(events: tuple[Event, ...]) -> str | None:
    """The intent understood in this step, if the message was text."""
    for event in events:
        if event.name == "understood":
            return str(event.data["intent"])
    return None


def _fell_to_fallback(
    before: DialogueState, after: DialogueState, events: tuple[Event, ...]
) -> bool:
    """The text was not understood and the bot said so (an editor's unanswered question)."""
    if _intent(events) != "out_of_scope":
        return False
    gave_up = any(e.name == "escalate" and e.data.get("reason") == "not_understood" for e in events)
    return after.misses > before.misses or gave_up


def _risk_level(events: tuple[Event, ...]) -> str | None:
    """The level of an offer assessed in this step, if one was."""
    for event in reversed(events):
        if event.name == "assessed":
            return str(event.data["level"])
    return None

"""Callback requests left out of hours: stored from the engine's event, shown on the queue at
the start of the next shift, and marked done by an operator (audited; the number goes).

The number is personal data: it lives only in the request row until it is done or the
person's /forget (`bot.storage.forgetting` deletes the rows). Marking done writes the audit
log like every other operator action, with the request's id and never the number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import utcnow
from bot.engine.dialogue.events import CallbackRequested, Event
from bot.services.operators.queue_rows import handle
from bot.services.staff import Staff
from bot.storage import audit, handoffs, queue_rows
from bot.storage.callbacks import CallbackRequest, SqlCallbacks
from bot.storage.database import Database
from bot.storage.models import Conversation


async def record(
    session: AsyncSession,
    conversation: Conversation,
    events: Iterable[Event],
    *,
    language: str | None,
    now: datetime,
) -> None:
    """Store the callback request the user completed in this step, if any."""
    for event in events:
        if isinstance(event, CallbackRequested):
            await SqlCallbacks(session).add(
                conversation_id=conversation.id, channel=conversation.channel,
                language=language, time=event.time, via=event.via, phone=event.phone, now=now,
            )  # fmt: skip


@dataclass(frozen=True, slots=True)
class OpenCallback:
    """A request as the queue shows it: who (a handle), and the chat's open hand-off."""

    request: CallbackRequest
    handle: str
    handoff_id: int | None  # the chat's page, while the chat is still handed over


@dataclass
class CallbackDesk:
    """The operators' side of callback requests."""

    db: Database

    async def open(self) -> list[OpenCallback]:
        """The requests not done yet, oldest first."""
        async with self.db.transaction() as session:
            requests = await SqlCallbacks(session).open()
            ids = sorted({r.conversation_id for r in requests})
            convs = await queue_rows.conversations(session, ids=ids)
            found = []
            for request in requests:
                conv = convs.get(request.conversation_id)
                if conv is None:
                    continue
                entry = await handoffs.open_for(session, conversation_id=conv.id)
                who = handle(conv.channel, conv.chat_id)
                found.append(OpenCallback(request, who, entry.id if entry else None))
            return found

    async def done(self, request_id: int, who: Staff, *, now: datetime | None = None) -> bool:
        """Mark a request done and delete its number; False if it was not open."""
        now = now or utcnow()
        async with self.db.transaction() as session:
            request = await SqlCallbacks(session).done(request_id, now=now)
            if request is None:
                return False
            await audit.record(
                session, staff_id=who.id, username=who.username, action="callback_done",
                conversation_id=request.conversation_id, detail=f"callback {request.id}", at=now,
            )  # fmt: skip
            return True

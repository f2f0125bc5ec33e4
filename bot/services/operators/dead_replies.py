"""Replies Sapar gave up on, for operators: the list, and "send again" written to the audit log.

A reply is dead when its platform refused it for good (the user blocked the bot, no such
chat, WhatsApp's window closed) or when its tries ran out (a day of outage). An operator who
sees that the cause has passed sends it again: the row gets a fresh round of tries, counted
from then, and the audit log says who did it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from bot.clock import utcnow
from bot.services.outbox import REPLY_WINDOWS, DeadReply, OutboxService, window_open
from bot.services.staff import Staff
from bot.storage import audit
from bot.storage import outbox_dead as dead
from bot.storage.database import Database
from bot.storage.models import Conversation, OutboxRow

ACTION = "resend_dead"  # the audit log's name for "send again"


class DeadReplies:
    """The console's view of dead outbox rows."""

    def __init__(self, db: Database, *, wake: Callable[[], None], page_size: int = 200) -> None:
        self.db = db
        self.page_size = page_size  # how many the console lists, newest first
        self.outbox = OutboxService(db)
        self.wake = wake  # the sender: a requeued row is due at once

    async def newest(self) -> list[DeadReply]:
        """The newest `page_size` dead replies, newest first."""
        return await self.outbox.dead(limit=self.page_size)

    async def window_closed(self, replies: list[DeadReply]) -> set[int]:
        """Row ids whose platform takes no free-form reply now (WhatsApp, 24 h after the
        user's last message): sending them again would only make them dead again."""
        windowed = {r.conversation_id for r in replies if r.channel in REPLY_WINDOWS}
        if not windowed:
            return set()
        async with self.db.transaction() as session:
            found = await session.execute(
                select(Conversation.id, Conversation.last_inbound_at).where(
                    Conversation.id.in_(windowed)
                )
            )
            last = dict(found.all())
        now = utcnow()
        return {
            r.row_id
            for r in replies
            if r.conversation_id in windowed
            and not window_open(r.channel, last.get(r.conversation_id), now)
        }

    async def total(self) -> int:
        """How many replies are dead in all (the page shows the newest only)."""
        return (await self.outbox.counts()).get("dead", 0)

    async def send_again(self, row_id: int, me: Staff) -> bool:
        """Requeue one dead reply, audited; False when it is not (or no longer) dead."""
        async with self.db.transaction() as session:
            conversation_id = await session.scalar(
                select(OutboxRow.conversation_id).where(
                    OutboxRow.id == row_id, OutboxRow.status == "dead"
                )
            )
            if conversation_id is None or not await dead.requeue(
                session, row_id=row_id, now=utcnow()
            ):
                return False
            await audit.record(
                session,
                staff_id=me.id,
                username=me.username,
                action=ACTION,
                conversation_id=conversation_id,
                detail=f"outbox row {row_id}",
            )
        self.wake()
        return True

"""The outbox as a service: claim, settle and inspect rows, each in its own transaction."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import utcnow
from bot.services.group_commit import GroupCommit
from bot.storage import forgetting, receipts
from bot.storage import outbox as rows
from bot.storage import outbox_dead as dead
from bot.storage.database import Database
from bot.types import Reply

# Platforms that take free-form messages only for a while after the user last wrote
# (WhatsApp's customer-service window); after it only pre-approved templates go through.
REPLY_WINDOWS = {"whatsapp": timedelta(hours=24)}
# After /forget a chat is cut from its person once nothing is left to send, and this long
# after the /forget: a web chat fetches the confirmation from the database meanwhile.
FORGET_GRACE = timedelta(minutes=2)
SWEEP_EVERY = timedelta(seconds=30)


def window_open(channel: str, last_inbound_at: datetime | None, now: datetime) -> bool:
    """Whether a free-form message may go to a user of `channel` who last wrote then."""
    window = REPLY_WINDOWS.get(channel)
    if window is None:
        return True
    return last_inbound_at is not None and now - last_inbound_at < window


@dataclass(frozen=True, slots=True)
class Delivery:
    """One claimed reply to send."""

    row_id: int
    conversation_id: int
    channel: str
    chat_id: str
    reply: Reply
    attempts: int  # tries before this one
    progress: int = 0  # parts of a long reply the platform already accepted
    # Since when tries count: when the reply was written, or last sent again by an operator.
    tries_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeadReply:
    """A reply Sapar gave up on, shown to operators with the reason."""

    row_id: int
    conversation_id: int
    channel: str
    chat_id: str
    text: str
    attempts: int
    error: str | None
    created_at: datetime


class OutboxService:
    """Transactions around the outbox table for the sender."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._next_sweep: datetime | None = None
        self._sent = GroupCommit(self._write_sent)

    async def sweep_forgotten(self, now: datetime | None = None) -> int:
        """`finish_forgotten`, at most every SWEEP_EVERY (the sender calls it each round)."""
        now = now or utcnow()
        if self._next_sweep is not None and now < self._next_sweep:
            return 0
        self._next_sweep = now + SWEEP_EVERY
        return await self.finish_forgotten(now)

    async def finish_forgotten(self, now: datetime | None = None) -> int:
        """Cut forgotten chats whose confirmation is out from their people; how many."""
        async with self.db.transaction() as session:
            due = await forgetting.due(session, before=(now or utcnow()) - FORGET_GRACE)
        for conversation_id in due:
            async with self.db.transaction() as session:
                await forgetting.finish(session, conversation_id=conversation_id)
        return len(due)

    async def claim(
        self, *, channels: Collection[str], lease: timedelta, limit: int
    ) -> list[Delivery]:
        """Claim due rows, at most one per chat, oldest first."""
        async with self.db.transaction() as session:
            claimed = await rows.claim_due(
                session, now=utcnow(), lease=lease, limit=limit, channels=channels
            )
            return [
                Delivery(
                    row_id=r.id,
                    conversation_id=r.conversation_id,
                    channel=r.channel,
                    chat_id=r.chat_id,
                    reply=Reply.from_dict(r.payload),
                    attempts=r.attempts,
                    progress=r.progress,
                    tries_since=r.requeued_at or r.created_at,
                )
                for r in claimed
            ]

    async def sent(self, row_id: int, external_id: str | None) -> None:
        """Record an accepted send; returns once committed, with others accepted meanwhile."""
        await self._sent.add((row_id, external_id))

    async def _write_sent(self, sent: Sequence[tuple[int, str | None]]) -> None:
        async with self.db.transaction() as session:
            await rows.mark_sent_many(session, sent=dict(sent), now=utcnow())

    async def failed(self, row_id: int, error: str, retry_at: datetime | None) -> None:
        async with self.db.transaction() as session:
            await rows.mark_failed(session, row_id=row_id, error=error, retry_at=retry_at)

    async def next_due_at(self) -> datetime | None:
        async with self.db.transaction() as session:
            return await rows.next_due_at(session)

    async def counts(self) -> dict[str, int]:
        async with self.db.transaction() as session:
            return await rows.counts(session)

    async def progressed(self, row_id: int, progress: int, external_id: str | None) -> None:
        """Record that the first `progress` parts of a long reply were accepted."""
        async with self.db.transaction() as session:
            await rows.mark_progress(
                session, row_id=row_id, progress=progress, external_id=external_id
            )

    async def receipt(
        self,
        channel: str,
        external_id: str,
        receipt: str,
        *,
        at: datetime | None = None,
        error: str | None = None,
    ) -> bool:
        """Record a platform's status report for a sent reply; False if no row matches."""
        async with self.db.transaction() as session:
            row = await receipts.record_receipt(
                session,
                channel=channel,
                external_id=external_id,
                receipt=receipt,
                at=at or utcnow(),
                error=error,
            )
            return row is not None

    async def dead(self, limit: int = 100) -> list[DeadReply]:
        """Replies that will not be sent without help, newest first."""
        async with self.db.transaction() as session:
            found = await dead.dead_rows(session, limit=limit)
            return [
                DeadReply(r.id, r.conversation_id, r.channel, r.chat_id,
                          str(r.payload.get("text", "")), r.attempts, r.last_error, r.created_at)
                for r in found
            ]  # fmt: skip

    async def requeue(self, row_id: int) -> bool:
        """Try a dead reply again (an operator's decision); False if it is not dead."""
        async with self.db.transaction() as session:
            return await dead.requeue(session, row_id=row_id, now=utcnow())

    async def last_inbound_at(self, channel: str, chat_id: str) -> datetime | None:
        """When the user of a chat last wrote to us."""
        async with self.db.transaction() as session:
            return await rows.last_inbound_at(session, channel=channel, chat_id=chat_id)

    async def latest_sent(self, channel: str, chat_id: str) -> Reply | None:
        """The newest reply the chat was sent, if any."""
        async with self.db.transaction() as session:
            row = await rows.latest_sent(session, channel=channel, chat_id=chat_id)
            return Reply.from_dict(row.payload) if row is not None else None

    async def reply_window_open(
        self, channel: str, chat_id: str, now: datetime | None = None
    ) -> bool:
        """Whether a free-form reply may be sent to this chat now.

        False on WhatsApp 24 hours after the user's last message: an operator's console asks
        this before sending, and the deliverer refuses such a reply (the row goes dead with
        the reason).
        """
        last = await self.last_inbound_at(channel, chat_id)
        return window_open(channel, last, now or utcnow())

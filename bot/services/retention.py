"""Retention: conversations idle for `privacy.retention_days` are deleted as /forget deletes.

The deletion is /forget's own, all at once: `forgetting.wipe` (transcript, replies, dedupe
ids, unanswered questions, state), `handoff_close.wipe` (notes; entries become tombstones),
then `forgetting.finish` (the user row goes, the row keeps only a placeholder chat id). /forget
waits between the first and the last for its confirmation to go out; nothing is sent here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.settings.privacy import PrivacySettings
from bot.storage import forgetting, handoff_close, retention
from bot.storage.database import Database

log = logging.getLogger(__name__)

BATCH = 200  # ids listed per query; each conversation is deleted in its own transaction
# How the welcome states the period ("… 90 дней …", "… 90 күн …"): checked, never shown.
NOTICE_PERIOD = {"ru": re.compile(r"\b(\d+) дн"), "ky": re.compile(r"\b(\d+) күн")}


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What one purge did: how many it deleted (or, dry, would delete); False if it stood by."""

    deleted: int
    ran: bool = True  # False: off (keep forever), or another process is purging
    dry_run: bool = False


class RetentionService:
    """Deletes the conversations idle longer than the retention period."""

    def __init__(
        self,
        db: Database,
        settings: PrivacySettings,
        clock: Callable[[], datetime] = utcnow,
        forgotten: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        # Told each conversation deleted, after its transaction: what lives outside the
        # database goes too (the operators' Telegram topics, as after /forget).
        self.forgotten = forgotten

    def cutoff(self) -> datetime | None:
        """Conversations idle since before this are due; None when they are kept for ever."""
        days = self.settings.retention_days
        return self.clock() - timedelta(days=days) if days else None

    async def purge(self, *, dry_run: bool = False) -> PurgeResult:
        """Delete every idle conversation (or count them); one purge at a time."""
        cutoff = self.cutoff()
        if cutoff is None:
            return PurgeResult(0, ran=False, dry_run=dry_run)
        if dry_run:
            async with self.db.transaction() as session:
                count = await retention.count_idle(session, cutoff=cutoff)
            return PurgeResult(count, dry_run=True)
        async with retention.purge_lock(self.db) as mine:
            if not mine:
                return PurgeResult(0, ran=False)
            return PurgeResult(await self._delete_idle(cutoff))

    async def _delete_idle(self, cutoff: datetime) -> int:
        deleted, after = 0, 0
        while True:
            async with self.db.transaction() as session:
                ids = await retention.idle_ids(session, cutoff=cutoff, after=after, limit=BATCH)
            if not ids:
                return deleted
            for conversation_id in ids:
                gone = await self._delete_one(conversation_id, cutoff)
                deleted += gone
                if gone:
                    await self._tell(conversation_id)
            after = ids[-1]

    async def _tell(self, conversation_id: int) -> None:
        if self.forgotten is None:
            return
        try:
            await self.forgotten(conversation_id)
        except Exception:  # the database is clean; what is outside it is logged, not fatal
            log.exception("retention: %d deleted, not its copies elsewhere", conversation_id)

    async def _delete_one(self, conversation_id: int, cutoff: datetime) -> int:
        """/forget's deletion of one conversation if it is still idle under its lock: 1 or 0."""
        now = self.clock()
        async with self.db.transaction() as session:
            conversation = await retention.lock_if_idle(
                session, conversation_id=conversation_id, cutoff=cutoff
            )
            if conversation is None:  # written to meanwhile, or deleted by someone else
                return 0
            await forgetting.wipe(session, conversation=conversation, now=now)
            await handoff_close.wipe(session, conversation_id=conversation_id, now=now)
            await forgetting.finish(session, conversation_id=conversation_id)
        return 1


def notice_disagrees(content: Content, days: int | None) -> list[str]:
    """Languages whose privacy notice (`welcome`) states another period than `days`.

    The notice is content that editors reword, so the number is written in it; `serve` warns
    when the setting was changed and the notice was not (or the other way round).
    """
    expected = [str(days)] if days else []
    wrong = []
    for language, period in NOTICE_PERIOD.items():
        welcome = content.texts.get("welcome", {}).get(language, "")
        if period.findall(welcome) != expected:
            wrong.append(language)
    return wrong

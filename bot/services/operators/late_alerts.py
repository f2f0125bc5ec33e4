"""The operators' Telegram chat told once about each queued chat past its waiting target.

Optional (`operators.late_alert_telegram_chat`): browsers on shift are notified anyway. Each
entry is marked in the same transaction that picks it (`assignment.mark_alerted`), so of
several processes only one alerts, and at most once: a failed send is logged, not repeated.
The alert names the chat by its handle and reason, never by what the person wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.engine.content.model import Content
from bot.services.operators.queue_rows import handle
from bot.services.operators.targets import is_late
from bot.settings.operators import OperatorsSettings
from bot.storage import assignment, handoffs, queue_rows
from bot.storage.database import Database
from bot.storage.handoffs import Handoff
from bot.types import Reply

log = logging.getLogger(__name__)
Send = Callable[[str, Reply], Awaitable[object]]  # a channel's deliver(chat_id, reply)


class LateAlerts:
    """One round: mark and announce the queued chats that became late."""

    def __init__(
        self,
        db: Database,
        content: Callable[[], Content],
        settings: OperatorsSettings,
        send: Send,
    ) -> None:
        self.db = db
        self.content = content
        self.settings = settings
        self.send = send

    async def run_once(self, now: datetime) -> int:
        """How many alerts went out (or were attempted) this round."""
        chat = self.settings.late_alert_telegram_chat
        if chat is None:
            return 0
        async with self.db.transaction() as session:
            late = [e for e in await handoffs.queue(session) if is_late(e, self.settings, now)]
            marked = [
                e for e in late if await assignment.mark_alerted(session, handoff_id=e.id, now=now)
            ]
            convs = await queue_rows.conversations(session, ids=[e.conversation_id for e in marked])
        for entry in marked:
            conv = convs.get(entry.conversation_id)
            who = handle(conv.channel, conv.chat_id) if conv is not None else f"#{entry.id}"
            try:
                await self.send(chat, Reply(self._text(entry, who, now)))
            except Exception:  # the browsers still show it; an alert is not worth a crash
                log.exception("could not alert the operators' chat about handoff %d", entry.id)
        return len(marked)

    def _text(self, entry: Handoff, who: str, now: datetime) -> str:
        content = self.content()
        lang = content.languages.staff
        return content.text(
            "console_alert_late",
            lang,
            handle=who,
            reason=content.text(f"console_reason_{entry.reason}", lang),
            minutes=int((now - entry.created_at).total_seconds() // 60),
            target=self.settings.wait_target(entry.reason),
            id=entry.id,
        )

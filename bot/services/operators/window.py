"""WhatsApp's 24-hour window at the desk: is it open, until when, and a template when it is not.

After the window closes WhatsApp takes only approved templates (`whatsapp.templates` in
config.yml). The operator writes the answer anyway: it is kept as a held outbox row, and a
template («an operator answered — reply to read it») goes out at once. The user's reply opens
the window again and releases the held answer (`Escalations.on_turn`). What became of the
template — queued, sent, refused by the Graph API with its reason — is shown on the chat page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import utcnow
from bot.services.insights import record as insight_facts
from bot.services.operators.escalation import Listener
from bot.services.operators.events import LiveEvent
from bot.services.operators.steps import locked, must_hold
from bot.services.operators.view import DeskError
from bot.services.outbox import REPLY_WINDOWS, window_open
from bot.services.staff import Staff
from bot.settings import WhatsAppTemplate
from bot.storage import audit, messages, outbox, outbox_held
from bot.storage.database import Database
from bot.storage.models import Conversation
from bot.types import Reply, Template

MAX_REPLY = 4000
ACTION = "send_template"  # the audit log's name for it


@dataclass(frozen=True, slots=True)
class TemplateSent:
    """The chat's newest template and what became of it."""

    name: str
    status: str  # pending | sending | sent | dead
    error: str | None
    receipt: str | None  # WhatsApp's later status: delivered | read | failed


@dataclass(frozen=True, slots=True)
class Window:
    """A chat's customer-service window as the chat page shows it."""

    applies: bool  # False on channels without one (Telegram, the web chat)
    open: bool
    closes_at: datetime | None  # when it closes, or closed; None before the user wrote
    held: int = 0  # operators' replies waiting for the user to write
    template: TemplateSent | None = None


def window_of(channel: str, last_inbound_at: datetime | None, now: datetime) -> Window:
    """The window of a chat whose user last wrote at `last_inbound_at`."""
    length = REPLY_WINDOWS.get(channel)
    if length is None:
        return Window(applies=False, open=True, closes_at=None)
    closes = last_inbound_at + length if last_inbound_at is not None else None
    return Window(applies=True, open=window_open(channel, last_inbound_at, now), closes_at=closes)


class WindowDesk:
    """The chat page's window, and the template an operator sends when it is closed."""

    def __init__(
        self,
        db: Database,
        templates: tuple[WhatsAppTemplate, ...],
        *,
        publish: Listener,
        wake: Callable[[], None],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.templates = templates
        self.publish = publish
        self.wake = wake
        self.clock = clock

    async def window(self, conversation_id: int) -> Window:
        """Whether free text may go to the chat now; held replies and the last template."""
        async with self.db.transaction() as session:
            conv = await session.get(Conversation, conversation_id)
            if conv is None:
                return Window(applies=False, open=True, closes_at=None)
            shown = window_of(conv.channel, conv.last_inbound_at, self.clock())
            if not shown.applies:
                return shown
            held = await outbox_held.held_count(session, conversation_id=conversation_id)
            row = await outbox_held.latest_template(session, conversation_id=conversation_id)
        sent = None
        if row is not None:
            name = str(row.payload["template"]["name"])
            sent = TemplateSent(name, row.status, row.last_error, row.receipt)
        return Window(shown.applies, shown.open, shown.closes_at, held, sent)

    async def send_template(self, handoff_id: int, who: Staff, name: str, text: str) -> None:
        """Send template `name` now and keep `text` until the user writes back."""
        text = text.strip()
        template = next((t for t in self.templates if t.name == name), None)
        if template is None or not text or len(text) > MAX_REPLY:
            raise DeskError("invalid", f"a known template and a reply of 1–{MAX_REPLY} characters")
        async with self.db.transaction() as session:
            entry, conv = await locked(session, handoff_id)
            must_hold(entry, who)
            now = self.clock()
            if window_of(conv.channel, conv.last_inbound_at, now).open:
                raise DeskError("window_open", "the window is open: reply with text")
            code = template.code_for(entry.language or conv.language)
            sent = Reply(template.name, template=Template(template.name, code)).to_dict()
            kept = {**Reply(text).to_dict(), "held": True}
            await insight_facts.replying(session, entry, conv, now)  # the template answers
            for payload, line in ((sent, template.name), (kept, text)):
                await messages.add(
                    session, direction="out", author="operator", text=line, payload=payload,
                    conversation_id=conv.id,
                )  # fmt: skip
            for payload, status in ((sent, "pending"), (kept, outbox_held.HELD)):
                await outbox.enqueue(
                    session, conversation_id=conv.id, channel=conv.channel,
                    chat_id=conv.chat_id, payload=payload, status=status, now=now,
                )  # fmt: skip
            entry.updated_at = now
            await audit.record(
                session, staff_id=who.id, username=who.username, action=ACTION,
                conversation_id=conv.id, detail=f"{template.name} {code}",
            )  # fmt: skip
        self.wake()
        await self.publish(LiveEvent("chat", conv.id, handoff_id, operator_id=who.id))

"""The dead replies page: WhatsApp replies past the 24-hour window offer no "send again"."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Sapar
from bot.clock import utcnow
from bot.storage import conversations, outbox
from bot.types import ConversationKey, Reply
from tests.console.conftest import Login


async def dead_row(sapar: Sapar, chat: str, text: str, wrote_hours_ago: float) -> int:
    async with sapar.db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("whatsapp", chat))
        conv.last_inbound_at = utcnow() - timedelta(hours=wrote_hours_ago)
        row = await outbox.enqueue(
            s, conversation_id=conv.id, channel="whatsapp", chat_id=chat,
            payload=Reply(text).to_dict(),
        )  # fmt: skip
        await s.flush()
        await outbox.mark_failed(s, row_id=row.id, error="graph api 500", retry_at=None)
        return row.id


async def test_a_reply_past_the_whatsapp_window_cannot_be_sent_again(
    sapar: Sapar, login: Login
) -> None:
    late = await dead_row(sapar, "996700000201", "Кечиккен жооп", wrote_hours_ago=25)
    fresh = await dead_row(sapar, "996700000202", "Жаңы жооп", wrote_hours_ago=2)
    http = await login("operator")
    page = (await http.get("/console/dead")).text
    late_row = page.split(f'data-row="{late}"')[1].split("</tr>")[0]
    fresh_row = page.split(f'data-row="{fresh}"')[1].split("</tr>")[0]
    assert "Кечиккен жооп" in late_row and "/console/dead/resend" not in late_row
    assert "больше 24 часов" in late_row
    assert "Жаңы жооп" in fresh_row and f'name="row_id" value="{fresh}"' in fresh_row

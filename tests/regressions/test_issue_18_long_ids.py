"""Issue 18: ids longer than varchar(128) failed on PostgreSQL (a 500, re-sent for ever).

`callback:{query.id}` with a long id, 150-digit message and user ids, a long WhatsApp
`from`. An id that does not fit is now a prefix and a hash of the whole id: the same id
always gives the same key, so dedupe still works; a chat id beyond Telegram's int64 is no
chat a reply could reach, and the update is left alone.
"""

from __future__ import annotations

from typing import Any

from bot.channels.boundary import ID_CHARS
from bot.storage.messages import seen_key
from tests.channels.conftest import Running, tg_text, wa_text
from tests.regressions.issue18 import chat_ids, inbound_texts, seen_ids

SEEN_CHARS = len(seen_key(""))  # the dedupe table keeps a SHA-256 of each id

LONG = 10**149  # 150 digits


def _callback(update_id: int, query_id: str) -> dict[str, Any]:
    user = {"id": 1804, "is_bot": False, "first_name": "Test"}
    query = {"id": query_id, "from": user, "chat_instance": "1", "data": "menu"}
    return {"update_id": update_id, "callback_query": query}


async def test_issue_18_long_ids_telegram_callback_id_fits_and_dedupes(inbound: Running) -> None:
    query_id = "9" * 150

    first = await inbound.telegram(_callback(1, query_id))
    again = await inbound.telegram(_callback(2, query_id))
    other = await inbound.telegram(_callback(3, "9" * 149 + "8"))

    assert {first.status_code, again.status_code, other.status_code} == {200}
    seen = await seen_ids(inbound, "telegram")
    assert len(seen) == 2 and len(set(seen)) == 2  # the re-sent press was a duplicate
    # Stored as the hash of the bounded id (issue 18 item 3: no platform id is kept raw).
    assert all(len(key) == SEEN_CHARS for key in seen)


async def test_issue_18_long_ids_telegram_message_and_user_ids(inbound: Running) -> None:
    update = tg_text(1, 1804, LONG, "Салам")
    update["message"]["from"]["id"] = LONG

    first = await inbound.telegram(update)
    again = await inbound.telegram(update)

    assert (first.status_code, again.status_code) == (200, 200)
    assert await inbound_texts(inbound) == ["Салам"]
    assert [len(key) for key in await seen_ids(inbound, "telegram")] == [SEEN_CHARS]


async def test_issue_18_long_ids_telegram_chat_beyond_int64_is_left_alone(
    inbound: Running,
) -> None:
    responses = [
        await inbound.telegram(tg_text(1, LONG, 1, "Салам")),
        await inbound.telegram(tg_text(2, 2**63, 2, "Салам")),
    ]

    assert [r.status_code for r in responses] == [200, 200]
    assert await inbound_texts(inbound) == []


async def test_issue_18_long_ids_whatsapp_sender_and_message_id(inbound: Running) -> None:
    sender, message_id = "9" * 200, "wamid." + "A" * 300
    payload = wa_text(sender, message_id, "Салам")

    first = await inbound.whatsapp(payload)
    again = await inbound.whatsapp(payload)
    other = await inbound.whatsapp(wa_text(sender, message_id + "B", "Кайра"))

    assert {first.status_code, again.status_code, other.status_code} == {200}
    assert await inbound_texts(inbound) == ["Салам", "Кайра"]  # one chat, deduped
    [chat] = await chat_ids(inbound, "whatsapp")
    assert len(chat) == ID_CHARS and chat.startswith("999")
    assert all(len(key) == SEEN_CHARS for key in await seen_ids(inbound, "whatsapp"))

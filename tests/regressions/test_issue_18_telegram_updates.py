"""Issue 18: Telegram updates that are valid, or at least harmless, gave a 500 (re-sent).

An `edit_date` of 1e20 overflowed `datetime.fromtimestamp`; an update type aiogram does not
know, or nothing but an `update_id`, raised UpdateTypeLookupError while being ignored.
"""

from __future__ import annotations

from typing import Any

from bot.storage.messages import seen_key
from tests.channels.conftest import Running, tg_text
from tests.regressions.issue18 import inbound_texts, seen_ids


def _edited(update_id: int, edit_date: Any) -> dict[str, Any]:
    update = tg_text(update_id, 1803, 7, "Түзөтүлгөн текст")
    update["edited_message"] = {**update.pop("message"), "edit_date": edit_date}
    return update


async def test_issue_18_edit_date_beyond_datetime_is_read_as_an_edit(inbound: Running) -> None:
    first = await inbound.telegram(_edited(1, 10**20))
    again = await inbound.telegram(_edited(2, 10**20))  # the same edit re-sent: deduped

    assert (first.status_code, again.status_code) == (200, 200)
    assert await inbound_texts(inbound) == ["Түзөтүлгөн текст"]
    assert await seen_ids(inbound, "telegram") == [seen_key(f"1803:7:edit:{10**20}")]


async def test_issue_18_unknown_update_type_is_acknowledged_and_left_alone(
    inbound: Running,
) -> None:
    responses = [
        await inbound.telegram({"update_id": 1}),
        await inbound.telegram({"update_id": 2, "brand_new_update": {"id": "x", "n": 1}}),
    ]

    assert [r.status_code for r in responses] == [200, 200]
    assert await inbound_texts(inbound) == []

"""The case summary at the top of a handed-over chat: why, where, what the bot said, before."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from bot.app import Sapar
from bot.settings.operators import DAYS, HoursRule, OperatorsSettings
from bot.types import ConversationKey, UserMessage
from tests.console.conftest import Login, csrf_of, hand_over, sapar_desk


async def press(sapar: Sapar, key: ConversationKey, payload: str) -> None:
    await sapar.conversations.receive(
        UserMessage(key, f"b-{payload}", datetime.now(UTC), button=payload)
    )


def section(page: str, element_id: str) -> str:
    """The text of one element of the summary, without tags."""
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(dd|section)>', page, re.S)
    assert found, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


async def test_the_summary_says_where_the_person_is_what_numbers_they_got_and_before(
    sapar: Sapar, login: Login
) -> None:
    # Within the operators' hours, so the hand-off itself gives no hotline number.
    always = HoursRule(days=DAYS, start=time(0, 0), end=time(23, 59))
    sapar.conversations.escalations.settings = OperatorsSettings(hours=(always,))
    key = ConversationKey("webchat", "summary-1")
    first = await hand_over(sapar, "/operator", chat=key.chat_id)
    http = await login("operator")
    token = await csrf_of(http, "/console")
    page = (await http.get(f"/console/chats/{first}")).text
    assert section(page, "sum-location") == "неизвестно"
    assert section(page, "sum-numbers") == "бот не давал номеров"
    assert section(page, "sum-earlier") == "впервые"
    await http.post(f"/console/chats/{first}/claim", data={"csrf_token": token})
    await http.post(
        f"/console/chats/{first}/close", data={"csrf_token": token, "outcome": "advised"}
    )

    # The same person again, in danger, then saying they are in Russia: the bot gave the
    # likely countries' numbers, then Russia's.
    await press(sapar, key, "danger")
    await press(sapar, key, "country:RU")
    (entry,) = [i.entry for i in await sapar_desk(sapar).queue()]
    second = entry.id
    page = (await http.get(f"/console/chats/{second}")).text
    assert "Опасность сейчас" in page
    assert section(page, "sum-location") == "Россия"
    numbers = section(page, "sum-numbers")
    assert "📞 112 — все экстренные службы (Россия)" in numbers  # 112 of where they are
    assert "📞 +7 925 115 50 47" in numbers and "📞 102 — полиция (Россия)" in numbers
    assert "📞 189 — линия «Стоп трафик»" in numbers  # given before they said where they are
    assert "📞 999" not in numbers  # a part of «+996 999 312 002» is not a number given
    earlier = section(page, "sum-earlier")
    assert earlier.startswith("передавался оператору раньше: 1")
    assert "Просит человека — Консультация" in earlier
    assert f'href="/console/chats/{first}"' in page
    assert section(page, "sum-language") == {"ky": "кыргызский", "ru": "русский"}[entry.language]
    kyrgyz = await http.get(f"/console/chats/{second}", headers={"accept-language": "ky"})
    assert "мурун 1 жолу" in section(kyrgyz.text, "sum-earlier")

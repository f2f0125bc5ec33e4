"""Issue 13, items 16 and 17 in the console (and the admin's question list): rows that tell
chats apart, users' text shown without bidi or zero-width characters."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from itertools import count

from fastapi import FastAPI
from sqlalchemy import select

from bot.app import Sapar
from bot.storage import content as content_rows
from bot.storage.models import Message
from bot.types import ConversationKey, MessageKind, UserMessage
from tests.console.conftest import PASSWORD, Login, client_for, csrf_of

_ids = count(1)
ROW = re.compile(r'<tr class="row[^"]*" data-handoff="\d+".*?</tr>', re.S)
TAG = re.compile(r"<[^>]+>")
BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Five people in danger, each somewhere else, each with their own words.
PEOPLE = {
    "RU": "Меня заперли на складе в Подольске",
    "KZ": "Хозяин бьёт, я в Алматы на стройке",
    "TR": "Забрали паспорт в Стамбуле, не выпускают",
    "KR": "Не платят три месяца и угрожают",
    "AE": "Я в Дубае, телефон отбирают на ночь",
}

COUNTRY_NAMES = ("Россия", "Казахстан", "Турция", "Южная Корея", "ОАЭ")


async def press(sapar: Sapar, key: ConversationKey, button: str = "", text: str = "") -> None:
    kind = MessageKind.BUTTON if button else MessageKind.TEXT
    message = UserMessage(
        key, f"i13-{next(_ids)}", datetime.now(UTC), text=text or button, button=button or None,
        kind=kind,
    )  # fmt: skip
    await sapar.conversations.receive(message)


def row_texts(page: str) -> list[str]:
    return [" ".join(html.unescape(TAG.sub(" ", row)).split()) for row in ROW.findall(page)]


async def test_issue_13_queue_rows_tell_five_emergencies_apart(sapar: Sapar, login: Login) -> None:
    for country, words in PEOPLE.items():
        key = ConversationKey("webchat", f"danger-{country}")
        await press(sapar, key, button="danger")
        await press(sapar, key, button=f"country:{country}")
        await press(sapar, key, text=words)
    http = await login("operator")
    for path in ("/console", "/console/queue"):  # the page and its live fragment
        rows = row_texts((await http.get(path)).text)
        assert len(rows) == 5 and all("Опасность сейчас" in row for row in rows), rows
        assert len(set(rows)) == 5, rows
        for words, country in zip(PEOPLE.values(), COUNTRY_NAMES, strict=True):
            assert any(words in row and country in row for row in rows), (words, rows)
        handles = {re.search(r"#[0-9a-f]{6}", row).group(0) for row in rows}  # type: ignore[union-attr]
        assert len(handles) == 5, rows


async def test_issue_13_console_hides_bidi_and_zero_width_characters(
    sapar: Sapar, login: Login
) -> None:
    key = ConversationKey("webchat", "bidi")
    await press(sapar, key, button="danger")
    written = f"Звоните 8{BIDI}800{ZERO_WIDTH}55 5"
    await press(sapar, key, text=written)
    http = await login("operator")
    queue = (await http.get("/console")).text
    handoff = re.search(r'data-handoff="(\d+)"', queue).group(1)  # type: ignore[union-attr]
    pages = [
        queue,
        (await http.get(f"/console/chats/{handoff}")).text,
        (await http.get(f"/console/chats/{handoff}/transcript")).text,
    ]
    for page in pages:
        assert "Звоните 880055 5" in page
        assert not set(page) & set(BIDI + ZERO_WIDTH)
    async with sapar.db.transaction() as session:  # what was written is kept as written
        stored = await session.scalars(select(Message.text).where(Message.direction == "in"))
        assert written in list(stored)


async def test_issue_13_admin_question_list_hides_bidi_and_zero_width_characters(
    sapar: Sapar, app: FastAPI
) -> None:
    key = ConversationKey("webchat", "asks")
    await press(sapar, key, text="Салам")  # the welcome
    written = f"где купить би{BIDI}лет на само{ZERO_WIDTH}лет"
    await press(sapar, key, text=written)
    async with sapar.db.transaction() as session:  # kept as written (the bot did not know it)
        assert [q.text for q in await content_rows.open_unanswered(session)] == [written]
    await app.state.console.staff.add("editor-bidi", PASSWORD, "editor")
    async with client_for(app) as http:
        token = await csrf_of(http, "/admin/login")
        login = {"username": "editor-bidi", "password": PASSWORD, "csrf_token": token}
        assert (await http.post("/admin/login", data=login)).status_code == 303
        page = (await http.get("/admin/work")).text
    assert "где купить билет на самолет" in page
    assert not set(page) & set(BIDI + ZERO_WIDTH)

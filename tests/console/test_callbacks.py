"""Out of hours through the whole app: the person leaves a callback request, the queue shows
it (time, way back, language, wait), «done» removes it and its number; /forget removes it."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from fastapi import FastAPI
from sqlalchemy import select

from bot.app import Sapar
from bot.storage.audit import AuditEntry
from bot.storage.callbacks import CallbackRow
from bot.storage.models import Message
from bot.types import ConversationKey, Reply, UserMessage
from tests.console.conftest import Login, csrf_of
from tests.console.test_satisfaction import last_reply

SATURDAY_NIGHT = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)  # 02:00 on Sunday in Bishkek
_ids = count(1)


async def send(
    sapar: Sapar, key: ConversationKey, text: str = "", button: str | None = None
) -> Reply:
    message = UserMessage(key, f"cb{next(_ids)}", datetime.now(UTC), text=text, button=button)
    await sapar.conversations.receive(message)
    return await last_reply(sapar, key)


async def out_of_hours_request(sapar: Sapar, chat: str, phone: str | None) -> ConversationKey:
    """A Russian web chat user asks for a person at night and leaves a callback request."""
    key = ConversationKey("webchat", chat)
    await send(sapar, key, "Здравствуйте")
    notice = await send(sapar, key, "/operator")
    assert "не работают" in notice.text
    assert "callback" in [b.payload for b in notice.buttons]
    await send(sapar, key, button="callback")
    await send(sapar, key, button="cb_time:evening")
    if phone is None:
        saved = await send(sapar, key, button="cb_via:chat")
    else:
        await send(sapar, key, button="cb_via:phone")
        saved = await send(sapar, key, phone)
    assert "заявка принята" in saved.text
    return key


async def rows(sapar: Sapar) -> list[CallbackRow]:
    async with sapar.db.transaction() as s:
        return list((await s.scalars(select(CallbackRow).order_by(CallbackRow.id))).all())


async def test_the_queue_shows_the_request_and_done_removes_it_and_its_number(
    sapar: Sapar, app: FastAPI, login: Login
) -> None:
    sapar.conversations.escalations.clock = lambda: SATURDAY_NIGHT
    await out_of_hours_request(sapar, "night1", "+996 555 12-34-56")
    (row,) = await rows(sapar)
    assert (row.time, row.via, row.language) == ("evening", "phone", "ru")
    assert row.phone == "+996555123456"
    async with sapar.db.transaction() as s:
        inbound = await s.scalars(select(Message).where(Message.direction == "in"))
        kept = [m.text for m in inbound]
    assert not any("555" in text for text in kept)  # the number is not in the transcript
    assert any("не хранится" in text for text in kept)

    http = await login("operator", "aizada")
    page = (await http.get("/console")).text
    assert "Просьбы связаться" in page and f'data-callback="{row.id}"' in page
    assert "вечером" in page and "+996555123456" in page and "русский" in page
    token = await csrf_of(http, "/console")
    done = await http.post(f"/console/callbacks/{row.id}/done", data={"csrf_token": token})
    assert done.status_code == 303 and done.headers["location"] == "/console"
    assert "Просьбы связаться" not in (await http.get("/console")).text
    (row,) = await rows(sapar)
    assert row.phone is None and row.done_at is not None
    again = await http.post(f"/console/callbacks/{row.id}/done", data={"csrf_token": token})
    assert again.headers["location"] == "/console?error=callback_gone"
    async with sapar.db.transaction() as s:
        audited = await s.scalars(select(AuditEntry).where(AuditEntry.action == "callback_done"))
        (entry,) = audited.all()
    assert entry.username == "aizada" and "555" not in entry.detail
    assert (await http.post("/console/callbacks/1/done")).status_code in (401, 403)  # no CSRF


async def test_forget_removes_the_persons_callback_requests(
    sapar: Sapar, app: FastAPI, login: Login
) -> None:
    sapar.conversations.escalations.clock = lambda: SATURDAY_NIGHT
    key = await out_of_hours_request(sapar, "night2", "0555 123 456")
    await out_of_hours_request(sapar, "night3", None)
    await send(sapar, key, "/forget")
    await send(sapar, key, button="yes_forget")
    (left,) = await rows(sapar)
    assert left.via == "chat" and left.phone is None
    page = (await (await login("operator")).get("/console")).text
    assert "0555123456" not in page and "написать в чат" in page

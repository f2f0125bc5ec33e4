"""WhatsApp after 24 hours: the console refuses free text, sends a template through the fake
Graph API, and the operator's answer goes out once the user writes back."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.storage.insights import InsightEvent
from bot.web.app import create_app
from tests.channels.conftest import Running, eventually, settings_for, wa_text
from tests.channels.fakes import FakeGraph
from tests.console.conftest import PASSWORD, client_for, csrf_of

Start = Callable[[Any], Awaitable[Running]]
USER = "996700000301"
ANSWER = "Паспортуңузду эч кимге бербеңиз. Эртең саат 10до чалабыз."


class Operator:
    """A logged-in console client holding one chat."""

    def __init__(self, http: httpx.AsyncClient, token: str, handoff_id: int) -> None:
        self.http, self.token, self.handoff_id = http, token, handoff_id

    async def post(self, action: str, **data: str) -> httpx.Response:
        return await self.http.post(
            f"/console/chats/{self.handoff_id}/{action}",
            data=data,
            headers={"x-csrf-token": self.token, "accept": "application/json"},
        )

    async def page(self) -> str:
        return (await self.http.get(f"/console/chats/{self.handoff_id}")).text


@pytest.fixture
async def late(
    tmp_path: Path, fake_graph: FakeGraph, start: Start, database_url: str
) -> AsyncIterator[Any]:
    """A Kyrgyz WhatsApp user who asked for a person 25 hours ago; an operator took the chat."""
    running = await start(settings_for(tmp_path, graph=fake_graph, database_url=database_url))
    wrote = int(time.time()) - 25 * 3600
    await running.whatsapp(wa_text(USER, "wamid.w1", "Саламатсызбы", timestamp=wrote))
    await running.whatsapp(wa_text(USER, "wamid.w2", "/operator", timestamp=wrote + 5))
    await running.settled()
    assert fake_graph.calls == []  # the window is shut: even the bot's answers were refused
    app = create_app(running.sapar)
    (item,) = await app.state.console.desk.queue()
    await app.state.console.staff.add("aigul", PASSWORD, "operator")
    async with client_for(app) as http:
        token = await csrf_of(http, "/console/login")
        login = {"username": "aigul", "password": PASSWORD, "csrf_token": token}
        assert (await http.post("/console/login", data=login)).status_code == 303
        token = await csrf_of(http, "/console")
        operator = Operator(http, token, item.entry.id)
        assert (await operator.post("claim")).status_code == 200
        yield running, operator


async def test_a_reply_25_hours_late_goes_as_a_template_then_as_text_when_the_user_writes(
    late: Any, fake_graph: FakeGraph
) -> None:
    running, operator = late
    page = await operator.page()
    assert 'id="wa-window"' in page and "бери жабык" not in page  # the page is in Russian
    assert "закрыто с" in page and 'id="template-form"' in page and 'id="reply-form"' not in page

    refused = await operator.post("reply", text=ANSWER)
    assert refused.status_code == 409 and refused.json()["code"] == "window_closed"
    assert "только одобренный шаблон" in refused.json()["detail"]

    sent = await operator.post("template", name="operator_answered", text=ANSWER)
    assert sent.status_code == 200, sent.text
    await running.settled()
    (call,) = fake_graph.calls
    assert call.method == "template" and call.data["to"] == USER
    assert call.data["template"] == {"name": "operator_answered", "language": {"code": "ky_KG"}}
    assert ANSWER not in fake_graph.delivered[USER]
    page = await operator.page()
    assert "Шаблон «Оператор линии 189 ответил" in page and "принят WhatsApp" in page
    assert "Ответов ждут, пока пользователь напишет: 1" in page
    async with running.sapar.db.transaction() as s:  # the template is the first reply
        (first,) = (await s.scalars(select(InsightEvent).where(InsightEvent.kind == "reply"))).all()
    assert first.seconds is not None and first.channel == "whatsapp"

    await running.whatsapp(wa_text(USER, "wamid.w3", "Жазып жатам"))

    async def answered() -> bool:
        return ANSWER in fake_graph.delivered[USER]

    await eventually(answered)
    assert fake_graph.delivered[USER] == ["template:operator_answered:ky_KG", ANSWER]
    page = await operator.page()
    assert "открыто до" in page and 'id="reply-form"' in page and 'id="wa-held"' not in page


async def test_a_template_the_graph_api_refuses_is_shown_with_its_reason(
    late: Any, fake_graph: FakeGraph
) -> None:
    running, operator = late
    fake_graph.fail_next("template")

    sent = await operator.post("template", name="operator_answered", text=ANSWER)
    assert sent.status_code == 200
    await running.settled()

    page = await operator.page()
    assert "WhatsApp не принял шаблон «Оператор линии 189 ответил" in page
    assert "132001" in page and "does not exist in the translation" in page
    unknown = await operator.post("template", name="no_such_template", text=ANSWER)
    assert unknown.status_code == 409 and unknown.json()["code"] == "invalid"

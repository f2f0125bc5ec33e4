"""One contract for every channel, the registry's and a toy one defined in tests/.

Text in → a reply out through the outbox and the channel's deliverer; the same message
twice → replies once; a forged call → 401 where the channel authenticates; an update the
channel does not handle → 200 and nothing sent.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.channels import registry
from bot.storage.models import Message
from tests.channels import toy
from tests.channels.conftest import (
    FIXTURES,
    WA_PHONE_ID,
    Running,
    settings_for,
    tg_text,
    wa_text,
)
from tests.channels.fakes import FakeGraph, FakeTelegram

Start = Callable[[Any], Awaitable[Running]]
CHAT = {"webchat": "", "telegram": "5100", "whatsapp": "996700005100", "toy": "t-5100"}


@dataclass
class Driver:
    """Speaks one channel's wire format to a running Sapar and reads what it sent back."""

    name: str
    running: Running
    telegram: FakeTelegram
    graph: FakeGraph

    @property
    def authenticates(self) -> bool:
        return self.name != "webchat"  # the web chat is anonymous by design (a cookie)

    async def text(self, n: int, text: str, *, forged: bool = False) -> httpx.Response:
        http = self.running.http
        if self.name == "webchat":
            body = {"client_id": f"contract-{n:04d}", "text": text}
            return await http.post("/webchat/api/messages", json=body)
        if self.name == "telegram":
            secret = "forged" if forged else None
            update = tg_text(n, int(CHAT["telegram"]), n, text)
            return await (
                self.running.telegram(update, secret=secret)
                if forged
                else self.running.telegram(update)
            )
        if self.name == "whatsapp":
            payload = wa_text(CHAT["whatsapp"], f"wamid.c{n}", text)
            if forged:
                return await self.running.whatsapp(payload, secret="forged")
            return await self.running.whatsapp(payload)
        headers = {toy.SECRET_HEADER: "forged" if forged else toy.SECRET}
        body = {"id": n, "chat": CHAT["toy"], "text": text}
        return await http.post("/toy/webhook", json=body, headers=headers)

    async def unknown(self) -> httpx.Response:
        http = self.running.http
        if self.name == "telegram":
            return await self.running.telegram(_fixture("telegram/inline_query.json"))
        if self.name == "whatsapp":
            value = {"messaging_product": "whatsapp", "metadata": {"phone_number_id": WA_PHONE_ID}}
            change = {"value": value, "field": "account_update"}
            payload = {"object": "whatsapp_business_account", "entry": [{"changes": [change]}]}
            return await self.running.whatsapp(payload)
        headers = {toy.SECRET_HEADER: toy.SECRET}
        return await http.post("/toy/webhook", json={"id": 9, "poll": {}}, headers=headers)

    async def replies(self) -> list[str]:
        """Everything delivered so far on this channel, once the outbox is idle."""
        await self.running.settled()
        if self.name == "webchat":
            history = (await self.running.http.get("/webchat/api/history")).json()
            return [line["text"] for line in history["messages"] if line["direction"] == "out"]
        if self.name == "telegram":
            return [t for texts in self.telegram.delivered.values() for t in texts]
        if self.name == "whatsapp":
            return [t for texts in self.graph.delivered.values() for t in texts]
        toy_channel = self.running.sapar.channels["toy"]
        assert isinstance(toy_channel, toy.Toy)
        return [t for texts in toy_channel.deliverer.delivered.values() for t in texts]


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture(params=["webchat", "telegram", "whatsapp", "toy"])
async def driver(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_graph: FakeGraph,
    start: Start,
    monkeypatch: pytest.MonkeyPatch,
) -> Driver:
    monkeypatch.setattr(registry, "CHANNELS", [*registry.CHANNELS, toy.Toy])  # the one line
    running = await start(settings_for(tmp_path, fake_telegram, fake_graph))
    assert request.param in running.sapar.channels
    return Driver(request.param, running, fake_telegram, fake_graph)


async def test_every_registered_channel_is_under_contract(driver: Driver) -> None:
    assert set(driver.running.sapar.channels) == {c.name for c in registry.CHANNELS}


async def test_text_in_gets_a_reply_out(driver: Driver) -> None:
    response = await driver.text(1, "Здравствуйте")
    assert response.status_code in (200, 202), response.text
    replies = await driver.replies()
    assert replies, driver.name
    assert any(replies), replies  # a reply with words, not an empty message


async def test_a_duplicate_is_answered_once(driver: Driver) -> None:
    assert (await driver.text(2, "Здравствуйте")).status_code in (200, 202)
    once = await driver.replies()
    assert (await driver.text(2, "Здравствуйте")).status_code in (200, 202)
    assert await driver.replies() == once and once


async def test_text_is_stored_as_the_boundary_cleans_it(driver: Driver) -> None:
    # Every channel passes its messages through bot.channels.boundary.admit: one that
    # forgot would store NUL, which PostgreSQL refuses (a 500 the platform re-sends).
    response = await driver.text(4, "Сал\x00ам\x07\r\nдос \u202eтекст")
    assert response.status_code in (200, 202), response.text
    async with driver.running.sapar.db.transaction() as session:
        query = select(Message.text).where(Message.direction == "in")
        assert list((await session.scalars(query)).all()) == ["Салам\nдос \u202eтекст"]


async def test_a_forged_call_is_refused(driver: Driver) -> None:
    if not driver.authenticates:
        pytest.skip(f"{driver.name} does not authenticate its callers")
    assert (await driver.text(3, "Здравствуйте", forged=True)).status_code == 401
    assert await driver.running.inbound_count() == 0
    assert await driver.replies() == []


async def test_an_unknown_update_is_acknowledged_and_nothing_is_sent(driver: Driver) -> None:
    if driver.name == "webchat":
        pytest.skip("the web chat's page sends only messages; a wrong body is a 422")
    assert (await driver.unknown()).status_code == 200
    assert await driver.running.inbound_count() == 0
    assert await driver.replies() == []


async def test_the_channel_is_started_and_stopped_with_sapar(
    tmp_path: Path, start: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "CHANNELS", [*registry.CHANNELS, toy.Toy])
    running = await start(settings_for(tmp_path))
    channel = running.sapar.channels["toy"]
    assert isinstance(channel, toy.Toy) and channel.started and not channel.stopped
    assert running.sapar.deliverers["toy"] is channel.deliverer
    await running.sapar.stop()
    assert channel.stopped

"""New web-chat conversations per address: a burst, then a rate; chats that exist go on."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from bot.channels.webchat.admission import NewChatLimit, Verdict
from bot.settings import load_settings
from tests.channels.conftest import Running


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_per_interval_per_address() -> None:
    clock = Clock()
    limit = NewChatLimit(3, 60.0, clock=clock)
    assert [limit.admit("10.0.0.1").allowed for _ in range(3)] == [True] * 3
    assert limit.admit("10.0.0.1") == Verdict(False, 20)  # one per 60/3 s after the burst
    assert limit.admit("10.0.0.2").allowed  # another address has its own allowance
    clock.now += 19.5
    assert limit.admit("10.0.0.1") == Verdict(False, 1)  # a refusal does not use it up
    clock.now += 0.5
    assert limit.admit("10.0.0.1").allowed
    assert not limit.admit("10.0.0.1").allowed


def test_addresses_no_longer_limited_are_forgotten(monkeypatch: Any) -> None:
    monkeypatch.setattr("bot.channels.webchat.admission.PRUNE_ABOVE", 5)
    clock = Clock()
    limit = NewChatLimit(2, 10.0, clock=clock)
    for n in range(5):
        limit.admit(f"10.0.0.{n}")
    clock.now += 60
    limit.admit("10.0.1.1")
    assert limit._next.keys() == {"10.0.1.1"}


async def post(http: httpx.AsyncClient, client_id: str) -> httpx.Response:
    return await http.post(
        "/webchat/api/messages", json={"client_id": client_id, "text": "Здравствуйте"}
    )


async def test_one_chat_too_many_gets_429_and_existing_chats_go_on(
    tmp_path: Path, start: Callable[[Any], Awaitable[Running]]
) -> None:
    settings = load_settings(
        database={"url": f"sqlite+aiosqlite:///{tmp_path / 'limit.db'}"},
        webchat={"new_chats_per_window": 2, "new_chats_window_seconds": 600},
    )
    running = await start(settings)
    transport = running.http._transport
    browsers = [
        httpx.AsyncClient(transport=transport, base_url="http://testserver") for _ in "abcd"
    ]
    first, second, third, fourth = browsers
    try:
        assert (await post(first, "first-0001")).status_code == 202  # no cookie: a new chat
        await second.get("/")  # a cookie from the page, no conversation yet: still new
        assert (await post(second, "second-0001")).status_code == 202
        refused = await post(third, "third-0001")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) == 300  # 600 s / 2 chats
        body = refused.json()
        assert body["error"] == "too_many_new_chats" and body["retry_after"] == 300
        assert (await post(first, "first-0002")).status_code == 202  # its chat exists
        assert (await post(second, "second-0002")).status_code == 202
        await fourth.get("/")
        assert (await post(fourth, "fourth-0001")).status_code == 429
        assert await running.inbound_count() == 4  # the refused messages were not taken in
    finally:
        for browser in browsers:
            await browser.aclose()


async def test_the_page_has_the_waiting_words_in_both_languages(
    tmp_path: Path, start: Callable[[Any], Awaitable[Running]]
) -> None:
    running = await start(
        load_settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'p.db'}"})
    )
    page = (await running.http.get("/")).text
    data = json.loads(page.split('id="page-data"', 1)[1].split(">", 1)[1].split("</script>")[0])
    busy = {language: data["texts"][language]["busy"] for language in ("ky", "ru")}
    assert "{seconds}" in busy["ky"] and "{seconds}" in busy["ru"] and busy["ky"] != busy["ru"]

"""`/metrics`: the series move with the traffic; only loopback or the token may scrape."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

from bot.app import Sapar, build
from bot.services.metrics import Metrics
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.models import OutboxRow
from bot.types import ConversationKey, UserMessage
from bot.web.app import create_app
from tests.channels.conftest import Running, settings_for, tg_text
from tests.channels.fakes import FakeTelegram


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one series in a scrape; 0 when it has not appeared yet."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


async def scrape(http: httpx.AsyncClient) -> str:
    response = await http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=")
    return response.text


async def test_a_webhook_moves_the_series(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    start: Callable[[Any], Awaitable[Running]],
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram))
    before = await scrape(running.http)
    fake_telegram.fail_next("500")  # the first reply's first try fails, then goes through
    assert (await running.telegram(tg_text(1, 777, 1, "Здравствуйте"))).status_code == 200
    await running.settled()
    after = await scrape(running.http)

    tg = {"channel": "telegram"}
    moved = {
        name: sample(after, name, **labels) - sample(before, name, **labels)
        for name, labels in [
            ("sapar_updates_received_total", tg),
            ("sapar_webhook_seconds_count", tg),
            ("sapar_engine_step_seconds_count", {}),
            ("sapar_replies_total", {**tg, "outcome": "failed"}),
            ("sapar_replies_total", {**tg, "outcome": "dead"}),
        ]
    }
    assert moved == {
        "sapar_updates_received_total": 1,
        "sapar_webhook_seconds_count": 1,
        "sapar_engine_step_seconds_count": 1,
        "sapar_replies_total": 0,  # the last one read: nothing was given up
    }
    sent = sample(after, "sapar_replies_total", **tg, outcome="sent")
    assert sent == len(fake_telegram.delivered["777"]) >= 1
    assert sample(after, "sapar_replies_total", **tg, outcome="failed") == 1
    assert sample(after, "sapar_webhook_seconds_sum", **tg) > 0
    assert sample(after, "sapar_outbox_depth") == 0  # all settled


@pytest.fixture
async def idle(tmp_path: Path) -> AsyncIterator[Sapar]:
    """A Sapar whose sender does not run, so replies stay in the outbox."""
    sapar = build(load_settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"}))
    await migrate.upgrade(sapar.db)
    try:
        yield sapar
    finally:
        await sapar.db.dispose()


def client(sapar: Sapar, address: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(sapar), client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://sapar")


async def test_the_backlog_gauges_are_read_from_the_database(idle: Sapar) -> None:
    key = ConversationKey("webchat", "metrics-chat")
    await idle.conversations.receive(UserMessage(key, "m1", datetime.now(UTC), text="/operator"))
    async with idle.db.transaction() as session:
        hour_ago = datetime.now(UTC) - timedelta(hours=1)
        await session.execute(update(OutboxRow).values(created_at=hour_ago))
    async with client(idle) as http:
        text = await scrape(http)
    counts = await idle.outbox.counts()
    assert sample(text, "sapar_outbox_depth") == counts["pending"] > 0
    assert 3600 <= sample(text, "sapar_outbox_oldest_pending_seconds") < 3700
    assert sample(text, "sapar_handoff_queue_length") == 1
    assert 0 <= sample(text, "sapar_handoff_oldest_waiting_seconds") < 600


async def test_only_loopback_scrapes_without_a_token(idle: Sapar) -> None:
    async with client(idle, "203.0.113.9") as remote, client(idle) as local:
        assert (await remote.get("/metrics")).status_code == 403
        proxied = await local.get("/metrics", headers={"x-forwarded-for": "203.0.113.9"})
        assert proxied.status_code == 403  # a proxy on this machine is not a local scraper
        assert (await local.get("/metrics")).status_code == 200


async def test_with_a_token_every_scraper_must_send_it(tmp_path: Path) -> None:
    settings = load_settings(
        database={"url": f"sqlite+aiosqlite:///{tmp_path / 't.db'}"},
        metrics={"token": "scrape-token-for-tests"},
    )
    sapar = build(settings)
    await migrate.upgrade(sapar.db)
    try:
        async with client(sapar, "203.0.113.9") as remote, client(sapar) as local:
            assert (await local.get("/metrics")).status_code == 401
            wrong = {"authorization": "Bearer nope"}
            assert (await remote.get("/metrics", headers=wrong)).status_code == 401
            right = {"authorization": "Bearer scrape-token-for-tests"}
            assert (await remote.get("/metrics", headers=right)).status_code == 200
    finally:
        await sapar.db.dispose()


def test_each_app_has_its_own_registry() -> None:
    one, two = Metrics(), Metrics()  # the global registry would refuse the second
    one.received("webchat")
    assert one.registry.get_sample_value("sapar_updates_received_total", {"channel": "webchat"})
    assert (
        two.registry.get_sample_value("sapar_updates_received_total", {"channel": "webchat"})
        is None
    )


async def test_every_channel_series_is_there_before_any_traffic(idle: Sapar) -> None:
    async with client(idle) as http:
        text = await scrape(http)
    assert 'sapar_updates_received_total{channel="webchat"} 0.0' in text
    for outcome in ("sent", "failed", "dead"):
        assert f'sapar_replies_total{{channel="webchat",outcome="{outcome}"}} 0.0' in text

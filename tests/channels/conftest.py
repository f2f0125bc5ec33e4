"""A Sapar wired to fake Telegram and Graph API servers, and helpers to drive its webhooks."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy import text as sql
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import Sapar, build
from bot.settings import load_settings
from bot.storage.models import Message, OutboxRow
from bot.web.app import create_app
from tests.channels.fakes import FakeGraph, FakeTelegram
from tests.conftest import BACKENDS, POSTGRES_URL

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TG_TOKEN = "123456:TEST-token"
TG_SECRET = "tg-webhook-secret-for-tests"
WA_TOKEN = "wa-access-token-for-tests"
WA_PHONE_ID = "1122334455667"
WA_SECRET = "wa-app-secret-for-tests"
WA_VERIFY = "wa-verify-token-for-tests"


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = await FakeTelegram(TG_TOKEN).start_server()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A whole Sapar's database on each backend: SQLite, and a fresh PostgreSQL database.

    PostgreSQL refuses what SQLite stores (NUL, over-long varchars), so the boundary is
    tested on both. A database of its own, not a schema: the app opens its own engine.
    """
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'channels.db'}"
        return
    assert POSTGRES_URL
    name = f"sapar_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sql(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@pytest.fixture
async def fake_graph() -> AsyncIterator[FakeGraph]:
    fake = await FakeGraph(WA_TOKEN, WA_PHONE_ID).start_server()
    try:
        yield fake
    finally:
        await fake.stop()


def settings_for(
    tmp_path: Path,
    telegram: FakeTelegram | None = None,
    graph: FakeGraph | None = None,
    *,
    app_secret: str = WA_SECRET,
    database_url: str | None = None,
    pictures_enabled: bool = True,
    voice: dict[str, Any] | None = None,
    operators: dict[str, Any] | None = None,
    **telegram_extra: Any,
) -> Any:
    """Settings with fast outbox retries and the channels pointed at the fakes."""
    sections: dict[str, Any] = {
        "database": {"url": database_url or f"sqlite+aiosqlite:///{tmp_path / 'channels.db'}"},
        "outbox": {
            "base_delay_seconds": 0.05,
            "max_delay_seconds": 0.2,
            "poll_interval_seconds": 0.05,
            "max_attempts": 50,
        },
        "telegram": {},
        "whatsapp": {},
        "pictures": {"enabled": pictures_enabled},
        "voice": voice or {},
    }
    if operators is not None:  # replaces config.yml's section: the defaults plus these
        sections["operators"] = operators
    if telegram is not None:
        sections["telegram"] = {
            "token": TG_TOKEN,
            "webhook_secret": TG_SECRET,
            "mode": "webhook",
            "api_base": telegram.url,
            "timeout_seconds": 0.5,
            **telegram_extra,
        }
    if graph is not None:
        sections["whatsapp"] = {
            "access_token": WA_TOKEN,
            "app_secret": app_secret,
            "verify_token": WA_VERIFY,
            "phone_number_id": WA_PHONE_ID,
            "api_base": graph.url,
            "timeout_seconds": 0.5,
        }
    return load_settings(**sections)


@dataclass
class Running:
    """A started Sapar and an HTTP client on its web app."""

    sapar: Sapar
    http: httpx.AsyncClient

    async def telegram(self, update: Any, secret: str | None = TG_SECRET) -> httpx.Response:
        headers = {"x-telegram-bot-api-secret-token": secret} if secret is not None else {}
        return await self.http.post("/telegram/webhook", json=update, headers=headers)

    async def whatsapp(
        self, payload: Any, secret: str = WA_SECRET, body: bytes | None = None
    ) -> httpx.Response:
        raw = body if body is not None else json.dumps(payload).encode()
        headers = {"x-hub-signature-256": sign(raw, secret), "content-type": "application/json"}
        return await self.http.post("/whatsapp/webhook", content=raw, headers=headers)

    async def settled(self, timeout: float = 20.0) -> dict[str, int]:
        """Wait until no outbox row is pending or being sent; return the counts."""

        async def done() -> bool:
            counts = await self.sapar.outbox.counts()
            return not counts.get("pending") and not counts.get("sending")

        await eventually(done, timeout)
        return await self.sapar.outbox.counts()

    async def rows(self, channel: str) -> list[OutboxRow]:
        async with self.sapar.db.transaction() as session:
            query = select(OutboxRow).where(OutboxRow.channel == channel).order_by(OutboxRow.id)
            return list((await session.scalars(query)).all())

    async def inbound_count(self) -> int:
        async with self.sapar.db.transaction() as session:
            query = select(Message).where(Message.direction == "in")
            return len((await session.scalars(query)).all())


@pytest.fixture
async def start() -> AsyncIterator[Callable[[Any], Awaitable[Running]]]:
    """Start Sapar with given settings; everything started is stopped after the test."""
    started: list[Running] = []

    async def _start(settings: Any) -> Running:
        sapar = build(settings)
        await sapar.start()
        transport = httpx.ASGITransport(app=create_app(sapar))
        http = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        running = Running(sapar, http)
        started.append(running)
        return running

    yield _start
    for running in started:
        await running.http.aclose()
        await running.sapar.stop()


def report(line: str) -> None:
    """Print a figure the test exists to show (run pytest with -s to see it)."""
    print(line)  # noqa: T201  # counted results are this suite's output, as the issue asks


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 20.0) -> None:
    """Poll `check` until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.02)


def tg_text(update_id: int, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
    """A private-chat text update as Telegram sends it."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "ru"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "from": user,
            "chat": {"id": chat_id, "first_name": "Test", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def wa_text(wa_id: str, message_id: str, text: str, timestamp: int | None = None) -> Any:
    """A WhatsApp text-message notification as Meta sends it."""
    message = {
        "from": wa_id,
        "id": message_id,
        "timestamp": str(timestamp if timestamp is not None else int(time.time())),
        "text": {"body": text},
        "type": "text",
    }
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550000000", "phone_number_id": WA_PHONE_ID},
        "contacts": [{"profile": {"name": "Test"}, "wa_id": wa_id}],
        "messages": [message],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"value": value, "field": "messages"}]}],
    }


def tally(expected: dict[str, list[str]], delivered: dict[str, list[str]]) -> tuple[int, int, int]:
    """(lost, duplicated, out of order) of what each chat got against what it should have."""
    lost = duplicated = out_of_order = 0
    for chat in set(expected) | set(delivered):
        want, got = expected.get(chat, []), delivered.get(chat, [])
        unmatched = Counter(want)
        kept: list[str] = []
        for text in got:
            if unmatched[text] > 0:
                unmatched[text] -= 1
                kept.append(text)
            else:
                duplicated += 1
        lost += sum(unmatched.values())
        arrived_counts = Counter(kept)
        in_order: list[str] = []
        for text in want:
            if arrived_counts[text] > 0:
                arrived_counts[text] -= 1
                in_order.append(text)
        out_of_order += sum(1 for a, b in zip(kept, in_order, strict=True) if a != b)
    return lost, duplicated, out_of_order


async def expected_texts(running: Running, channel: str) -> dict[str, list[str]]:
    """Each chat's replies in the order they were enqueued."""
    expected: dict[str, list[str]] = {}
    for row in await running.rows(channel):
        expected.setdefault(row.chat_id, []).append(str(row.payload["text"]))
    return expected

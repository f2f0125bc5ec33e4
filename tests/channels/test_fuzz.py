"""Fuzzing the inbound contract: any body → a message, a "not for us" 2xx, or a clear 4xx.

Never a 5xx (Telegram and Meta would re-send it for ever), never an error in the log, and
Sapar still serves a plain message afterwards. Bodies come from `fuzz.Fuzzer`, seeded, over
the Telegram and WhatsApp webhooks (signed as the platforms sign) and the web chat's API.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.channels.conftest import (
    FIXTURES,
    TG_SECRET,
    WA_SECRET,
    Running,
    report,
    settings_for,
    sign,
    tg_text,
    wa_text,
)
from tests.channels.fakes import FakeGraph, FakeTelegram
from tests.channels.fuzz import Fuzzer
from tests.channels.test_whatsapp import payloads as wa_payloads

Start = Callable[[Any], Awaitable[Running]]
SEED = int(os.environ.get("SAPAR_FUZZ_SEED", "18"))
CASES = int(os.environ.get("SAPAR_FUZZ_CASES", "1000"))  # per endpoint and backend
ENDPOINTS = ["telegram", "whatsapp", "webchat"]


def _telegram_bases() -> list[Any]:
    found = [json.loads(p.read_text()) for p in sorted((FIXTURES / "telegram").glob("*.json"))]
    return [*found, tg_text(1, 1900, 1, "Салам")]


def _webchat_bases() -> list[Any]:
    return [
        {"client_id": "fuzz-000001", "text": "Салам"},
        {"client_id": "fuzz-000002", "button": "menu"},
        {"client_id": "fuzz-000003", "text": "Работа в Москве, 80 000 рублей", "button": None},
    ]


@pytest.fixture
async def running(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_graph: FakeGraph,
    database_url: str,  # before `start`: the database outlives the Sapar on it
    start: Start,
) -> Running:
    settings = settings_for(tmp_path, fake_telegram, fake_graph, database_url=database_url)
    web = settings.web.model_copy(update={"long_poll_seconds": 0.01})
    return await start(settings.model_copy(update={"web": web}))


def _webchat_body(fuzzer: Fuzzer, case: int) -> bytes:
    """Half the bodies keep a valid client id, so that hostile texts reach the service."""
    if case % 2:
        return fuzzer.body()
    body: dict[str, Any] = {"client_id": f"fuzz-{SEED}-{case:06d}", "text": fuzzer.same_kind("")}
    if case % 4 == 0:
        body["button"] = fuzzer.same_kind("")
    return json.dumps(body, ensure_ascii=True).encode()


def _fresh(fuzzer: Fuzzer, case: int) -> bytes:
    """A body whose message ids are new, so that it is not dropped as a duplicate."""
    body = fuzzer.body()
    body = body.replace(b'"message_id": ', f'"message_id": 9{case:05d}'.encode())
    return body.replace(b'"wamid.', f'"wamid.{case}.'.encode())


async def _send(http: httpx.AsyncClient, endpoint: str, body: bytes) -> httpx.Response:
    json_type = {"content-type": "application/json"}
    if endpoint == "telegram":
        headers = {"x-telegram-bot-api-secret-token": TG_SECRET, **json_type}
        return await http.post("/telegram/webhook", content=body, headers=headers)
    if endpoint == "whatsapp":
        headers = {"x-hub-signature-256": sign(body, WA_SECRET), **json_type}
        return await http.post("/whatsapp/webhook", content=body, headers=headers)
    return await http.post("/webchat/api/messages", content=body, headers=json_type)


def _bases(endpoint: str) -> list[Any]:
    if endpoint == "telegram":
        return _telegram_bases()
    if endpoint == "whatsapp":
        return [payload for _, payload in wa_payloads()] + [wa_text("996700001900", "w.f", "Сал")]
    return _webchat_bases()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
async def test_no_body_gives_a_server_error(
    running: Running, endpoint: str, caplog: pytest.LogCaptureFixture
) -> None:
    fuzzer = Fuzzer(SEED * 10 + ENDPOINTS.index(endpoint), _bases(endpoint))
    failures: list[tuple[int, str, bytes]] = []
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    with caplog.at_level(logging.ERROR, logger="bot"):
        for case in range(CASES):
            body = _webchat_body(fuzzer, case) if endpoint == "webchat" else _fresh(fuzzer, case)
            try:
                status = (await _send(running.http, endpoint, body)).status_code
            except Exception as exc:  # the app raised through the test transport: a 500
                failures.append((case, repr(exc)[:200], body[:300]))
                continue
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                failures.append((case, str(status), body[:300]))
    took = time.perf_counter() - started

    stored = await running.inbound_count()
    report(f"fuzz {endpoint} seed {SEED}: {CASES} bodies in {took:.1f} s, {statuses}, {stored} in")
    assert failures == [], f"seed {SEED}: {len(failures)} server errors, first {failures[:3]}"
    # Dead replies (the 24-hour window of an old timestamp) are the outbox's business.
    errors = [r for r in caplog.records if not r.name.startswith("bot.channels.delivery")]
    assert [r.getMessage() for r in errors if r.levelno >= logging.ERROR] == []
    assert set(statuses) - {200, 202, 400, 413, 415, 422} == set()
    assert len(statuses) > 1  # the bodies reached both the parser's yes and its no
    assert stored > CASES // 20  # and enough of them the whole pipeline, engine included


async def test_the_web_chat_cursor_and_history_take_any_query(running: Running) -> None:
    await running.http.post("/webchat/api/messages", json={"client_id": "fuzz-c0001", "text": "x"})
    afters = ["0", "-1", str(2**31), str(2**63), str(10**30), "1e400", "nan", "", "\x00"]
    statuses = {
        after: (await running.http.get("/webchat/api/updates", params={"after": after})).status_code
        for after in afters
    }

    assert all(status < 500 for status in statuses.values()), statuses
    assert statuses["0"] == 200 and statuses[str(10**30)] == 422
    assert (await running.http.get("/webchat/api/history")).status_code == 200

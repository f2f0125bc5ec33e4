"""Log lines: JSON one a line, each with its request's id, and never what a user wrote."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.web import logs
from tests.channels.conftest import TG_SECRET, Running, settings_for, tg_text
from tests.channels.fakes import FakeTelegram

PARTS = ("Жумагүл", "Xq7Zephyrine", "паспортумду")  # found nowhere but in what users send
WORDS = "-".join(PARTS)


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG and up, as `serve` writes it with `log.format: json`."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    stream = io.StringIO()
    logs.configure("json", stream)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        for added in list(root.handlers):
            root.removeHandler(added)
        for kept in handlers:
            root.addHandler(kept)
        root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_a_webhook_logs_json_lines_with_its_id_and_never_the_text(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    start: Callable[[Any], Awaitable[Running]],
    captured: io.StringIO,
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram))
    fake_telegram.fail_next("500")  # a failed send logs too
    response = await running.telegram(tg_text(1, 4242, 1, f"Саламатсызбы, {WORDS}"))
    malformed = {"update_id": 2, "message": {"message_id": 2, "date": 1, "text": WORDS}}  # no chat
    headers = {"x-telegram-bot-api-secret-token": TG_SECRET, "x-request-id": "proxy-id-0001"}
    refused = await running.http.post("/telegram/webhook", json=malformed, headers=headers)
    await running.settled()

    assert response.status_code == 200 and refused.status_code == 400
    written = captured.getvalue()
    assert written and not [part for part in PARTS if part.lower() in written.lower()]
    records = lines(captured)  # every line is one JSON object
    assert len(records) >= 4, records
    access = [r for r in records if r["logger"] == "bot.web.access"]
    assert [(r["path"], r["status"]) for r in access] == [
        ("/telegram/webhook", 200),
        ("/telegram/webhook", 400),
    ]
    assert access[0]["request_id"] == response.headers["x-request-id"]
    assert len(response.headers["x-request-id"]) == 32  # a new one when the proxy sent none
    assert refused.headers["x-request-id"] == "proxy-id-0001"
    warned = [r for r in records if "malformed update" in r["message"]]
    assert warned and warned[0]["request_id"] == "proxy-id-0001"
    assert any("try 1 failed" in r["message"] for r in records)  # the sender's line


async def test_an_unusable_request_id_is_replaced(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    start: Callable[[Any], Awaitable[Running]],
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram))
    for given in ("short", "x" * 200, "id with spaces", 'id"<script>'):
        answer = await running.http.get("/healthz", headers={"x-request-id": given})
        assert answer.headers["x-request-id"] != given


def test_text_lines_carry_the_request_id() -> None:
    stream = io.StringIO()
    log = logging.getLogger("tests.logs.text")
    log.addHandler(logs.handler("text", stream))
    token = logs.REQUEST_ID.set("req-text-0001")
    try:
        log.warning("hello")
    finally:
        logs.REQUEST_ID.reset(token)
        log.handlers.clear()
    assert "[req-text-0001]: hello" in stream.getvalue()

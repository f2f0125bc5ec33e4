"""A real `python -m bot serve` process pointed at the fake platforms, for end-to-end tests."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from tests.browser import free_port
from tests.channels.conftest import (
    TG_SECRET,
    TG_TOKEN,
    WA_PHONE_ID,
    WA_SECRET,
    WA_TOKEN,
    WA_VERIFY,
)
from tests.channels.fakes import FakeGraph, FakeTelegram

ROOT = Path(__file__).resolve().parents[2]


def environment(db: Path, telegram: FakeTelegram, graph: FakeGraph) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAPAR_")}
    env.update(
        SAPAR_DATABASE__URL=f"sqlite+aiosqlite:///{db}",
        SAPAR_OUTBOX__BASE_DELAY_SECONDS="0.05",
        SAPAR_OUTBOX__MAX_DELAY_SECONDS="0.2",
        SAPAR_OUTBOX__POLL_INTERVAL_SECONDS="0.05",
        SAPAR_TELEGRAM__TOKEN=TG_TOKEN,
        SAPAR_TELEGRAM__WEBHOOK_SECRET=TG_SECRET,
        SAPAR_TELEGRAM__MODE="webhook",
        SAPAR_TELEGRAM__API_BASE=telegram.url,
        SAPAR_TELEGRAM__TIMEOUT_SECONDS="5",
        SAPAR_WHATSAPP__ACCESS_TOKEN=WA_TOKEN,
        SAPAR_WHATSAPP__APP_SECRET=WA_SECRET,
        SAPAR_WHATSAPP__VERIFY_TOKEN=WA_VERIFY,
        SAPAR_WHATSAPP__PHONE_NUMBER_ID=WA_PHONE_ID,
        SAPAR_WHATSAPP__API_BASE=graph.url,
        SAPAR_WHATSAPP__TIMEOUT_SECONDS="5",
    )
    return env


@asynccontextmanager
async def serving(
    env: dict[str, str], log: Path
) -> AsyncIterator[tuple[subprocess.Popen[bytes], str]]:
    """A `python -m bot serve` process, ready to take requests; SIGKILLed on the way out."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(timeout=2) as http:
            for _ in range(1200):
                try:
                    if (await http.get(f"{url}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert process.poll() is None, log.read_text()[-3000:]
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the server did not start within 120 s")
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def status_counts(db: Path, channel: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM outbox WHERE channel = ? GROUP BY status", (channel,)
        ).fetchall()
    return {status: int(n) for status, n in rows}

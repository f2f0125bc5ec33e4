"""How long a Telegram or WhatsApp webhook call takes before it answers 200.

    .venv/bin/python bench/webhook_bench.py [--updates 300]

The webhook answers only after `receive()` has stored the message and its replies (so a
crash after the 200 loses nothing); this measures that wait in-process on a fresh SQLite
file, through the real FastAPI app, with the outbox sender running but its platforms
unreachable (sending is not part of the webhook's time). Telegram retries a webhook that
has not answered for a while and WhatsApp after about 20 s; p99 must stay far below that.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build  # noqa: E402 - after the path setup
from bot.settings import load_settings  # noqa: E402
from bot.web.app import create_app  # noqa: E402

CHATS = 10
TEXTS = ["Здравствуйте", "Хочу работать в России", "Саламатсызбы", "Сколько стоит патент?"]


async def main(updates: int) -> None:
    logging.disable(logging.WARNING)  # the unreachable platforms' retries are expected noise
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            database={"url": f"sqlite+aiosqlite:///{tmp}/bench.db"},
            telegram={
                "token": "1:bench",
                "webhook_secret": "bench-secret",
                "mode": "webhook",
                "api_base": "http://127.0.0.1:9",  # nothing listens: sends fail and wait
            },
            whatsapp={
                "access_token": "bench",
                "app_secret": "bench-secret",
                "verify_token": "bench",
                "phone_number_id": "1",
                "api_base": "http://127.0.0.1:9/v21.0",
            },
        )
        sapar = build(settings)
        await sapar.start()
        transport = httpx.ASGITransport(app=create_app(sapar))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            tg = [await _telegram(http, i) for i in range(updates)]
            wa = [await _whatsapp(http, i) for i in range(updates)]
        await sapar.stop()
    for name, times in (("telegram", tg), ("whatsapp", wa)):
        ms = sorted(t * 1000 for t in times)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        print(
            f"{name} webhook, {len(ms)} updates in {CHATS} chats: "
            f"p50 {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms"
        )


async def _telegram(http: httpx.AsyncClient, i: int) -> float:
    chat = 1000 + i % CHATS
    update = {
        "update_id": i,
        "message": {
            "message_id": i,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "B"},
            "date": int(time.time()),
            "text": TEXTS[i % len(TEXTS)],
        },
    }
    headers = {"x-telegram-bot-api-secret-token": "bench-secret"}
    started = time.perf_counter()
    response = await http.post("/telegram/webhook", json=update, headers=headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed


async def _whatsapp(http: httpx.AsyncClient, i: int) -> float:
    message = {
        "from": f"99670000{i % CHATS:04d}",
        "id": f"wamid.bench{i}",
        "timestamp": str(int(time.time())),
        "type": "text",
        "text": {"body": TEXTS[i % len(TEXTS)]},
    }
    value = {"messaging_product": "whatsapp", "messages": [message]}
    body = json.dumps({"entry": [{"changes": [{"value": value, "field": "messages"}]}]}).encode()
    signature = "sha256=" + hmac.new(b"bench-secret", body, hashlib.sha256).hexdigest()
    started = time.perf_counter()
    response = await http.post(
        "/whatsapp/webhook", content=body, headers={"x-hub-signature-256": signature}
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=300)
    asyncio.run(main(parser.parse_args().updates))

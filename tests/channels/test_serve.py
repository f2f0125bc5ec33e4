"""The issue's "done when", against a real `python -m bot serve` and the fake platforms."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx

from tests.channels.conftest import (
    FIXTURES,
    TG_SECRET,
    WA_SECRET,
    report,
    sign,
    tg_text,
    wa_text,
)
from tests.channels.fakes import FakeGraph, FakeTelegram
from tests.channels.serve_process import environment, serving, status_counts

WA = FIXTURES / "whatsapp"


async def telegram(http: httpx.AsyncClient, update: Any, secret: str = TG_SECRET) -> int:
    headers = {"x-telegram-bot-api-secret-token": secret}
    return (await http.post("/telegram/webhook", json=update, headers=headers)).status_code


async def whatsapp(http: httpx.AsyncClient, body: bytes, secret: str = WA_SECRET) -> int:
    headers = {"x-hub-signature-256": sign(body, secret)}
    return (await http.post("/whatsapp/webhook", content=body, headers=headers)).status_code


async def _tampered(http: httpx.AsyncClient, body: bytes) -> int:
    """The body changed after signing: another recipient, the original signature."""
    headers = {"x-hub-signature-256": sign(body, WA_SECRET)}
    changed = body.replace(b"996555004242", b"996555004243")
    return (await http.post("/whatsapp/webhook", content=changed, headers=headers)).status_code


def whatsapp_bodies() -> list[bytes]:
    bodies = [(WA / "pywa_signed_request_body.bin").read_bytes()]
    for path in sorted(WA.glob("*.json")):
        if not path.name.startswith("pywa_signed"):
            bodies += [json.dumps(p).encode() for p in json.loads(path.read_text()).values()]
    return bodies


async def test_served_process_answers_refuses_dedupes_and_survives_every_fixture(
    tmp_path: Path, fake_telegram: FakeTelegram, fake_graph: FakeGraph
) -> None:
    db = tmp_path / "served.db"
    env = environment(db, fake_telegram, fake_graph)
    async with serving(env, tmp_path / "serve.log") as (process, url):
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            update = tg_text(1, 4242, 1, "Здравствуйте, ищу работу в Москве")
            wa_body = json.dumps(wa_text("996555004242", "wamid.s1", "Здравствуйте")).encode()
            refused = [
                await telegram(http, tg_text(2, 4243, 1, "Привет"), secret="wrong"),
                await whatsapp(http, wa_body, secret="wrong"),
                await _tampered(http, wa_body),
            ]
            accepted = [
                await telegram(http, update),
                await telegram(http, update),
                await whatsapp(http, wa_body),
                await whatsapp(http, wa_body),
            ]
            await _until_settled(db)
            first_tg = list(fake_telegram.delivered["4242"])
            first_wa = list(fake_graph.delivered["996555004242"])
            fixtures = [
                await telegram(http, json.loads(p.read_text()))
                for p in sorted((FIXTURES / "telegram").glob("*.json"))
            ]
            fixtures += [await whatsapp(http, body) for body in whatsapp_bodies()]
            await _until_settled(db)
            alive = (await http.get("/healthz")).status_code
        assert process.poll() is None

    report(f"served process: {len(fixtures)} fixtures, statuses {sorted(set(fixtures))}")
    assert set(refused) == {401} and set(accepted) == {200}
    assert len(fixtures) == 85 and max(fixtures) < 500 and alive == 200
    welcome = "Здравствуйте! Я Сапар"
    assert first_tg and first_tg[0].startswith(welcome) and first_wa[0].startswith(welcome)
    assert "4243" not in fake_telegram.delivered and "996555004243" not in fake_graph.delivered
    # The repeated update got nothing more; the fixtures' chats are others.
    assert fake_telegram.delivered["4242"] == first_tg
    assert fake_graph.delivered["996555004242"] == first_wa


async def _until_settled(db: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        counts = [status_counts(db, channel) for channel in ("telegram", "whatsapp")]
        if not any(c.get("pending") or c.get("sending") for c in counts):
            return
        assert time.monotonic() < deadline, counts
        await asyncio.sleep(0.05)

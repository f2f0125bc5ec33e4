"""`python -m bot serve` killed with SIGKILL mid-delivery, then restarted: nothing lost or repeated.

The fakes stop answering after a few messages, so at the kill some sends are in flight and
some replies are still unsent. Before the kill the test waits until every message the fakes
accepted is also recorded as sent in the database: the kill lands where the platform has
NOT taken the in-flight message. (A kill after the platform took a message but before
Sapar recorded it makes the restart send it again; test_faults shows that window.)
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from tests.channels.conftest import (
    TG_SECRET,
    WA_SECRET,
    report,
    sign,
    tally,
    tg_text,
    wa_text,
)
from tests.channels.fakes import FakeGraph, FakePlatform, FakeTelegram
from tests.channels.serve_process import environment, serving, status_counts

CHATS = 4
TEXTS = ["Здравствуйте", "Хочу работать в Казахстане", "Как проверить агентство?"]


def expected(db: Path, channel: str) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT chat_id, json_extract(payload, '$.text') FROM outbox "
            "WHERE channel = ? ORDER BY id",
            (channel,),
        ).fetchall()
    texts: dict[str, list[str]] = {}
    for chat_id, text in rows:
        texts.setdefault(chat_id, []).append(text)
    return texts


def updates() -> Iterator[tuple[str, object]]:
    """Each chat's turns, chats interleaved, on both channels."""
    for turn, text in enumerate(TEXTS):
        for chat in range(CHATS):
            yield "telegram", tg_text(100 + turn * CHATS + chat, 7000 + chat, turn + 1, text)
            yield "whatsapp", wa_text(f"99655500{chat:04d}", f"wamid.k{turn}.{chat}", text)


async def post_all(url: str) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        for channel, payload in updates():
            if channel == "telegram":
                headers = {"x-telegram-bot-api-secret-token": TG_SECRET}
                response = await http.post("/telegram/webhook", json=payload, headers=headers)
            else:
                body = json.dumps(payload).encode()
                headers = {"x-hub-signature-256": sign(body, WA_SECRET)}
                response = await http.post("/whatsapp/webhook", content=body, headers=headers)
            assert response.status_code == 200


async def until(check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def quiet_and_in_flight(fake: FakePlatform, db: Path, channel: str) -> bool:
    """Held with a send waiting, and everything the fake accepted is recorded as sent."""
    recorded = status_counts(db, channel).get("sent", 0)
    return (
        fake.held
        and fake.waiting > 0
        and fake.accepting == 0
        and (recorded == fake.sent_messages())
    )


async def test_kill_9_mid_delivery_and_restart_lose_and_repeat_nothing(
    tmp_path: Path, fake_telegram: FakeTelegram, fake_graph: FakeGraph
) -> None:
    db = tmp_path / "killed.db"
    env = environment(db, fake_telegram, fake_graph)
    log = tmp_path / "serve.log"
    for fake in (fake_telegram, fake_graph):
        fake.delay = 0.02
        fake.hold_after = 6

    async with serving(env, log) as (process, url):
        await post_all(url)
        await until(
            lambda: (
                quiet_and_in_flight(fake_telegram, db, "telegram")
                and quiet_and_in_flight(fake_graph, db, "whatsapp")
            ),
            30,
        )
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    unsent = {ch: status_counts(db, ch) for ch in ("telegram", "whatsapp")}

    # The dead process's claims are leases (120 s); move their end to now instead of waiting.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE outbox SET next_attempt_at = '2000-01-01 00:00:00.000000' "
            "WHERE status = 'sending'"
        )
    for fake in (fake_telegram, fake_graph):
        fake.hold_after = None
        fake.held = False
    async with serving(env, log):
        await until(lambda: _settled(db, "telegram") and _settled(db, "whatsapp"), 60)

    for channel, fake in (("telegram", fake_telegram), ("whatsapp", fake_graph)):
        want = expected(db, channel)
        lost, duplicated, disordered = tally(want, fake.delivered)
        report(
            f"{channel} kill -9: {sum(map(len, want.values()))} replies, unsent at the kill "
            f"{unsent[channel]} → lost {lost}, duplicated {duplicated}, out of order {disordered}"
        )
        assert unsent[channel].get("sending", 0) > 0  # killed mid-delivery
        assert (lost, duplicated, disordered) == (0, 0, 0)
        assert status_counts(db, channel) == {"sent": sum(map(len, want.values()))}


def _settled(db: Path, channel: str) -> bool:
    counts = status_counts(db, channel)
    return not counts.get("pending") and not counts.get("sending")

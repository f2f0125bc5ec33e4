"""Replies through a platform outage and a flaky database: lost, duplicated, dead, drain time.

    .venv/bin/python bench/outage_bench.py [--chats 200] [--outage 150] [--lost-commits 0.05]

A real Sapar on a fresh SQLite file sends through the recording fake Bot API
(tests/channels/fakes.py), which answers every sendMessage with 500 for `--outage` seconds.
Meanwhile a share of the "sent" commits fails as a dropped database connection would, after
the platform accepted the message. The outbox runs its configured schedule (config.yml) with
the 120 s lease. Issue 18 measured, before: 150 s of 500s → 100 of 700 replies dead, and 12
duplicates from lost commits. Not a test: the drain time depends on the machine and jitter.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build  # noqa: E402 - after the path setup
from bot.settings import load_settings  # noqa: E402
from bot.storage.models import OutboxRow  # noqa: E402
from bot.web.app import create_app  # noqa: E402
from tests.channels.conftest import tally, tg_text  # noqa: E402 - the suite's own fakes
from tests.channels.fakes import FakeTelegram  # noqa: E402

TOKEN, SECRET = "1:bench", "bench-secret"


class Outage(FakeTelegram):
    """Every send fails with 500 until `until` (a time.monotonic() value)."""

    until = 0.0

    async def _gate(self) -> str | None:
        if time.monotonic() < self.until:
            self.failures += 1
            return "500"
        return await super()._gate()


async def main(chats: int, outage: float, lost_commits: float) -> None:
    logging.disable(logging.ERROR)  # the outage's warnings are the point, not news
    fake = await Outage(TOKEN).start_server()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            ROOT / "config.yml",
            database={"url": f"sqlite+aiosqlite:///{tmp}/bench.db"},
            telegram={"token": TOKEN, "webhook_secret": SECRET, "mode": "webhook",
                      "api_base": fake.url, "timeout_seconds": 2},
        )  # fmt: skip
        sapar = build(settings)
        lost = _lose_commits(sapar.outbox, lost_commits)
        await sapar.start()
        fake.until = time.monotonic() + outage
        started = time.monotonic()
        transport = httpx.ASGITransport(app=create_app(sapar))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for chat in range(chats):
                update = tg_text(chat + 1, 5000 + chat, 1, "Здравствуйте")
                headers = {"x-telegram-bot-api-secret-token": SECRET}
                response = await http.post("/telegram/webhook", json=update, headers=headers)
                assert response.status_code == 200, response.status_code
        counts = await _settled(sapar)
        drained = time.monotonic() - started
        expected: dict[str, list[str]] = {}
        for chat_id, text in await _rows(sapar):
            expected.setdefault(chat_id, []).append(text)
        await sapar.stop()
    await fake.stop()
    missing, duplicated, disordered = tally(expected, fake.delivered)
    replies = sum(map(len, expected.values()))
    print(
        f"{replies} replies in {chats} chats, {outage:.0f} s of 500s ({fake.failures} refused "
        f"sends), {lost['n']} 'sent' commits lost after the platform accepted → "
        f"lost {missing}, duplicated {duplicated}, out of order {disordered}, "
        f"dead {counts.get('dead', 0)}; all settled {drained:.0f} s after the outage began"
    )


def _lose_commits(outbox: Any, share: float) -> dict[str, int]:
    lost = {"n": 0}
    original = outbox.sent

    async def sent(row_id: int, external_id: str | None) -> None:
        if random.random() < share:
            lost["n"] += 1
            raise ConnectionError("connection lost after the platform accepted the reply")
        await original(row_id, external_id)

    outbox.sent = sent  # the service the sender settles through, for this run only
    return lost


async def _settled(sapar: Any) -> dict[str, int]:
    while True:
        counts: dict[str, int] = await sapar.outbox.counts()
        if not counts.get("pending") and not counts.get("sending"):
            return counts
        await asyncio.sleep(0.5)


async def _rows(sapar: Any) -> list[tuple[str, str]]:
    async with sapar.db.transaction() as session:
        rows = await session.scalars(select(OutboxRow).order_by(OutboxRow.id))
        return [(r.chat_id, str(r.payload["text"])) for r in rows]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--outage", type=float, default=150.0)
    parser.add_argument("--lost-commits", type=float, default=0.05)
    args = parser.parse_args()
    asyncio.run(main(args.chats, args.outage, args.lost_commits))

"""Issue 17: a shared location gives the numbers of where the person is, and is kept nowhere.

The Telegram and WhatsApp fixtures' locations are sent through the webhooks (on SQLite and,
when configured, PostgreSQL); afterwards no table and no log line holds the coordinates, and
the transcript's row says only that a location arrived.
"""

from __future__ import annotations

import copy
import json
import logging
import time
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.models import Message
from tests.channels.conftest import FIXTURES, Running
from tests.channels.fakes import FakeGraph, FakeTelegram
from tests.regressions.test_issue_18_forget_leaves_nothing import every_row

ISTANBUL = {"latitude": 41.008238, "longitude": 28.978359}
TRACES = ("41.899977", "12.501028", "41.008238", "28.978359", "41.89", "28.97")


def whatsapp_location() -> Any:
    raw = json.loads((FIXTURES / "whatsapp" / "message.json").read_text())["current_location"]
    payload = copy.deepcopy(raw)
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message["location"] = dict(ISTANBUL)
    message["timestamp"] = str(int(time.time()))  # inside WhatsApp's 24-hour window
    return payload


async def test_issue_17_a_location_is_answered_and_its_coordinates_not_kept(
    inbound: Running,
    fake_telegram: FakeTelegram,
    fake_graph: FakeGraph,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    telegram = json.loads((FIXTURES / "telegram" / "location.json").read_text())  # Rome

    assert (await inbound.telegram(telegram)).status_code == 200
    assert (await inbound.whatsapp(whatsapp_location())).status_code == 200
    await inbound.settled()

    content = inbound.sapar.content.current
    rome = "\n".join(fake_telegram.delivered["12345"])
    assert content.text("location_unknown", "ky") in rome  # outside every country with numbers
    assert content.text("ask_country", "ky") in rome
    istanbul = "\n".join(fake_graph.delivered["972987654321"])
    assert "157" in istanbul and content.hotlines["TR"]["name"]["ky"] in istanbul

    async with inbound.sapar.db.engine.connect() as conn:
        rows = await conn.run_sync(every_row)
    kept = {
        t: [line for line in lines if any(x in line for x in TRACES)] for t, lines in rows.items()
    }
    assert {t: lines for t, lines in kept.items() if lines} == {}
    assert not [r.getMessage() for r in caplog.records if any(x in r.getMessage() for x in TRACES)]
    async with inbound.sapar.db.transaction() as session:
        found = await session.scalars(select(Message).where(Message.direction == "in"))
        assert [(m.text, m.payload) for m in found] == [("", {"media": "location"})] * 2

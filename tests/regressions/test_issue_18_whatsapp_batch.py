"""Issue 18: a WhatsApp notification's messages were received one after the other.

200 messages took 6.3 s (Meta waits for the answer), and one that failed stopped the rest:
every retry of the call failed on it again while the others waited. Now chats go side by
side (in order within a chat), and a failure leaves the others stored; the call is answered
500 so that Meta sends it again, and the retry stores only what is missing.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from typing import Any

import pytest

from bot.types import UserMessage
from tests.channels.conftest import Running, report, wa_text
from tests.regressions.issue18 import inbound_texts, seen_ids


def _batch(chats: int, per_chat: int) -> Any:
    payload = wa_text("996700000000", "wamid.x", "")
    value = payload["entry"][0]["changes"][0]["value"]
    value["messages"] = [
        wa_text(f"9967000{c:05d}", f"wamid.b{c}.{n}", f"Салам {n}")["entry"][0]["changes"][0][
            "value"
        ]["messages"][0]
        for n in range(per_chat)
        for c in range(chats)
    ]
    return payload


async def test_issue_18_whatsapp_batch_one_bad_message_does_not_block_the_rest(
    inbound: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = inbound.sapar.conversations
    receive, failed_once = conversations.receive, set[str]()

    async def flaky(message: UserMessage) -> Any:
        if message.external_id == "wamid.b0.1" and message.external_id not in failed_once:
            failed_once.add(message.external_id)
            raise RuntimeError("the database went away for this one")
        return await receive(message)

    monkeypatch.setattr(conversations, "receive", flaky)
    payload = _batch(chats=3, per_chat=3)

    first = await inbound.whatsapp(payload)
    stored_first = sorted(await seen_ids(inbound, "whatsapp"))
    again = await inbound.whatsapp(payload)

    assert (first.status_code, again.status_code) == (500, 200)
    assert len(stored_first) == 8 and "wamid.b0.1" not in stored_first
    assert len(await seen_ids(inbound, "whatsapp")) == 9
    assert len(await inbound_texts(inbound)) == 9  # the retry stored nothing twice


async def test_issue_18_whatsapp_batch_chats_run_side_by_side_in_order(
    inbound: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = inbound.sapar.conversations
    receive = conversations.receive
    order: dict[str, list[str]] = defaultdict(list)
    running, most = 0, 0

    async def watched(message: UserMessage) -> Any:
        nonlocal running, most
        running += 1
        most = max(most, running)
        order[message.key.chat_id].append(message.external_id)
        try:
            await asyncio.sleep(0.005)  # a database round trip's worth: room to overlap
            return await receive(message)
        finally:
            running -= 1

    monkeypatch.setattr(conversations, "receive", watched)
    started = time.perf_counter()
    response = await inbound.whatsapp(_batch(chats=20, per_chat=10))
    took = time.perf_counter() - started

    report(f"whatsapp: 200 messages of 20 chats received in {took:.2f} s, {most} at a time")
    assert response.status_code == 200
    assert most > 1
    assert len(order) == 20
    for chat, ids in order.items():
        c = int(chat[-5:])
        assert ids == [f"wamid.b{c}.{n}" for n in range(10)]
    assert len(await seen_ids(inbound, "whatsapp")) == 200

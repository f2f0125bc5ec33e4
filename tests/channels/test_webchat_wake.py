"""Two processes on one PostgreSQL database: a reply sent by one wakes a poll held by the other.

The poll waits a minute unless woken; the guard is far shorter, so a pass means the NOTIFY
woke it (the assertion is on the bell, not on a measured time).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.channels.conftest import Running, settings_for

GUARD = 20.0
LONG_POLL = 60.0


async def test_a_reply_sent_by_one_process_wakes_a_poll_in_another(
    database_url: str, tmp_path: Path, start: Callable[[Any], Awaitable[Running]]
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("one process per SQLite database: its in-process bell is the whole story")
    base = settings_for(tmp_path, database_url=database_url)
    settings = base.model_copy(
        update={"web": base.web.model_copy(update={"long_poll_seconds": LONG_POLL})}
    )
    sending = await start(settings)
    polling = await start(settings)
    await polling.sapar.sender.stop()  # only the other process delivers
    await sending.http.get("/")
    polling.http.cookies = sending.http.cookies  # one browser, its requests on two processes

    wakeups = polling.sapar.transcripts.wakeups
    rung: list[str] = []
    ring_here = wakeups.ring_here

    def spy(chat: str) -> None:
        rung.append(chat)
        ring_here(chat)

    wakeups.ring_here = spy  # type: ignore[method-assign]  # what the LISTEN hands on, recorded
    poll = asyncio.create_task(polling.http.get("/webchat/api/updates", params={"after": 0}))
    async with asyncio.timeout(GUARD):
        while wakeups.waiting < 1:
            await asyncio.sleep(0.01)
    posted = await sending.http.post(
        "/webchat/api/messages", json={"client_id": "two-proc-0001", "text": "Здравствуйте"}
    )
    assert posted.status_code == 202
    first = (await asyncio.wait_for(poll, GUARD)).json()
    assert first["messages"], "the poll ended without the reply"
    assert rung and set(rung) == {rung[0]} and rung[0].startswith("webchat:")  # by NOTIFY

    # The rest of the replies, in order and once each, as the history has them.
    lines, cursor = list(first["messages"]), first["cursor"]
    await sending.settled()
    history = (await polling.http.get("/webchat/api/history")).json()
    replies = [m for m in history["messages"] if m["direction"] == "out"]
    if cursor < history["cursor"]:  # else the next poll would wait its whole minute
        rest = await polling.http.get("/webchat/api/updates", params={"after": cursor})
        lines += rest.json()["messages"]
    assert [m["id"] for m in lines] == [m["id"] for m in replies]
    assert len({m["id"] for m in lines}) == len(lines) >= 2

"""Live updates: the event stream, events from escalations, LISTEN/NOTIFY across processes."""

from __future__ import annotations

import asyncio
import json

from bot.app import Sapar
from bot.console.views_live import event_stream
from bot.services.operators.events import Broadcaster, LiveEvent
from tests.conftest import DatabaseFactory
from tests.console.conftest import hand_over

TIMEOUT = 10.0


async def test_the_stream_says_hello_then_carries_events(sapar: Sapar) -> None:
    live = Broadcaster(sapar.db)
    stream = event_stream(live, seconds=30)
    first = await asyncio.wait_for(anext(stream), TIMEOUT)
    assert "retry: 1000" in first and "event: hello" in first
    await live.publish(LiveEvent("queue", 7, 3, emergency=True, new=True))
    chunk = await asyncio.wait_for(anext(stream), TIMEOUT)
    assert chunk.startswith("event: queue\n") and '"emergency":true' in chunk
    await stream.aclose()


async def test_a_handover_is_announced_to_consoles_without_user_words(
    app: object, sapar: Sapar
) -> None:
    live = app.state.console.live  # type: ignore[attr-defined]
    async with live.subscribe() as queue:
        handoff_id = await hand_over(sapar, "/operator")
        event = await asyncio.wait_for(queue.get(), TIMEOUT)
    assert (event.kind, event.handoff_id, event.new) == ("queue", handoff_id, True)
    values = json.loads(event.to_json())
    assert all(v is None or isinstance(v, int) for k, v in values.items() if k != "kind")


async def test_events_cross_processes_through_postgres(pg_databases: DatabaseFactory) -> None:
    first = await pg_databases.create()
    sender, receiver = Broadcaster(first), Broadcaster(pg_databases.open())
    try:
        async with receiver.subscribe() as queue:
            connected = await asyncio.wait_for(queue.get(), TIMEOUT)
            assert connected.kind == "resync"  # the LISTEN connection is up
            await sender.publish(LiveEvent("chat", 5, 9, operator_id=2))
            event = await asyncio.wait_for(queue.get(), TIMEOUT)
        assert event == LiveEvent("chat", 5, 9, operator_id=2)
    finally:
        await receiver.stop()
        await sender.stop()

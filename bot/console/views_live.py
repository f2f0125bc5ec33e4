"""Live updates for the console as server-sent events.

Each response lasts `operators.live_stream_seconds` and the browser reconnects at once, so
a logout or a disabled account stops the stream soon, and a server shutdown never waits
long. Every (re)connection starts with `hello`, on which the page refetches what it shows:
nothing missed between two connections stays missed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from bot.services.operators.events import Broadcaster
from bot.web.deps import ConsoleDep, Operator

router = APIRouter(prefix="/console", include_in_schema=False)
PING_SECONDS = 5.0


async def event_stream(live: Broadcaster, seconds: float) -> AsyncGenerator[str, None]:
    """`retry`, `hello`, then each event (and keep-alive comments) until `seconds` pass."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    async with live.subscribe() as queue:
        yield "retry: 1000\n\nevent: hello\ndata: {}\n\n"
        while (remaining := deadline - loop.time()) > 0:
            try:
                event = await asyncio.wait_for(queue.get(), min(remaining, PING_SECONDS))
            except TimeoutError:
                yield ": ping\n\n"
                continue
            yield f"event: {event.kind}\ndata: {event.to_json()}\n\n"


@router.get("/events")
async def events(request: Request, console: ConsoleDep, me: Operator) -> StreamingResponse:
    seconds = console.settings.operators.live_stream_seconds
    return StreamingResponse(
        event_stream(console.live, seconds),
        media_type="text/event-stream",
        headers={"cache-control": "no-store", "x-accel-buffering": "no"},
    )

"""A fake Telegram Bot API for the webhook comparison: answers every method, records sends.

    python bench/compare/fake_api.py PORT

`sendMessage` gets a real-looking Message back and is recorded (chat, text, monotonic time:
CLOCK_MONOTONIC is one clock for every process of the machine, so the bench can compare it
with its own). Every other method answers `true`, except `getMe`. `GET /stats?since=N` gives
the sends recorded from index N on; `POST /reset` forgets them.
"""

from __future__ import annotations

import html
import itertools
import sys
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

SENDS: list[tuple[str, str, float]] = []  # (chat id, text, time.monotonic())
MESSAGE_IDS = itertools.count(1)
ME = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}


async def method(request: Request) -> JSONResponse:
    name = request.path_params["method"]
    if request.headers.get("content-type", "").startswith("application/json"):
        data: dict[str, Any] = await request.json()
    else:
        data = dict(await request.form())
    if name.lower() == "getme":
        return JSONResponse({"ok": True, "result": ME})
    if name.lower() != "sendmessage":
        return JSONResponse({"ok": True, "result": True})
    chat, text = str(data.get("chat_id")), html.unescape(str(data.get("text", "")))
    SENDS.append((chat, text, time.monotonic()))
    result = {
        "message_id": next(MESSAGE_IDS),
        "date": int(time.time()),
        "chat": {"id": int(chat), "type": "private"},
        "from": ME,
        "text": text,
    }
    return JSONResponse({"ok": True, "result": result})


async def stats(request: Request) -> JSONResponse:
    since = int(request.query_params.get("since", "0"))
    return JSONResponse({"count": len(SENDS), "sends": SENDS[since:]})


async def reset(_request: Request) -> JSONResponse:
    SENDS.clear()
    return JSONResponse({"count": 0})


app = Starlette(
    routes=[
        Route("/stats", stats),
        Route("/reset", reset, methods=["POST"]),
        Route("/bot{token}/{method}", method, methods=["GET", "POST"]),
    ]
)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")

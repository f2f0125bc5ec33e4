"""The bare bot Sapar is compared with: aiogram 3 echo handler behind FastAPI and uvicorn.

    python bench/compare/echo_bot.py PORT API_BASE

What a tutorial's webhook bot does: validate the update, feed it to the dispatcher, whose
handler sends the text back before the webhook answers 200. No database, no state.
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message, Update
from fastapi import FastAPI, Request, Response

TOKEN = "1:bench"
SECRET = "bench-secret"


def create(api_base: str) -> FastAPI:
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)))
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "?")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    app = FastAPI()

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"ok": True}

    @app.post("/telegram/webhook")
    async def webhook(request: Request) -> Response:
        if request.headers.get("x-telegram-bot-api-secret-token") != SECRET:
            return Response(status_code=401)
        update = Update.model_validate(await request.json(), context={"bot": bot})
        await dispatcher.feed_update(bot, update)
        return Response(status_code=200)

    return app


if __name__ == "__main__":
    port, api_base = int(sys.argv[1]), sys.argv[2]
    uvicorn.run(create(api_base), host="127.0.0.1", port=port, log_level="warning")

"""A Sapar on the fakes with its console: voice notes in, the operator's player, close, gone."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from bot.app import build
from bot.storage.handoffs import Handoff
from bot.storage.models import Message
from bot.storage.voice_notes import VoiceNote
from bot.web.app import create_app
from tests.channels.conftest import Running, wa_text
from tests.console.conftest import PASSWORD, csrf_of

# Ogg's capture pattern, then nothing: enough for a store and a player's type.
OGG = b"OggS\x00\x02" + bytes(4090)


@dataclass
class Voiced:
    """The running bot, its web app (console included) and an operator signed in."""

    running: Running
    app: FastAPI
    operator: httpx.AsyncClient
    stranger: httpx.AsyncClient

    @property
    def sapar(self) -> Any:
        return self.running.sapar

    def said(self, key: str) -> set[str]:
        content = self.sapar.content.current
        return {content.text(key, lang) for lang in ("ky", "ru")}

    async def handoff_id(self) -> int:
        async with self.sapar.db.transaction() as session:
            return int(await session.scalar(select(func.max(Handoff.id))) or 0)

    async def refs(self) -> list[str]:
        """The kept voice notes' refs, from the user's lines in the transcript."""
        async with self.sapar.db.transaction() as session:
            rows = await session.scalars(select(Message).where(Message.direction == "in"))
            return [str(m.payload["voice_ref"]) for m in rows if "voice_ref" in m.payload]

    async def stored(self) -> int:
        async with self.sapar.db.transaction() as session:
            return int(await session.scalar(select(func.count()).select_from(VoiceNote)) or 0)

    async def close(self, handoff_id: int) -> None:
        token = await csrf_of(self.operator, "/console")
        for action, data in (("claim", {}), ("close", {"outcome": "advised"})):
            answer = await self.operator.post(
                f"/console/chats/{handoff_id}/{action}", data={"csrf_token": token, **data}
            )
            assert answer.status_code == 303, answer.text


def _client(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="https://testserver")


async def voiced(settings: Any) -> AsyncIterator[Voiced]:
    """Start Sapar from `settings`, sign an operator in; everything stops afterwards."""
    sapar = build(settings)
    await sapar.start()
    app = create_app(sapar)
    http, operator, stranger = _client(app), _client(app), _client(app)
    try:
        await app.state.console.staff.add("opvoice", PASSWORD, "operator")
        token = await csrf_of(operator, "/console/login")
        form = {"username": "opvoice", "password": PASSWORD, "csrf_token": token}
        assert (await operator.post("/console/login", data=form)).status_code == 303
        yield Voiced(Running(sapar, http), app, operator, stranger)
    finally:
        for client in (http, operator, stranger):
            await client.aclose()
        await sapar.stop()


def tg_voice(update_id: int, chat: int, file_id: str, size: int | None = None) -> Any:
    """A Telegram voice note (Ogg Opus, as Telegram records it)."""
    user = {"id": chat, "is_bot": False, "first_name": "T", "language_code": "ru"}
    voice = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 4}
    voice |= {"mime_type": "audio/ogg"} | ({"file_size": size} if size else {})
    message = {"message_id": update_id, "from": user, "date": int(time.time()), "voice": voice}
    chat_of = {"id": chat, "first_name": "T", "type": "private"}
    return {"update_id": update_id, "message": message | {"chat": chat_of}}


def tg_button(update_id: int, chat: int, data: str) -> Any:
    user = {"id": chat, "is_bot": False, "first_name": "T", "language_code": "ru"}
    query = {"id": f"cb{update_id}", "from": user, "chat_instance": "ci", "data": data}
    return {"update_id": update_id, "callback_query": query}


def wa_voice(wa_id: str, message_id: str, media_id: str) -> Any:
    """A WhatsApp voice note (`audio` with `voice: true`, Ogg Opus)."""
    payload = wa_text(wa_id, message_id, "")
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["text"]
    audio = {"id": media_id, "mime_type": "audio/ogg; codecs=opus", "sha256": "x", "voice": True}
    message.update({"type": "audio", "audio": audio})
    return payload


Check = Callable[[], Awaitable[bool]]

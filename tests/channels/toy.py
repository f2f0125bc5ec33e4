"""A toy messenger defined only here: one module, registered in a test, to show the protocol.

It takes JSON `{"id", "chat", "text"}` at `POST /toy/webhook` with a shared secret header,
ignores any other kind of update, and "sends" replies by recording them.
"""

from __future__ import annotations

import hmac
from collections import defaultdict
from typing import Any, ClassVar

from fastapi import APIRouter, Request, Response

from bot.channels.boundary import admit
from bot.channels.protocol import ChannelServices
from bot.clock import utcnow
from bot.settings import Settings
from bot.types import ConversationKey, MessageKind, Reply, UserMessage

SECRET = "toy-shared-secret"
SECRET_HEADER = "x-toy-secret"


class ToyDeliverer:
    channel = "toy"

    def __init__(self) -> None:
        self.delivered: defaultdict[str, list[str]] = defaultdict(list)

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        self.delivered[chat_id].append(reply.text)
        return None


class Toy:
    name: ClassVar[str] = "toy"

    def __init__(self, services: ChannelServices) -> None:
        self.services = services
        self._deliverer = ToyDeliverer()
        self.started = self.stopped = False

    @classmethod
    def from_settings(cls, settings: Settings, services: ChannelServices) -> Toy:
        return cls(services)

    @property
    def deliverer(self) -> ToyDeliverer:
        return self._deliverer

    def router(self) -> APIRouter:
        api = APIRouter()

        @api.post("/toy/webhook")
        async def webhook(request: Request) -> Response:
            given = request.headers.get(SECRET_HEADER, "").encode()
            if not hmac.compare_digest(given, SECRET.encode()):
                return Response(status_code=401)
            payload: Any = await request.json()
            if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
                return Response(status_code=200)  # another kind of update: left alone
            message = UserMessage(
                key=ConversationKey(self.name, str(payload["chat"])),
                external_id=str(payload["id"]),
                received_at=utcnow(),
                text=payload["text"],
                kind=MessageKind.TEXT,
            )
            await self.services.conversations.receive(admit(message))
            return Response(status_code=200)

        return api

    async def start(self) -> None:
        self.started = True

    async def stop(self) -> None:
        self.stopped = True

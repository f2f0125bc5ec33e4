"""The browser chat as a channel: always on, its replies wake the page's long poll."""

from __future__ import annotations

from typing import ClassVar

from fastapi import APIRouter

from bot.channels.protocol import ChannelServices
from bot.channels.webchat import pictures
from bot.channels.webchat.admission import NewChatLimit
from bot.channels.webchat.api import CHANNEL, WebchatHub, router
from bot.settings import Settings, WebchatSettings


class Webchat:
    """The web chat at `/`: no secrets, so it runs on every machine (the default channel)."""

    name: ClassVar[str] = CHANNEL

    def __init__(
        self,
        services: ChannelServices,
        *,
        long_poll_seconds: float,
        new_chats: NewChatLimit | None = None,
        picture_bytes: int = 10_485_760,
    ) -> None:
        self.services = services
        self.long_poll_seconds = long_poll_seconds
        self.picture_bytes = picture_bytes
        self.hub = WebchatHub(services.transcripts)
        self.new_chats = new_chats or _new_chat_limit(WebchatSettings())

    @classmethod
    def from_settings(cls, settings: Settings, services: ChannelServices) -> Webchat:
        return cls(
            services,
            long_poll_seconds=settings.web.long_poll_seconds,
            new_chats=_new_chat_limit(settings.webchat),
            picture_bytes=settings.pictures.max_bytes,
        )

    @property
    def deliverer(self) -> WebchatHub:
        return self.hub

    def router(self) -> APIRouter:
        services = self.services
        api = APIRouter()
        api.include_router(
            router(
                services.conversations,
                services.transcripts,
                self.new_chats,
                long_poll_seconds=self.long_poll_seconds,
            )
        )
        api.include_router(
            pictures.router(
                services.conversations,
                services.transcripts,
                self.new_chats,
                services.pictures,
                max_bytes=self.picture_bytes,
            )
        )
        return api

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self.services.transcripts.wakeups.stop()  # its LISTEN connection, if any


def _new_chat_limit(limits: WebchatSettings) -> NewChatLimit:
    return NewChatLimit(limits.new_chats_per_window, limits.new_chats_window_seconds)

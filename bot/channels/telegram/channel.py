"""Telegram as a channel: on when SAPAR_TELEGRAM__TOKEN is set; webhook or long polling.

aiogram is imported only once the channel is switched on: building its ~300 pydantic types
takes seconds of a cold start (`python -X importtime -c "import bot.app"`) and tens of MB
that a web-chat-only deployment never uses.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar

from fastapi import APIRouter

from bot.channels.protocol import ChannelServices
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.channels.telegram.outbound import TelegramDeliverer
    from bot.channels.telegram.polling import TelegramRunner
    from bot.channels.telegram.topics import TelegramTopics
    from bot.channels.telegram.updates import TelegramUpdates

log = logging.getLogger(__name__)


class Telegram:
    """The Bot API client, the update handling shared by webhook and polling, the runner."""

    name: ClassVar[str] = "telegram"

    def __init__(self, updates: TelegramUpdates, runner: TelegramRunner) -> None:
        self.updates = updates
        self.runner = runner

    @classmethod
    def from_settings(cls, settings: Settings, services: ChannelServices) -> Telegram | None:
        tg = settings.telegram
        if tg.token is None or not tg.token.get_secret_value():
            log.info("telegram channel off: no SAPAR_TELEGRAM__TOKEN")
            return None
        if tg.webhook_secret is None and tg.mode == "webhook":
            log.warning("telegram webhook refuses every update: no SAPAR_TELEGRAM__WEBHOOK_SECRET")
        from bot.channels.telegram.outbound import TelegramDeliverer, make_bot
        from bot.channels.telegram.polling import TelegramRunner
        from bot.channels.telegram.updates import TelegramUpdates

        bot = make_bot(
            tg.token.get_secret_value(), api_base=tg.api_base, timeout=tg.timeout_seconds
        )
        updates = TelegramUpdates(
            bot,
            TelegramDeliverer(bot),
            services.conversations,
            services.pictures,
            download_timeout=settings.pictures.download_timeout_seconds,
            voices=services.voices,
            topics=services.topics,
        )
        return cls(updates, TelegramRunner(updates, tg))

    def topic_port(self) -> TelegramTopics:
        """The Bot API calls of the operators' group's topics, on this channel's client."""
        from bot.channels.telegram.topics import TelegramTopics

        return TelegramTopics(self.updates.bot)

    @property
    def deliverer(self) -> TelegramDeliverer:
        return self.updates.deliverer

    def router(self) -> APIRouter:
        from bot.channels.telegram.updates import router

        secret = self.runner.settings.webhook_secret
        return router(self.updates, secret=secret.get_secret_value() if secret else None)

    async def start(self) -> None:
        self.runner.start()

    async def stop(self) -> None:
        await self.runner.stop()
        await self.updates.deliverer.close()

"""WhatsApp Cloud API as a channel: on with an access token and a phone number id."""

from __future__ import annotations

import logging
from typing import ClassVar

import httpx
from fastapi import APIRouter

from bot.channels.protocol import ChannelServices
from bot.channels.whatsapp.inbound import CHANNEL
from bot.channels.whatsapp.media import WhatsAppPictures
from bot.channels.whatsapp.outbound import WhatsAppDeliverer
from bot.channels.whatsapp.webhook import router
from bot.settings import Settings, WhatsAppSettings

log = logging.getLogger(__name__)


class WhatsApp:
    """The Graph API deliverer and the signed webhook."""

    name: ClassVar[str] = CHANNEL

    def __init__(
        self,
        settings: WhatsAppSettings,
        services: ChannelServices,
        deliverer: WhatsAppDeliverer,
        pictures: WhatsAppPictures | None = None,
    ) -> None:
        self.settings = settings
        self.services = services
        self._deliverer = deliverer
        self.pictures = pictures

    @classmethod
    def from_settings(cls, settings: Settings, services: ChannelServices) -> WhatsApp | None:
        wa = settings.whatsapp
        if wa.access_token is None or not wa.access_token.get_secret_value():
            log.info("whatsapp channel off: no SAPAR_WHATSAPP__ACCESS_TOKEN")
            return None
        if not wa.phone_number_id:
            log.warning("whatsapp channel off: no SAPAR_WHATSAPP__PHONE_NUMBER_ID")
            return None
        if wa.app_secret is None or wa.verify_token is None:
            log.warning("whatsapp webhook refuses every call: set __APP_SECRET and __VERIFY_TOKEN")
        client = httpx.AsyncClient(
            base_url=wa.api_base.rstrip("/") + "/",
            headers={"authorization": f"Bearer {wa.access_token.get_secret_value()}"},
            timeout=wa.timeout_seconds,
        )

        def list_label() -> str:
            texts = services.content.current
            codes = texts.languages.codes
            return " / ".join(texts.text("whatsapp_list_button", lang) for lang in codes)

        deliverer = WhatsAppDeliverer(
            client,
            phone_number_id=wa.phone_number_id,
            window_open=lambda chat_id: services.outbox.reply_window_open(CHANNEL, chat_id),
            list_label=list_label,
        )
        pictures = WhatsAppPictures(
            services.pictures,
            api_base=wa.api_base,
            token=wa.access_token.get_secret_value(),
            timeout=settings.pictures.download_timeout_seconds,
        )
        return cls(wa, services, deliverer, pictures)

    @property
    def deliverer(self) -> WhatsAppDeliverer:
        return self._deliverer

    def router(self) -> APIRouter:
        app_secret, verify = self.settings.app_secret, self.settings.verify_token
        return router(
            self.services.conversations,
            self.services.outbox,
            app_secret=app_secret.get_secret_value() if app_secret else None,
            verify_token=verify.get_secret_value() if verify else None,
            pictures=self.pictures,
            voices=self.services.voices,
        )

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self._deliverer.close()

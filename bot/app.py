"""Composition root: builds every part from Settings. Nothing else constructs them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from bot.channels.base import Deliverer
from bot.channels.outbox import Sender
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_outbound import TelegramDeliverer, make_bot
from bot.channels.telegram_polling import TelegramRunner
from bot.channels.webchat import WebchatHub
from bot.channels.whatsapp_outbound import WhatsAppDeliverer
from bot.engine.nlu.intent import Classifier
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revisions
from bot.services.content.store import ContentStore, load_content
from bot.services.conversation import ConversationService
from bot.services.nlu.model import train_from_data
from bot.services.operators.escalation import Escalations
from bot.services.outbox import OutboxService
from bot.services.transcripts import TranscriptService
from bot.settings import Settings
from bot.storage import migrate
from bot.storage.database import Database

log = logging.getLogger(__name__)


@dataclass
class Sapar:
    """The running bot: database, content, services and the outbox sender."""

    settings: Settings
    db: Database
    content: ContentStore
    conversations: ConversationService
    transcripts: TranscriptService
    outbox: OutboxService
    sender: Sender
    webchat: WebchatHub
    deliverers: dict[str, Deliverer] = field(default_factory=dict)
    migrate_on_start: bool = True
    telegram: TelegramRunner | None = None  # None: no SAPAR_TELEGRAM__TOKEN
    whatsapp: WhatsAppDeliverer | None = None  # None: no SAPAR_WHATSAPP__ACCESS_TOKEN
    live_content: LiveContent | None = None  # content from the database's published revisions

    async def start(self) -> None:
        """Bring the schema up to date and start delivering (also unsent rows of a past run)."""
        if self.migrate_on_start:
            await migrate.upgrade(self.db)
        if self.live_content is not None:
            await self.live_content.start()
        self.sender.start()
        if self.telegram is not None:
            self.telegram.start()
        log.info("Sapar started: channels %s", ", ".join(sorted(self.deliverers)))

    async def stop(self) -> None:
        if self.telegram is not None:
            await self.telegram.stop()
        await self.sender.stop()
        if self.telegram is not None:
            await self.telegram.channel.deliverer.close()
        if self.whatsapp is not None:
            await self.whatsapp.close()
        if self.live_content is not None:
            await self.live_content.stop()
        await self.db.dispose()


def build(
    settings: Settings,
    *,
    extra_deliverers: Mapping[str, Deliverer] | None = None,
    classifier: Callable[[], Classifier | None] | None = None,
) -> Sapar:
    """Wire Sapar from its settings."""
    db = Database(settings.database_url, echo=settings.database.echo)
    content_dir = settings.path(settings.content.dir)
    classify = classifier() if classifier else None
    content = ContentStore(lambda: load_content(content_dir, classify))
    nlu_cache = settings.path(settings.nlu.cache_dir)
    webchat = WebchatHub()
    outbox = OutboxService(db)
    telegram = _telegram_deliverer(settings)
    whatsapp = _whatsapp_deliverer(settings, outbox, content)
    channels: list[Deliverer] = [d for d in (webchat, telegram, whatsapp) if d is not None]
    deliverers = {d.channel: d for d in channels} | dict(extra_deliverers or {})
    sender = Sender(
        outbox, deliverers, settings.outbox, lease=timedelta(seconds=settings.outbox.lease_seconds)
    )
    conversations = ConversationService(
        db,
        lambda: content.current,
        max_chars=settings.web.max_message_chars,
        on_outbox=sender.wake,
        escalations=Escalations(settings.operators),
    )
    return Sapar(
        settings=settings,
        db=db,
        content=content,
        conversations=conversations,
        transcripts=TranscriptService(db),
        outbox=outbox,
        sender=sender,
        webchat=webchat,
        deliverers=deliverers,
        telegram=(
            TelegramRunner(
                TelegramChannel(telegram.bot, telegram, conversations), settings.telegram
            )
            if telegram is not None
            else None
        ),
        whatsapp=whatsapp,
        live_content=LiveContent(
            content,
            Revisions(db),
            content_dir,
            classify=classify,
            trainer=(
                (lambda data: train_from_data(data, nlu_cache, settings.nlu.threshold))
                if classifier
                else None
            ),
        ),
    )


def _telegram_deliverer(settings: Settings) -> TelegramDeliverer | None:
    tg = settings.telegram
    if tg.token is None or not tg.token.get_secret_value():
        log.info("telegram channel off: no SAPAR_TELEGRAM__TOKEN")
        return None
    if tg.webhook_secret is None and tg.mode == "webhook":
        log.warning("telegram webhook refuses every update: no SAPAR_TELEGRAM__WEBHOOK_SECRET")
    bot = make_bot(tg.token.get_secret_value(), api_base=tg.api_base, timeout=tg.timeout_seconds)
    return TelegramDeliverer(bot)


def _whatsapp_deliverer(
    settings: Settings, outbox: OutboxService, content: ContentStore
) -> WhatsAppDeliverer | None:
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
        texts = content.current
        return " / ".join(texts.text("whatsapp_list_button", lang) for lang in ("ky", "ru"))

    return WhatsAppDeliverer(
        client,
        phone_number_id=wa.phone_number_id,
        window_open=lambda chat_id: outbox.reply_window_open("whatsapp", chat_id),
        list_label=list_label,
    )

"""Composition root: builds every part from Settings. Nothing else constructs them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from bot.channels import registry
from bot.channels.delivery.base import Deliverer
from bot.channels.delivery.sender import Sender
from bot.channels.protocol import Channel, ChannelServices
from bot.channels.telegram.channel import Telegram
from bot.engine.nlu.intent import Classifier
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revisions
from bot.services.content.store import ContentStore, load_content
from bot.services.conversation import ConversationService
from bot.services.metrics import Metrics
from bot.services.nlu.model import train_from_data
from bot.services.operators.escalation import Escalations
from bot.services.operators.topic_setup import topic_room
from bot.services.operators.topics import TopicRoom
from bot.services.outbox import OutboxService
from bot.services.pictures.reader import PictureReader
from bot.services.reported_contacts import ReportedContacts, contacts_from_settings
from bot.services.retention import RetentionService, notice_disagrees
from bot.services.retention_job import PurgeJob
from bot.services.transcripts import TranscriptService
from bot.services.voices.keeper import VoiceKeeper
from bot.settings import Settings
from bot.storage import migrate
from bot.storage.database import Database
from bot.storage.voice_store import SqlVoiceStore

log = logging.getLogger(__name__)


@dataclass
class Sapar:
    """The running bot: database, content, services, channels and the outbox sender."""

    settings: Settings
    db: Database
    content: ContentStore
    conversations: ConversationService
    transcripts: TranscriptService
    outbox: OutboxService
    sender: Sender
    channels: dict[str, Channel] = field(default_factory=dict)  # the registry's, switched on
    deliverers: dict[str, Deliverer] = field(default_factory=dict)  # channels' and extras
    migrate_on_start: bool = True
    live_content: LiveContent | None = None  # content from the database's published revisions
    metrics: Metrics = field(default_factory=Metrics)  # this app's own Prometheus registry
    purge_job: PurgeJob | None = None  # deletes conversations idle past privacy.retention_days
    contacts: ReportedContacts | None = None  # recruiters reported before; off without a key
    pictures: PictureReader | None = None  # reads photos' text; says why when it cannot
    voices: VoiceKeeper | None = None  # held chats' voice notes, for the console's player
    topics: TopicRoom | None = None  # hand-offs as topics of the operators' Telegram group

    async def start(self) -> None:
        """Bring the schema up to date and start delivering (also unsent rows of a past run)."""
        if self.migrate_on_start:
            await migrate.upgrade(self.db)
        if self.live_content is not None:
            await self.live_content.start()
        days = self.settings.privacy.retention_days
        for language in notice_disagrees(self.content.current, days):
            log.warning(
                "the privacy notice (welcome, %s) does not state privacy.retention_days (%s): "
                "change the text or the setting", language, days,
            )  # fmt: skip
        self.sender.start()
        if self.purge_job is not None:
            self.purge_job.start()
        for channel in self.channels.values():
            await channel.start()
        log.info("Sapar started: channels %s", ", ".join(sorted(self.deliverers)))

    async def stop(self) -> None:
        if self.purge_job is not None:
            await self.purge_job.stop()
        if self.topics is not None:
            await self.topics.stop()
        await self.sender.stop()
        for channel in self.channels.values():
            await channel.stop()
        if self.live_content is not None:
            await self.live_content.stop()
        await self.db.dispose()


def build(
    settings: Settings,
    *,
    extra_deliverers: Mapping[str, Deliverer] | None = None,
    classifier: Callable[[], Classifier | None] | None = None,
) -> Sapar:
    """Wire Sapar from its settings; the channels are the registry's that settings switch on."""
    db = Database(settings.database_url, echo=settings.database.echo)
    content_dir = settings.path(settings.content.dir)
    classify = classifier() if classifier else None
    content = ContentStore(lambda: load_content(content_dir, classify))
    nlu_cache = settings.path(settings.nlu.cache_dir)
    outbox = OutboxService(db)
    metrics = Metrics()
    contacts = contacts_from_settings(settings)
    conversations = ConversationService(
        db,
        lambda: content.current,
        max_chars=settings.web.max_message_chars,
        escalations=Escalations(settings.operators),
        metrics=metrics,
        contacts=contacts,
    )
    services = _services(db, settings, conversations, outbox, content)
    channels = _channels(settings, services)
    deliverers = {name: c.deliverer for name, c in channels.items()} | dict(extra_deliverers or {})
    sender = Sender(
        outbox, deliverers, settings.outbox, lease=timedelta(seconds=settings.outbox.lease_seconds)
    )
    conversations.on_outbox = sender.wake  # the sender needs the channels, they the service
    sender.on_settled = metrics.delivered
    metrics.channels(deliverers)
    return Sapar(
        settings=settings,
        db=db,
        content=content,
        conversations=conversations,
        transcripts=services.transcripts,
        outbox=outbox,
        sender=sender,
        channels=channels,
        deliverers=deliverers,
        metrics=metrics,
        contacts=contacts,
        pictures=services.pictures,
        voices=services.voices,
        topics=(topics := _plug_topics(services.topics, channels, sender)),
        purge_job=_purge_job(db, settings, topics),
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


def _channels(settings: Settings, services: ChannelServices) -> dict[str, Channel]:
    """Every registered channel that its settings switch on, by name."""
    built = (kind.from_settings(settings, services) for kind in registry.CHANNELS)
    return {channel.name: channel for channel in built if channel is not None}


def _services(
    db: Database,
    settings: Settings,
    conversations: ConversationService,
    outbox: OutboxService,
    content: ContentStore,
) -> ChannelServices:
    """What channels use; a withdrawal or /forget deletes a chat's kept voice notes."""
    voices = VoiceKeeper(db, SqlVoiceStore(db), settings.voice)
    conversations.escalations.listeners.append(voices.on_event)
    pictures = PictureReader(settings.pictures)
    return ChannelServices(
        conversations, TranscriptService(db), outbox, content, pictures, voices,
        topics=topic_room(db, settings.operators, conversations.escalations, content),
    )  # fmt: skip


def _plug_topics(
    room: TopicRoom | None, channels: Mapping[str, Channel], sender: Sender
) -> TopicRoom | None:
    """The topics room gets the Telegram channel's Bot API client and the sender to wake."""
    telegram = channels.get("telegram")
    if room is not None and not isinstance(telegram, Telegram):
        log.warning("operators.topics_telegram_chat is set but Telegram is off: no topics")
    if room is None or not isinstance(telegram, Telegram):
        return None
    room.port, room.desk.wake = telegram.topic_port(), sender.wake
    return room


def _purge_job(db: Database, settings: Settings, topics: TopicRoom | None) -> PurgeJob:
    """Retention, which also deletes a deleted conversation's topics from the operators' group."""
    forgotten = topics.forgotten if topics is not None else None
    return PurgeJob(RetentionService(db, settings.privacy, forgotten=forgotten))

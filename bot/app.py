"""Composition root: builds every part from Settings. Nothing else constructs them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.channels.base import Deliverer
from bot.channels.outbox import Sender
from bot.channels.webchat import WebchatHub
from bot.engine.content import Classifier
from bot.services.content import ContentStore, load_content
from bot.services.conversation import ConversationService
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

    async def start(self) -> None:
        """Bring the schema up to date and start delivering (also unsent rows of a past run)."""
        if self.migrate_on_start:
            await migrate.upgrade(self.db)
        self.sender.start()
        log.info("Sapar started: channels %s", ", ".join(sorted(self.deliverers)))

    async def stop(self) -> None:
        await self.sender.stop()
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
    webchat = WebchatHub()
    deliverers: dict[str, Deliverer] = {webchat.channel: webchat, **(extra_deliverers or {})}
    outbox = OutboxService(db)
    sender = Sender(outbox, deliverers, settings.outbox)
    conversations = ConversationService(
        db,
        lambda: content.current,
        max_chars=settings.web.max_message_chars,
        on_outbox=sender.wake,
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
    )

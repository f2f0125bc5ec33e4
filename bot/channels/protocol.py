"""What a channel is to the composition root: a name, its settings, a router, a deliverer.

Adding a messenger is one package implementing `Channel` plus one line in `registry.py`;
`bot.app` and `bot.web.app` wire every registered channel the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from fastapi import APIRouter

from bot.channels.delivery.base import Deliverer
from bot.services.content.store import ContentStore
from bot.services.conversation import ConversationService
from bot.services.operators.topics import TopicRoom
from bot.services.outbox import OutboxService
from bot.services.pictures.reader import PictureReader
from bot.services.transcripts import TranscriptService
from bot.services.voices.keeper import VoiceKeeper
from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class ChannelServices:
    """What a channel may use: the one way in, transcripts, the outbox, the live texts, and
    the reader of pictures' text (None: pictures are answered as unread), and the keeper of
    held chats' voice notes (None: voice notes are answered, never kept), and the operators'
    group's topics (None: off)."""

    conversations: ConversationService
    transcripts: TranscriptService
    outbox: OutboxService
    content: ContentStore
    pictures: PictureReader | None = None
    voices: VoiceKeeper | None = None
    topics: TopicRoom | None = None


class Channel(Protocol):
    """One messenger: payloads in through its router, replies out through its deliverer."""

    name: ClassVar[str]

    @classmethod
    def from_settings(cls, settings: Settings, services: ChannelServices) -> Channel | None:
        """The channel as configured, or None (logged) when its settings switch it off."""
        ...

    @property
    def deliverer(self) -> Deliverer:
        """Sends replies to this channel's chats (used by the outbox sender)."""
        ...

    def router(self) -> APIRouter | None:
        """Its web routes (webhooks, API), or None when it takes no HTTP calls."""
        ...

    async def start(self) -> None:
        """Begin taking messages in (polling, webhook registration); after the sender starts."""
        ...

    async def stop(self) -> None:
        """Stop taking messages in and release its clients; after the sender stops."""
        ...

"""A voice note in a held chat → its audio kept for the operator, until the hand-off ends.

No offline speech recognition for Kyrgyz or Russian ships in a registry package, so the
engine answers a voice note kindly and, while an operator has (or is about to take) the
chat, the audio is downloaded — at most `voice.max_bytes` — and kept under a random ref for
the console's player. Every change of the queue (a close, a withdrawal, /forget) is checked:
once the chat is no longer held, its voice notes are deleted.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field, replace

from bot.services.operators.events import LiveEvent
from bot.services.pictures.reader import DownloadFailed, Fetch, TooLarge
from bot.services.turn import HELD, Outcome
from bot.settings.voice import VoiceSettings
from bot.storage import conversations
from bot.storage.database import Database
from bot.storage.voice_store import KeptVoice, VoiceStore
from bot.types import ConversationStatus, Media, UserMessage, Voice, VoiceOutcome

log = logging.getLogger(__name__)
MIME_TYPE = "mime_type"  # meta key: the audio's type as the platform announced it
DEFAULT_TYPE = "audio/ogg"  # Telegram's voice notes and WhatsApp's are Ogg Opus
_TYPES = ("audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr", "audio/wav")


@dataclass(frozen=True, slots=True)
class Taken:
    """A voice note on its way: the message for the engine, the audio to keep after it."""

    message: UserMessage
    audio: bytes | None = field(default=None, repr=False)


def content_type(announced: object) -> str:
    """The type the console serves: the platform's, if it is a known audio type."""
    if isinstance(announced, str):
        base = announced.split(";", 1)[0].strip().lower()
        if base in _TYPES:
            return announced.strip().lower() if base == "audio/ogg" else base
    return DEFAULT_TYPE


class VoiceKeeper:
    """Downloads, keeps and deletes voice notes; the console plays them from `store`."""

    def __init__(self, db: Database, store: VoiceStore, settings: VoiceSettings) -> None:
        self.db = db
        self.store = store
        self.settings = settings

    async def held(self, message: UserMessage) -> int | None:
        """The conversation's id while an operator has or awaits it, else None."""
        async with self.db.transaction() as session:
            conv = await conversations.find(session, key=message.key)
            if conv is None or ConversationStatus(conv.status) not in HELD:
                return None
            return conv.id

    async def take(self, message: UserMessage, fetch: Fetch | None) -> Taken:
        """In a held chat, the voice note downloaded and its fate on the message."""
        if message.media is not Media.VOICE or fetch is None or not self.settings.enabled:
            return Taken(message)
        if await self.held(message) is None:
            return Taken(message)
        limit = self.settings.max_bytes
        try:
            async with asyncio.timeout(self.settings.download_timeout_seconds):
                audio = await fetch(limit)
        except TooLarge:
            return Taken(replace(message, voice=Voice(VoiceOutcome.TOO_LARGE)))
        except (DownloadFailed, TimeoutError) as exc:
            log.info("voice note not downloaded: %s", type(exc).__name__)
            return Taken(replace(message, voice=Voice(VoiceOutcome.FAILED)))
        if len(audio) > limit:
            return Taken(replace(message, voice=Voice(VoiceOutcome.TOO_LARGE)))
        voice = Voice(VoiceOutcome.KEPT, secrets.token_urlsafe(16))
        return Taken(replace(message, voice=voice), audio)

    async def settle(self, taken: Taken, outcome: Outcome) -> None:
        """Keep the audio once the message is stored, if the chat is still held."""
        voice = taken.message.voice
        if taken.audio is None or voice is None or outcome.duplicate or not outcome.escalated:
            return
        if outcome.conversation_id is None:
            return
        kind = content_type(taken.message.meta.get(MIME_TYPE))
        await self.store.keep(KeptVoice(voice.ref, outcome.conversation_id, kind, taken.audio))

    async def play(self, ref: str) -> KeptVoice | None:
        """The kept voice note named `ref`, for the console's player; None once it is gone."""
        return await self.store.get(ref)

    async def on_event(self, event: LiveEvent) -> None:
        """A queue change: a chat no longer held loses its voice notes."""
        if event.kind != "queue" or event.conversation_id is None:
            return
        async with self.db.transaction() as session:
            conv = await conversations.get(session, conversation_id=event.conversation_id)
            still_held = conv is not None and ConversationStatus(conv.status) in HELD
        if not still_held:
            await self.store.drop(event.conversation_id)

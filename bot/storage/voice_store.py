"""Where kept voice notes live: one interface, in memory or in the database (aiogram's way:
a `BaseStorage` with `MemoryStorage` beside the real one).

The memory store serves tests and a process that needs nothing to outlive it; the SQL store
is the one `bot.app` builds, so that every process behind a load balancer can play a note.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from bot.storage import voice_notes
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class KeptVoice:
    """A kept voice note: whose chat it belongs to, its type and its bytes."""

    ref: str
    conversation_id: int
    content_type: str
    data: bytes = field(repr=False)


class VoiceStore(ABC):
    """Keeps voice notes by their ref until the conversation's hand-off ends."""

    @abstractmethod
    async def keep(self, voice: KeptVoice) -> None:
        """Store one voice note."""

    @abstractmethod
    async def get(self, ref: str) -> KeptVoice | None:
        """The voice note named `ref`, or None once it is gone."""

    @abstractmethod
    async def drop(self, conversation_id: int) -> None:
        """Delete every voice note of the conversation."""


class MemoryVoiceStore(VoiceStore):
    """In this process only; lost on restart, which loses nothing a person needs."""

    def __init__(self) -> None:
        self.voices: dict[str, KeptVoice] = {}

    async def keep(self, voice: KeptVoice) -> None:
        self.voices[voice.ref] = voice

    async def get(self, ref: str) -> KeptVoice | None:
        return self.voices.get(ref)

    async def drop(self, conversation_id: int) -> None:
        for ref in [r for r, v in self.voices.items() if v.conversation_id == conversation_id]:
            del self.voices[ref]


class SqlVoiceStore(VoiceStore):
    """In the `voice_notes` table, each call its own transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def keep(self, voice: KeptVoice) -> None:
        async with self.db.transaction() as session:
            await voice_notes.add(
                session,
                ref=voice.ref,
                conversation_id=voice.conversation_id,
                content_type=voice.content_type,
                data=voice.data,
            )

    async def get(self, ref: str) -> KeptVoice | None:
        async with self.db.transaction() as session:
            row = await voice_notes.get(session, ref=ref)
            if row is None:
                return None
            return KeptVoice(row.ref, row.conversation_id, row.content_type, row.data)

    async def drop(self, conversation_id: int) -> None:
        async with self.db.transaction() as session:
            await voice_notes.drop(session, conversation_id=conversation_id)

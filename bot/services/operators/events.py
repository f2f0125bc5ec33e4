"""Live updates for consoles: in-process fan-out; on PostgreSQL through LISTEN/NOTIFY.

Events carry ids and flags only, never a user's words: a console that receives one fetches
what it needs through its own authorised requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from typing import Any

from bot.storage import notify
from bot.storage.database import Database

log = logging.getLogger(__name__)
CHANNEL = "sapar_console"
QUEUE_SIZE = 100


@dataclass(frozen=True, slots=True)
class LiveEvent:
    """Something changed: the queue (`queue`), a chat (`chat`), or resync everything."""

    kind: str
    conversation_id: int | None = None
    handoff_id: int | None = None
    emergency: bool = False
    new: bool = False  # a new entry in the queue (or one that just became an emergency)
    operator_id: int | None = None  # the operator it concerns (a transfer's receiver)

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, data: str) -> LiveEvent:
        raw: dict[str, Any] = json.loads(data)
        return cls(**{k: raw[k] for k in raw if k in cls.__dataclass_fields__})


class Broadcaster:
    """Hands each published event to every subscriber in every process."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._queues: set[asyncio.Queue[LiveEvent]] = set()
        self._listener: asyncio.Task[None] | None = None
        self._stopping = False

    @property
    def distributed(self) -> bool:
        return self.db.is_postgres

    async def publish(self, event: LiveEvent) -> None:
        """Send an event (after the transaction that caused it has committed)."""
        if not self.distributed:
            self._fan_out(event)
            return
        try:
            await notify.publish(self.db, CHANNEL, event.to_json())
        except Exception:  # consoles resync on reconnect; a lost event must not fail a reply
            log.exception("could not publish a console event")

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[LiveEvent]]:
        """A queue receiving every event from now until the block ends."""
        if self.distributed and self._listener is None and not self._stopping:
            self._listener = asyncio.create_task(self._listen(), name="console-listen")
        queue: asyncio.Queue[LiveEvent] = asyncio.Queue(QUEUE_SIZE)
        self._queues.add(queue)
        try:
            yield queue
        finally:
            self._queues.discard(queue)

    async def stop(self) -> None:
        self._stopping = True
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None

    def _fan_out(self, event: LiveEvent) -> None:
        for queue in list(self._queues):
            if queue.full():  # a stalled console: tell it to resync instead of growing
                with contextlib.suppress(asyncio.QueueEmpty):
                    while True:
                        queue.get_nowait()
                queue.put_nowait(LiveEvent("resync"))
            else:
                queue.put_nowait(event)

    async def _listen(self) -> None:
        """Hold a LISTEN connection; after a loss, tell consoles to resync."""
        await notify.listen(
            self.db,
            CHANNEL,
            lambda payload: self._fan_out(LiveEvent.from_json(payload)),
            on_connect=lambda: self._fan_out(LiveEvent("resync")),
            should_run=lambda: not self._stopping,
        )

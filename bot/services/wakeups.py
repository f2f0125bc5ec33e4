"""Wake-ups for chats that someone follows: one bell per waiter, rung when a reply is ready.

A waiting long poll sleeps on its own bell instead of asking the database every second. In
one process (SQLite) ringing is setting the bells of that chat. On PostgreSQL a ring is a
NOTIFY, and each process holds one LISTEN connection (`storage.notify.listen`, whose
reconnect loop is shared with the console) that rings its local bells; after a reconnect
every bell rings once, so a waiter looks again for whatever was sent meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator

from bot.storage import notify
from bot.storage.database import Database

log = logging.getLogger(__name__)
CHANNEL = "sapar_chat_ready"
PER_NOTIFY = 100  # chats named in one NOTIFY (its payload holds at most 8,000 bytes)


class Bell:
    """One waiter's wake-up: rung at most once between two waits."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    @property
    def rung(self) -> bool:
        return self._event.is_set()

    def ring(self) -> None:
        self._event.set()

    async def wait(self, timeout: float) -> bool:
        """Sleep until rung or `timeout` passes; True if rung. The bell is quiet again after."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)
        rung = self._event.is_set()
        self._event.clear()
        return rung


class ChatWakeups:
    """The bells of every chat followed in this process, rung from any process."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._bells: dict[str, set[Bell]] = {}
        self._listener: asyncio.Task[None] | None = None
        self._stopping = False
        self._unsent: dict[str, None] = {}  # chats to name in the next NOTIFY, in order
        self._publisher: asyncio.Task[None] | None = None

    @property
    def distributed(self) -> bool:
        return self.db.is_postgres

    @property
    def waiting(self) -> int:
        """How many waiters hold a bell now (for tests and the bench)."""
        return sum(len(bells) for bells in self._bells.values())

    @contextlib.contextmanager
    def watch(self, chat: str) -> Iterator[Bell]:
        """A bell for `chat` from now until the block ends (take it before looking)."""
        if self.distributed and self._listener is None and not self._stopping:
            self._listener = asyncio.create_task(self._listen(), name="chat-wakeups-listen")
        bell = Bell()
        self._bells.setdefault(chat, set()).add(bell)
        try:
            yield bell
        finally:
            bells = self._bells.get(chat)
            if bells is not None:
                bells.discard(bell)
                if not bells:
                    del self._bells[chat]

    async def ring(self, chat: str) -> None:
        """A reply for `chat` is ready to read: wake its waiters in every process.

        On PostgreSQL the chat joins the next NOTIFY, which one task sends for every chat
        rung meanwhile: the sender's delivery does not wait for a transaction of its own.
        """
        if not self.distributed:
            self.ring_here(chat)
            return
        self._unsent[chat] = None
        if self._publisher is None or self._publisher.done():
            self._publisher = asyncio.create_task(self._publish(), name="chat-wakeups-notify")

    def ring_here(self, chat: str) -> None:
        """Wake the waiters of `chat` in this process."""
        for bell in self._bells.get(chat, ()):
            bell.ring()

    def ring_all_here(self) -> None:
        """Wake every waiter in this process (after a LISTEN reconnect: look again)."""
        for bells in self._bells.values():
            for bell in bells:
                bell.ring()

    async def stop(self) -> None:
        self._stopping = True
        for task in (self._listener, self._publisher):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._listener = self._publisher = None

    async def _publish(self) -> None:
        """NOTIFY the chats rung since the last NOTIFY, until none is left."""
        while self._unsent:
            chats = list(self._unsent)[:PER_NOTIFY]
            for chat in chats:
                del self._unsent[chat]
            try:
                await notify.publish(self.db, CHANNEL, "\n".join(chats))
            except Exception:  # waiters here at least; others find it at their poll's last look
                log.exception("could not publish chat wake-ups")
                for chat in chats:
                    self.ring_here(chat)

    def _notified(self, payload: str) -> None:
        for chat in payload.split("\n"):
            self.ring_here(chat)

    async def _listen(self) -> None:
        await notify.listen(
            self.db,
            CHANNEL,
            self._notified,
            on_connect=self.ring_all_here,
            should_run=lambda: not self._stopping,
        )

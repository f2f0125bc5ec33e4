"""The live content from published revisions, reloaded in every process after a publish.

SQLite (one process): the publishing process reloads at once. PostgreSQL (several
processes): `Revisions.publish` sends NOTIFY with its commit and every process LISTENs.
A reload that fails keeps the previous content live.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.engine.content.model import ContentError
from bot.engine.nlu.data import NluData
from bot.engine.nlu.intent import Classifier
from bot.services.content.documents import (
    build_content,
    nlu_data,
    nlu_documents,
    read_documents,
)
from bot.services.content.revisions import CHANNEL, Revision, Revisions
from bot.services.content.store import ContentStore
from bot.storage import notify

log = logging.getLogger(__name__)
Trainer = Callable[[NluData], Classifier]


class LiveContent:
    """Keeps `store` equal to the published revisions."""

    def __init__(
        self,
        store: ContentStore,
        revisions: Revisions,
        content_dir: Path,
        *,
        classify: Classifier | None = None,
        trainer: Trainer | None = None,
    ) -> None:
        self.store = store
        self.revisions = revisions
        self.content_dir = content_dir
        self.classify = classify
        self.trainer = trainer  # None: keep the classifier built at start (tests)
        self.version = -1
        self.reloaded = asyncio.Event()  # set after each successful reload (for waiters)
        self._nlu: Any = None
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._listener: asyncio.Task[None] | None = None
        # Called with the published documents after each reload (e.g. the console's replies).
        self.listeners: list[Callable[[dict[str, Any]], None]] = []

    async def start(self) -> None:
        """Seed absent documents from the files, load the published content, listen."""
        files = read_documents(self.content_dir)
        added = await self.revisions.seed(files)
        if added:
            log.info("content: seeded %d document(s) from %s", len(added), self.content_dir)
        # The classifier's data at build:
        self._nlu = {n: files.get(n) for n in nlu_documents(files)}
        await self.reload()
        if self.revisions.db.is_postgres:
            self._listener = asyncio.create_task(self._listen(), name="content-listen")

    async def stop(self) -> None:
        tasks = [*self._tasks, *([self._listener] if self._listener else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._listener = None

    async def publish(self, revision_id: int, author: str) -> Revision:
        """Publish (or roll back to) a revision and serve it here at once."""
        revision = await self.revisions.publish(revision_id, author)
        await self.reload()
        return revision

    async def reload(self) -> bool:
        """Load the published revisions; False (old content kept) if they do not build."""
        async with self._lock:
            live = await self.revisions.live()
            if live.version == self.version:
                return True
            try:
                content = build_content(live.documents, self.classify, f"r{live.version}")
            except ContentError:
                log.exception("content reload failed; the previous content stays live")
                return False
            self.store.replace(content)
            self.version = live.version
            nlu = {n: live.documents.get(n) for n in nlu_documents(live.documents)}
            if nlu != self._nlu and self.trainer is not None:
                self._spawn(self._retrain(nlu))
            self._nlu = nlu
            for listener in self.listeners:
                try:
                    listener(live.documents)
                except Exception:  # the engine's content is live already; log and go on
                    log.exception("content: a reload listener failed")
            log.info("content: revision r%d is live", live.version)
            self.reloaded.set()
            return True

    async def _retrain(self, docs: dict[str, Any]) -> None:
        """Train on the published examples off the event loop, then swap the classifier."""
        assert self.trainer is not None
        try:
            classify = await asyncio.to_thread(self.trainer, nlu_data(docs))
        except Exception:  # a failed training keeps the previous classifier
            log.exception("nlu: retraining on published examples failed")
            return
        async with self._lock:
            if self._nlu != docs:  # newer examples arrived meanwhile; their training wins
                return
            self.classify = classify
            self.store.replace(dataclasses.replace(self.store.current, classify=classify))
        log.info("nlu: the classifier trained on published examples is live")
        self.reloaded.set()

    def _spawn(self, work: Any) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _listen(self) -> None:
        """LISTEN for publishes from other processes; after a loss, reload what was missed."""
        await notify.listen(
            self.revisions.db,
            CHANNEL,
            lambda _payload: self._spawn(self.reload()),
            on_connect=lambda: self._spawn(self.reload()),
        )

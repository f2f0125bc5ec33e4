"""Revisions of content documents: save a draft, publish it, roll back; validated first."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import utcnow
from bot.services.content.documents import check_documents
from bot.storage import content as store
from bot.storage import notify
from bot.storage.content import ContentDocument, ContentRevision
from bot.storage.database import Database

CHANNEL = "sapar_content"


class RevisionError(ValueError):
    """A revision was refused; the message lists every problem (file, item, field)."""


@dataclass(frozen=True, slots=True)
class Revision:
    id: int
    document: str
    number: int
    data: Any
    author: str
    created_at: datetime
    note: str
    status: str

    @classmethod
    def of(cls, row: ContentRevision) -> Revision:
        return cls(
            row.id, row.document, row.number, row.data, row.author, row.created_at, row.note,
            row.status,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Live:
    """The published documents and a version that changes with every publish."""

    documents: dict[str, Any]
    version: int


class Revisions:
    """The one way content changes once it is in the database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def seed(self, docs: Mapping[str, Any]) -> list[str]:
        """Insert documents the database lacks as published revision 1 by "seed"."""
        async with self.db.transaction() as session:
            known = {d.name for d in await store.documents(session)}
            added = [name for name in docs if name not in known]
            for name in added:
                session.add(ContentDocument(name=name))
                await session.flush()
                row = ContentRevision(
                    document=name, number=1, data=docs[name], author="seed",
                    note="seeded from the files", status="published",
                )  # fmt: skip
                session.add(row)
                await session.flush()
                (await session.get_one(ContentDocument, name)).published_id = row.id
        return added

    async def live(self) -> Live:
        async with self.db.transaction() as session:
            rows = await store.published(session)
        return Live({r.document: r.data for r in rows}, max((r.id for r in rows), default=0))

    async def history(self, document: str) -> list[Revision]:
        async with self.db.transaction() as session:
            return [Revision.of(r) for r in await store.history(session, document)]

    async def get(self, revision_id: int) -> Revision | None:
        async with self.db.transaction() as session:
            row = await session.get(ContentRevision, revision_id)
            return Revision.of(row) if row is not None else None

    async def latest(self, document: str) -> Revision | None:
        """The newest revision of a document: a draft being worked on, or the live one."""
        found = await self.history(document)
        return found[0] if found else None

    async def problems(self, document: str, data: Any) -> list[str]:
        """What is wrong with the live content if `document` became `data`."""
        live = await self.live()
        if document not in live.documents:
            return [f"{document}: no such document"]
        return check_documents({**live.documents, document: data})

    async def save_draft(self, document: str, data: Any, author: str, note: str = "") -> Revision:
        """A new draft revision; refused (RevisionError) if it would break the content."""
        problems = await self.problems(document, data)
        if problems:
            raise RevisionError("\n".join(problems))
        async with self.db.transaction() as session:
            row = ContentRevision(
                document=document, number=await store.next_number(session, document),
                data=data, author=author[:64], note=note, status="draft",
            )  # fmt: skip
            session.add(row)
            await session.flush()
            return Revision.of(row)

    async def publish(self, revision_id: int, author: str) -> Revision:
        """Make a revision live. An older published one comes back as a new revision."""
        old = await self.get(revision_id)
        if old is None:
            raise RevisionError(f"revision {revision_id} does not exist")
        problems = await self.problems(old.document, old.data)
        if problems:
            raise RevisionError("\n".join(problems))
        async with self.db.transaction() as session:
            doc = await session.get_one(ContentDocument, old.document, with_for_update=True)
            row = await session.get_one(ContentRevision, revision_id)
            if row.status != "draft":  # a rollback: keep history, add the old data anew
                row = ContentRevision(
                    document=old.document, number=await store.next_number(session, old.document),
                    data=old.data, author=author[:64], note=f"rollback to #{old.number}",
                    status="draft",
                )  # fmt: skip
                session.add(row)
                await session.flush()
            if doc.published_id is not None:
                live = await session.get_one(ContentRevision, doc.published_id)
                live.status = "superseded"
            row.status = "published"
            doc.published_id = row.id
            doc.updated_at = utcnow()
            await session.flush()
            if self.db.is_postgres:  # delivered to every listener when this commits
                payload = json.dumps({"document": doc.name, "revision": row.id})
                await notify.send(session, CHANNEL, payload)
            return Revision.of(row)

    async def drafts(self) -> dict[str, int]:
        """Per document, how many drafts are newer than its live revision."""
        async with self.db.transaction() as session:
            docs = {d.name: d.published_id or 0 for d in await store.documents(session)}
            rows = await store.draft_ids(session)
        counts: dict[str, int] = {}
        for name, rev_id in rows:
            if rev_id > docs.get(name, 0):
                counts[name] = counts.get(name, 0) + 1
        return counts

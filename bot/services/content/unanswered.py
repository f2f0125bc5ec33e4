"""Questions the bot could not answer, kept (anonymised) for the editors' work list."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage import content as rows
from bot.storage.database import Database


async def open_questions(db: Database) -> list[tuple[int, str]]:
    """(id, text) of every question still waiting for an editor, newest first."""
    async with db.transaction() as session:
        return [(q.id, q.text) for q in await rows.open_unanswered(session)]


async def settle(db: Database, ids: Sequence[int], status: str) -> None:
    """Mark questions `dismissed` or `added` (to an intent's examples)."""
    async with db.transaction() as session:
        await rows.set_unanswered_status(session, ids, status)

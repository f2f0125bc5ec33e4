"""`python -m bot privacy purge [--dry-run]`: counts, deletes, and says only how many."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.cli import main
from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.storage import migrate
from bot.storage.database import Database
from bot.storage.models import Conversation, Message, OutboxRow
from bot.types import ConversationKey, UserMessage


async def chats(url: str, content: Content, *, old: int, new: int) -> None:
    """`old` conversations silent for a year and `new` ones from today."""
    db = Database(url)
    try:
        await migrate.upgrade(db)
        svc = ConversationService(db, lambda: content, max_chars=4096)
        for n in range(old + new):
            key = ConversationKey("test", f"chat-{n}")
            await svc.receive(UserMessage(key, f"m{n}", datetime.now(UTC), text="Здравствуйте"))
        year_ago = datetime.now(UTC) - timedelta(days=365)
        async with db.transaction() as s:
            ids = (await s.scalars(select(Conversation.id).order_by(Conversation.id))).all()
            aged = ids[:old]
            await s.execute(
                update(Conversation)
                .where(Conversation.id.in_(aged))
                .values(created_at=year_ago, updated_at=year_ago, last_inbound_at=year_ago)
            )
            for table in (Message, OutboxRow):  # the greeting and the bot's replies
                mine = table.conversation_id.in_(aged)
                await s.execute(update(table).where(mine).values(created_at=year_ago))
    finally:
        await db.dispose()


def test_purge_counts_then_deletes_the_idle_ones(
    tmp_path: Path,
    content: Content,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    asyncio.run(chats(url, content, old=2, new=1))
    monkeypatch.setenv("SAPAR_DATABASE__URL", url)
    monkeypatch.setenv("SAPAR_PRIVACY__RETENTION_DAYS", "90")

    assert main(["privacy", "purge", "--dry-run"]) == 0
    assert main(["privacy", "purge", "--dry-run"]) == 0  # a dry run changed nothing
    assert main(["privacy", "purge"]) == 0
    assert main(["privacy", "purge"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2 conversation(s) idle for over 90 days would be deleted",
        "2 conversation(s) idle for over 90 days would be deleted",
        "2 conversation(s) idle for over 90 days deleted",
        "0 conversation(s) idle for over 90 days deleted",
    ]
    monkeypatch.setenv("SAPAR_PRIVACY__RETENTION_DAYS", "0")
    assert main(["privacy", "purge"]) == 0
    assert "retention is off" in capsys.readouterr().out

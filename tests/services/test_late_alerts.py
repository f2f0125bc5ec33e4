"""The operators' Telegram chat hears once of each queued chat past its target, on every
backend and from several processes at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.engine.content.model import Content
from bot.services.operators.late_alerts import LateAlerts
from bot.settings.operators import OperatorsSettings
from bot.storage.database import Database
from bot.storage.handoffs import Handoff
from bot.types import ConversationKey, Reply
from tests.conftest import DatabaseFactory
from tests.services.test_assignment import ask, holders
from tests.services.test_handoff import msg, service

SETTINGS = OperatorsSettings(
    late_alert_telegram_chat="-1001234567890", wait_targets_minutes={"asked_for_human": 15}
)


class Chat:
    """A recording stand-in for the Telegram deliverer's `deliver`."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def __call__(self, chat_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply.text))


async def created(db: Database) -> Handoff:
    async with db.transaction() as s:
        entry = await s.scalar(select(Handoff))
        assert entry is not None
        return entry


async def test_a_late_chat_is_announced_once_without_what_the_person_wrote(
    db: Database, content: Content
) -> None:
    await ask(db, content, 1)
    said = "Меня зовут Айгуль, мой номер +996 555 000 111"
    await service(db, content).receive(msg(9, said, ConversationKey("test", "c1")))
    entry = await created(db)
    chat = Chat()
    alerts = LateAlerts(db, lambda: content, SETTINGS, chat)
    assert await alerts.run_once(entry.created_at + timedelta(minutes=14)) == 0
    assert await alerts.run_once(entry.created_at + timedelta(minutes=16)) == 1
    assert await alerts.run_once(entry.created_at + timedelta(minutes=30)) == 0  # once
    ((chat_id, text),) = chat.sent
    assert chat_id == "-1001234567890"
    assert "ждёт оператора 16 мин (норма 15 мин): Просит человека" in text
    assert f"/console/chats/{entry.id}" in text
    assert "Айгуль" not in text and "555" not in text  # nothing the person wrote
    assert list((await holders(db)).values()) == [None]  # still waiting


async def test_without_a_chat_nothing_is_sent(db: Database, content: Content) -> None:
    await ask(db, content, 1)
    entry = await created(db)
    chat = Chat()
    alerts = LateAlerts(db, lambda: content, OperatorsSettings(), chat)
    assert await alerts.run_once(entry.created_at + timedelta(hours=5)) == 0 and not chat.sent


async def test_two_processes_alert_once(databases: DatabaseFactory, content: Content) -> None:
    first = await databases.create()
    second = databases.open()
    for n in (1, 2):
        await ask(first, content, n)
    later = (await created(first)).created_at + timedelta(hours=1)
    chat = Chat()
    rounds = [LateAlerts(db, lambda: content, SETTINGS, chat) for db in (first, second)]
    counts = await asyncio.gather(*(r.run_once(later) for r in rounds))
    assert sum(counts) == 2 and len(chat.sent) == 2

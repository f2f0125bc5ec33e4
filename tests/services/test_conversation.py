"""The receive pipeline on every backend: dedupe, order under concurrency, one transaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.engine.content.model import Content
from bot.engine.nlu.intent import Intent
from bot.services.conversation import ConversationService
from bot.storage import conversations, messages, outbox
from bot.storage.database import Database
from bot.storage.models import InboundSeen, Message, OutboxRow
from bot.types import ConversationKey, ConversationStatus, UserMessage
from tests.conftest import DatabaseFactory

KEY = ConversationKey("test", "chat-1")


def msg(
    n: int | str, text: str = "Здравствуйте", key: ConversationKey = KEY, **kw: object
) -> UserMessage:
    return UserMessage(key, str(n), datetime.now(UTC), text=text, **kw)  # type: ignore[arg-type]


def service(db: Database, content: Content, **kw: object) -> ConversationService:
    return ConversationService(db, lambda: content, max_chars=4096, **kw)  # type: ignore[arg-type]


async def count(db: Database, table: type) -> int:
    async with db.transaction() as s:
        return int(await s.scalar(select(func.count()).select_from(table)) or 0)


async def test_first_message_is_answered_and_queued_for_delivery(
    db: Database, content: Content
) -> None:
    woken: list[bool] = []
    outcome = await service(db, content, on_outbox=lambda: woken.append(True)).receive(msg(1))
    assert not outcome.duplicate and outcome.language == "ru"
    assert outcome.replies and woken == [True]
    assert await count(db, OutboxRow) == len(outcome.replies)
    assert await count(db, Message) == 1 + len(outcome.replies)


async def test_the_same_update_twice_is_handled_once(db: Database, content: Content) -> None:
    svc = service(db, content)
    first = await svc.receive(msg(7))
    again = await svc.receive(msg(7))
    assert again.duplicate and again.replies == ()
    assert await count(db, OutboxRow) == len(first.replies)
    assert await count(db, InboundSeen) == 1


async def test_concurrent_duplicates_are_handled_once(db: Database, content: Content) -> None:
    svc = service(db, content)
    outcomes = await asyncio.gather(*(svc.receive(msg(8)) for _ in range(5)))
    assert sum(not o.duplicate for o in outcomes) == 1


async def test_concurrent_messages_of_one_chat_keep_order_and_lose_nothing(
    db: Database, content: Content
) -> None:
    svc = service(db, content)
    await svc.receive(msg(0))  # greeted; later texts are fallbacks or thanks
    n = 15
    await asyncio.gather(*(svc.receive(msg(i, text=f"спасибо {i}")) for i in range(1, n + 1)))
    async with db.transaction() as s:
        conv = await conversations.find(s, key=KEY)
        assert conv is not None
        lines = await messages.transcript(s, conversation_id=conv.id, limit=1000)
    assert conv.turns == n + 1
    # Each inbound message is followed by its own replies before the next one starts.
    directions = "".join("i" if m.direction == "in" else "o" for m in lines)
    assert directions.count("i") == n + 1
    assert "ii" not in directions


async def test_two_processes_on_one_chat_lose_no_update(
    databases: DatabaseFactory, content: Content
) -> None:
    first_db = await databases.create()
    a, b = service(first_db, content), service(databases.open(), content)
    await a.receive(msg(0))
    await asyncio.gather(
        *(svc.receive(msg(i, text=f"спасибо {i}")) for i, svc in enumerate([a, b] * 6, start=1))
    )
    async with first_db.transaction() as s:
        conv = await conversations.find(s, key=KEY)
    assert conv is not None and conv.turns == 13


async def test_a_failing_step_stores_nothing_and_can_be_retried(
    db: Database, content: Content
) -> None:
    def broken(_: str) -> Intent:
        raise RuntimeError("classifier bug")

    from dataclasses import replace

    with pytest.raises(RuntimeError):
        await service(db, replace(content, classify=broken)).receive(msg(1))
    assert await count(db, Message) == 0
    assert await count(db, InboundSeen) == 0
    assert await count(db, OutboxRow) == 0
    retried = await service(db, content).receive(msg(1))
    assert not retried.duplicate and retried.replies


async def test_asking_for_a_human_queues_the_conversation(db: Database, content: Content) -> None:
    svc = service(db, content)
    await svc.receive(msg(1))
    outcome = await svc.receive(msg(2, text="хочу поговорить с человеком"))
    assert outcome.escalated and outcome.status is ConversationStatus.QUEUED
    told = await svc.receive(msg(3, text="алло"))  # told once where they stand
    assert told.escalated and "в очереди" in told.replies[0].text
    quiet = await svc.receive(msg(4, text="алло?"))  # …not for every message
    assert quiet.escalated and quiet.replies == ()
    async with db.transaction() as s:
        conv = await conversations.find(s, key=KEY)
    assert conv is not None and conv.status == "queued" and conv.state["handoff"] is True


async def test_forget_deletes_the_transcript_but_still_confirms(
    db: Database, content: Content
) -> None:
    svc = service(db, content)
    await svc.receive(msg(1))
    await svc.receive(msg(2, text="/forget"))
    done = await svc.receive(msg(3, text="Да", button="yes_forget"))
    assert "удалены" in done.replies[0].text
    async with db.transaction() as s:
        conv = await conversations.find(s, key=KEY)
        assert conv is not None
        rows = await outbox.rows_for(s, conversation_id=conv.id)
    assert await count(db, Message) == 1  # only the confirmation itself
    assert [r.payload["text"] for r in rows] == [done.replies[0].text]
    assert conv.state["greeted"] is False


async def test_a_100_kb_message_is_cut_and_the_user_told(db: Database, content: Content) -> None:
    outcome = await service(db, content).receive(msg(1, text="работа " * 15_000))
    assert "4096" in outcome.replies[0].text
    async with db.transaction() as s:
        stored = await s.scalar(select(Message.text).where(Message.direction == "in"))
    assert stored is not None and len(stored) == 4096


async def test_separate_chats_do_not_share_state(db: Database, content: Content) -> None:
    svc = service(db, content)
    ru = await svc.receive(msg(1, text="Здравствуйте"))
    ky = await svc.receive(msg(2, text="Саламатсызбы", key=ConversationKey("test", "chat-2")))
    assert (ru.language, ky.language) == ("ru", "ky")


async def test_external_ids_are_unique_per_channel_not_per_chat(
    db: Database, content: Content
) -> None:
    """Adapters must give channel-wide ids (Telegram update_id, WhatsApp wamid)."""
    svc = service(db, content)
    await svc.receive(msg(5))
    other_chat = await svc.receive(msg(5, key=ConversationKey("test", "chat-2")))
    other_channel = await svc.receive(msg(5, key=ConversationKey("other", "chat-1")))
    assert other_chat.duplicate and not other_channel.duplicate

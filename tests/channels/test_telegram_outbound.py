"""The Telegram deliverer on its own: splitting, escaping, keyboards, errors, resumed parts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.delivery.base import DeliveryError
from bot.channels.delivery.sender import Sender
from bot.channels.delivery.split import split
from bot.channels.telegram.outbound import LIMIT, TelegramDeliverer, make_bot
from bot.clock import utcnow
from bot.services.outbox import OutboxService
from bot.settings import OutboxSettings
from bot.storage import conversations, outbox
from bot.storage.database import Database
from bot.storage.migrate import upgrade
from bot.types import Button, ConversationKey, Reply
from tests.channels.conftest import TG_TOKEN
from tests.channels.fakes import FakeTelegram


@pytest.fixture
async def deliverer(fake_telegram: FakeTelegram) -> AsyncIterator[TelegramDeliverer]:
    bot = make_bot(TG_TOKEN, api_base=fake_telegram.url, timeout=0.5)
    deliverer = TelegramDeliverer(bot)
    try:
        yield deliverer
    finally:
        await deliverer.close()


def test_split_keeps_every_word_and_respects_the_limit() -> None:
    text = "\n\n".join(f"Абзац {i}: " + "сөз " * 300 for i in range(8))

    pieces = split(text, LIMIT)

    assert len(pieces) > 1 and all(len(p) <= LIMIT for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())
    assert split("кыска", LIMIT) == ["кыска"]
    assert [len(p) for p in split("x" * 9000, LIMIT)] == [4096, 4096, 808]


async def test_a_long_reply_arrives_in_parts_with_buttons_under_the_last(
    deliverer: TelegramDeliverer, fake_telegram: FakeTelegram
) -> None:
    text = "<b>Жумуш & акча</b> " + "сөз " * 2500
    reply = Reply(text, (Button("Суроо берүү", "ask_question"),))

    message_id = await deliverer.deliver("42", reply)

    sent = fake_telegram.of("sendMessage")
    assert len(sent) == 3 and message_id is not None
    assert fake_telegram.delivered["42"][0].startswith("<b>Жумуш & акча</b>")
    assert sent[0].data["text"].startswith("&lt;b&gt;Жумуш &amp; акча&lt;/b&gt;")
    assert all(len(t) <= LIMIT for t in fake_telegram.delivered["42"])
    assert ["reply_markup" in c.data for c in sent] == [False, False, True]
    markup = json.loads(sent[2].data["reply_markup"])
    assert markup["inline_keyboard"] == [[{"text": "Суроо берүү", "callback_data": "ask_question"}]]


async def test_failures_are_sorted_into_retry_and_give_up(
    deliverer: TelegramDeliverer, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.retry_after = 7
    fake_telegram.fail_next("429", "500", "timeout")

    with pytest.raises(DeliveryError) as limited:
        await deliverer.deliver("42", Reply("бир"))
    with pytest.raises(DeliveryError) as down:
        await deliverer.deliver("42", Reply("эки"))
    with pytest.raises(DeliveryError) as slow:
        await deliverer.deliver("42", Reply("үч"))
    with pytest.raises(DeliveryError) as empty:
        await deliverer.deliver("42", Reply("  "))

    assert (limited.value.retry_after, limited.value.permanent) == (7.0, False)
    assert (down.value.retry_after, down.value.permanent) == (None, False)
    assert slow.value.permanent is False
    assert empty.value.permanent is True
    assert fake_telegram.delivered == {}


async def test_a_retry_resumes_after_the_parts_already_sent(
    tmp_path: Path, deliverer: TelegramDeliverer, fake_telegram: FakeTelegram
) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'parts.db'}")
    await upgrade(db)
    text = "\n".join(f"Сап {i:04d} " + "ж" * 90 for i in range(100))  # about 10 000 characters
    async with db.transaction() as session:
        conv = await conversations.lock_conversation(session, key=ConversationKey("telegram", "77"))
        await outbox.enqueue(
            session,
            conversation_id=conv.id,
            channel="telegram",
            chat_id="77",
            payload=Reply(text).to_dict(),
        )
    service = OutboxService(db)
    settings = OutboxSettings(base_delay_seconds=0.4, max_delay_seconds=0.4)
    sender = Sender(service, {"telegram": deliverer}, settings, rand=lambda: 0.0)
    parts = deliverer.parts(Reply(text))
    fake_telegram.fail_next("ok", "500")  # the first part goes through, the second fails

    await sender.run_once()
    rows = await service.counts()
    async with db.transaction() as session:
        progress = (await outbox.rows_for(session, conversation_id=conv.id))[0].progress
    await _wait_due(service)
    await sender.run_once()

    assert len(parts) == 3 and rows == {"pending": 1} and progress == 1
    assert fake_telegram.delivered["77"] == [p.text for p in parts]
    assert await service.counts() == {"sent": 1}
    await db.dispose()


async def _wait_due(service: OutboxService) -> None:
    for _ in range(100):
        due = await service.next_due_at()
        if due is None or due <= utcnow():
            return
        await asyncio.sleep(0.01)


async def test_a_blocked_bot_or_a_missing_chat_is_given_up_at_once_with_the_reason(
    deliverer: TelegramDeliverer, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("403", "400")
    with pytest.raises(DeliveryError) as blocked:
        await deliverer.deliver("42", Reply("бир"))
    with pytest.raises(DeliveryError) as missing:
        await deliverer.deliver("43", Reply("эки"))
    assert blocked.value.permanent and "blocked by the user" in str(blocked.value)
    assert missing.value.permanent and "chat not found" in str(missing.value)

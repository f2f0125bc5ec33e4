"""Telegram: the webhook through the real pipeline and outbox to a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.channels.telegram.channel import Telegram
from bot.channels.telegram.outbound import TelegramDeliverer, make_bot
from bot.channels.telegram.polling import TelegramRunner
from bot.channels.telegram.updates import TelegramUpdates
from bot.settings import TelegramSettings
from bot.types import UserMessage
from tests.channels.conftest import (
    FIXTURES,
    TG_SECRET,
    TG_TOKEN,
    Running,
    eventually,
    report,
    settings_for,
    tg_text,
)
from tests.channels.fakes import FakeTelegram

Start = Callable[[Any], Awaitable[Running]]
TELEGRAM_FIXTURES = sorted((FIXTURES / "telegram").glob("*.json"))


@pytest.fixture
async def tg(tmp_path: Path, fake_telegram: FakeTelegram, start: Start) -> Running:
    return await start(settings_for(tmp_path, fake_telegram))


async def test_a_russian_text_gets_russian_replies_in_its_chat(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    response = await tg.telegram(tg_text(1, 5001, 1, "Здравствуйте, хочу поехать работать"))

    assert response.status_code == 200
    counts = await tg.settled()
    assert counts == {"sent": len(fake_telegram.of("sendMessage"))}
    sent = fake_telegram.of("sendMessage")
    assert {call.data["chat_id"] for call in sent} == {"5001"}
    welcome = tg.sapar.content.current.text("welcome", "ru")
    assert fake_telegram.delivered["5001"][0] == welcome
    keyboards = [json.loads(c.data["reply_markup"]) for c in sent if "reply_markup" in c.data]
    assert keyboards, "menus must arrive as inline keyboards"
    assert all("callback_data" in row[0] for kb in keyboards for row in kb["inline_keyboard"])
    await eventually(lambda: _has(fake_telegram, "sendChatAction"))
    assert fake_telegram.of("sendChatAction")[0].data["action"] == "typing"


async def test_the_same_update_twice_gets_one_set_of_replies(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    update = tg_text(7, 5002, 70, "Привет")
    first = await tg.telegram(update)
    await tg.settled()
    once = list(fake_telegram.delivered["5002"])
    second = await tg.telegram(update)
    await tg.settled()

    assert (first.status_code, second.status_code) == (200, 200)
    assert once and fake_telegram.delivered["5002"] == once
    assert await tg.inbound_count() == 1


@pytest.mark.parametrize("secret", [None, "", "wrong", TG_SECRET + "x"])
async def test_a_wrong_secret_is_refused_and_nothing_happens(
    tg: Running, fake_telegram: FakeTelegram, secret: str | None
) -> None:
    response = await tg.telegram(tg_text(8, 5003, 1, "Привет"), secret=secret)

    assert response.status_code == 401
    assert await tg.inbound_count() == 0
    assert await tg.rows("telegram") == []
    assert fake_telegram.calls == []


async def test_malformed_and_oversized_bodies_are_refused(tg: Running) -> None:
    headers = {"x-telegram-bot-api-secret-token": TG_SECRET}
    broken = await tg.http.post("/telegram/webhook", content=b"{not json", headers=headers)
    not_update = await tg.http.post("/telegram/webhook", json=[1, 2], headers=headers)
    huge = tg_text(9, 5004, 1, "я" * 600_000)  # over 1 MB as UTF-8
    too_large = await tg.telegram(huge)

    assert (broken.status_code, not_update.status_code, too_large.status_code) == (400, 400, 413)
    assert await tg.inbound_count() == 0


async def test_every_fixture_is_answered_without_a_server_error(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    statuses = {}
    for path in TELEGRAM_FIXTURES:
        statuses[path.name] = (await tg.telegram(json.loads(path.read_text()))).status_code
    await tg.settled()

    report(f"telegram fixtures processed: {len(statuses)}")
    assert len(statuses) == 40
    assert set(statuses.values()) == {200}, statuses
    assert (await tg.http.get("/healthz")).status_code == 200
    # Groups, channels and other update kinds got no message; private chats did.
    answered = set(fake_telegram.delivered)
    assert not any(chat.startswith("-") for chat in answered)
    assert {"12345678", "11111111", "12345", "456", "999999999"} <= answered


async def test_a_button_press_is_received_and_answered(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    update = json.loads((FIXTURES / "telegram" / "callback_query.json").read_text())
    update["callback_query"]["data"] = "check_offer"

    assert (await tg.telegram(update)).status_code == 200
    await tg.settled()
    await eventually(lambda: _has(fake_telegram, "answerCallbackQuery"))

    answer = fake_telegram.of("answerCallbackQuery")[0]
    assert answer.data["callback_query_id"] == "666728699048485871"
    assert fake_telegram.delivered["222222222"][-1] == tg.sapar.content.current.text(
        "ask_offer", "ky"
    )


async def test_a_voice_message_gets_the_kind_voice_reply(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    update = json.loads((FIXTURES / "telegram" / "voice.json").read_text())

    assert (await tg.telegram(update)).status_code == 200
    await tg.settled()

    hint = tg.sapar.content.current.text("media_voice", "ky")
    assert fake_telegram.delivered["12345"] == [hint]


async def test_a_group_message_is_ignored(tg: Running, fake_telegram: FakeTelegram) -> None:
    update = json.loads((FIXTURES / "telegram" / "message_topic.json").read_text())

    assert (await tg.telegram(update)).status_code == 200
    assert await tg.inbound_count() == 0
    assert fake_telegram.of("sendMessage") == []


async def test_polling_receives_updates_and_confirms_them(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Start
) -> None:
    fake_telegram.updates.append(tg_text(41, 5005, 1, "Здравствуйте"))
    running = await start(settings_for(tmp_path, fake_telegram, mode="polling"))

    await eventually(lambda: _has_delivered(fake_telegram, "5005"))
    await eventually(lambda: _polled_after(fake_telegram, 42))

    assert fake_telegram.of("deleteWebhook")
    telegram = running.sapar.channels.get("telegram")
    assert isinstance(telegram, Telegram) and telegram.runner.offset == 42
    assert await running.inbound_count() == 1


async def test_webhook_mode_registers_the_webhook_with_its_secret(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Start
) -> None:
    settings = settings_for(tmp_path, fake_telegram, public_url="https://sapar.example.org/")
    running = await start(settings)

    await eventually(lambda: _has(fake_telegram, "setWebhook"))

    call = fake_telegram.of("setWebhook")[0]
    assert call.data["url"] == "https://sapar.example.org/telegram/webhook"
    assert call.data["secret_token"] == TG_SECRET
    telegram = running.sapar.channels.get("telegram")
    assert isinstance(telegram, Telegram) and isinstance(telegram.runner, TelegramRunner)


async def test_without_a_token_the_channel_is_off(
    tmp_path: Path, start: Start, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    running = await start(settings_for(tmp_path))

    assert "telegram" not in running.sapar.channels and "telegram" not in running.sapar.deliverers
    assert "telegram channel off: no SAPAR_TELEGRAM__TOKEN" in caplog.text
    assert (await running.telegram(tg_text(1, 1, 1, "Привет"))).status_code == 404


async def _has(fake: FakeTelegram, method: str) -> bool:
    return bool(fake.of(method))


async def _has_delivered(fake: FakeTelegram, chat: str) -> bool:
    return bool(fake.delivered.get(chat))


async def _polled_after(fake: FakeTelegram, offset: int) -> bool:
    return any(c.data.get("offset") == str(offset) for c in fake.of("getUpdates"))


class FlakyConversations:
    """Stores messages, but the database is down for the second one the first time."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def receive(self, message: UserMessage) -> None:
        self.seen.append(message.external_id)
        if self.seen == ["5006:1", "5006:2"]:
            raise ConnectionError("database unavailable")


async def test_polling_confirms_an_update_only_after_it_was_stored(
    fake_telegram: FakeTelegram,
) -> None:
    fake_telegram.updates += [tg_text(51, 5006, 1, "бир"), tg_text(52, 5006, 2, "эки")]
    bot = make_bot(TG_TOKEN, api_base=fake_telegram.url, timeout=2)
    conversations = FlakyConversations()
    deliverer = TelegramDeliverer(bot)
    channel = TelegramUpdates(bot, deliverer, conversations)  # type: ignore[arg-type]  # a stand-in service
    settings = TelegramSettings(poll_timeout_seconds=0)
    runner = TelegramRunner(channel, settings)
    try:
        with pytest.raises(ConnectionError):
            await runner.poll_once()
        offset_after_failure = runner.offset
        handled = await runner.poll_once()
    finally:
        await runner.stop()
        await deliverer.close()

    assert offset_after_failure == 52  # the first update is confirmed, the second is not
    assert handled == 1 and runner.offset == 53
    assert conversations.seen == ["5006:1", "5006:2", "5006:2"]

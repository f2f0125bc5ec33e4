"""Operators in a Telegram group, against the fake Bot API, the whole way: a hand-off opens a
forum topic with the case summary; a member not linked to an operator's account is ignored;
of two operators claiming at once one wins; the winner's words reach the person through the
outbox and the person's reach the topic; /note and /close act as the console does, and after
/close the bot answers again."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram.types import Update
from sqlalchemy import select

from bot.channels.telegram.inbound import parse
from bot.clock import utcnow
from bot.services.operators.telegram_link import link_telegram
from bot.services.operators.topics import GroupMessage
from bot.services.staff import StaffService
from bot.storage import audit, handoffs
from bot.storage.handoffs import Handoff
from bot.storage.topics import SqlTopics
from bot.types import ConversationStatus
from tests.channels.conftest import Running, settings_for, tg_text
from tests.channels.fakes import FakeTelegram
from tests.channels.voice import tg_button
from tests.console.conftest import csrf_of

GROUP = -1001234567890
USER = 5001
AIGUL, BEK, EDITOR, STRANGER = 71, 72, 73, 74  # Telegram user ids of the group's members
_updates = itertools.count(100)


def in_group(user_id: int, thread_id: int, text: str) -> dict[str, Any]:
    """A member's text in a forum topic, as Telegram sends it."""
    update_id = next(_updates)
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": {"id": user_id, "is_bot": False, "first_name": "Member"},
            "chat": {"id": GROUP, "title": "189", "type": "supergroup", "is_forum": True},
            "date": int(time.time()),
            "message_thread_id": thread_id,
            "is_topic_message": True,
            "text": text,
        },
    }


async def staff_of(running: Running) -> dict[int, tuple[str, int]]:
    """Two operators and an editor, linked to their Telegram accounts (the stranger is not):
    (name, Telegram id) by account id."""
    service = StaffService(running.sapar.db, running.sapar.settings.operators, b"k" * 32)
    members = [("aigul", "operator", AIGUL), ("bek", "operator", BEK), ("dinara", "editor", EDITOR)]
    ids = {}
    for name, role, tg_id in members:
        ids[await service.add(name, "a-long-password-1", role)] = (name, tg_id)
    for name, _, tg_id in members:
        await link_telegram(running.sapar.db, name, tg_id)
    return ids


async def the_entry(running: Running) -> Handoff:
    async with running.sapar.db.transaction() as session:
        (entry,) = (await session.scalars(select(Handoff))).all()
        return entry


async def user_says(running: Running, message_id: int, text: str) -> None:
    response = await running.telegram(tg_text(next(_updates), USER, message_id, text))
    assert response.status_code == 200
    await quiet(running)


async def member_says(running: Running, user_id: int, thread_id: int, text: str) -> None:
    assert (await running.telegram(in_group(user_id, thread_id, text))).status_code == 200
    await quiet(running)


async def quiet(running: Running) -> None:
    """Every topic post under way done, every reply delivered."""
    assert running.sapar.topics is not None
    await running.sapar.topics.idle()
    await running.settled()


async def test_a_whole_hand_off_in_a_forum_topic(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    database_url: str,
    start: Callable[[Any], Awaitable[Running]],
) -> None:
    settings = settings_for(
        tmp_path, fake_telegram, database_url=database_url,
        operators={"topics_telegram_chat": str(GROUP)},
    )  # fmt: skip
    running = await start(settings)
    accounts = await staff_of(running)

    # The person asks for a human: a topic opens with the summary and their words.
    await user_says(running, 1, "/operator")
    (created,) = fake_telegram.of("createForumTopic")
    assert created.data["chat_id"] == str(GROUP) and "Просит человека" in created.data["name"]
    thread = int(fake_telegram.of("sendMessage")[-1].data["message_thread_id"])
    (opening,) = fake_telegram.in_topic(thread)
    assert opening.startswith("Просит человека") and "Где находится: неизвестно" in opening
    assert "👤 Пишет человек: /operator" in opening and "Команды: /claim" in opening

    # Members not linked to an operator's account are left alone: no answer, nothing done.
    await member_says(running, STRANGER, thread, "/claim")
    await member_says(running, EDITOR, thread, "/claim")
    await member_says(running, STRANGER, thread, "я помогу, напишите мне")
    assert fake_telegram.in_topic(thread) == [opening]
    assert (await the_entry(running)).status == "queued"
    assert "я помогу" not in " ".join(fake_telegram.delivered[str(USER)])

    # Two operators claim at once: one wins, the other is told who has it.
    await asyncio.gather(
        running.telegram(in_group(AIGUL, thread, "/claim")),
        running.telegram(in_group(BEK, thread, "/claim@SaparBot")),
    )
    await quiet(running)
    entry = await the_entry(running)
    assert entry.status == "claimed"
    assert entry.operator_id is not None
    winner, winner_tg = accounts[entry.operator_id]
    loser = BEK if winner_tg == AIGUL else AIGUL
    answers = fake_telegram.in_topic(thread)[1:]
    assert sorted(answers) == sorted(
        [f"✅ Чат взял(а) {winner}. Теперь то, что здесь написано, уходит человеку.",
         f"Этот чат уже взял(а) {winner}."]
    )  # fmt: skip

    # The winner's words go to the person; the loser's do not; the person's come back.
    await member_says(running, winner_tg, thread, "Здравствуйте, я оператор линии 189.")
    assert "Здравствуйте, я оператор линии 189." in fake_telegram.delivered[str(USER)]
    await member_says(running, loser, thread, "Это тоже я")
    assert "Это тоже я" not in fake_telegram.delivered[str(USER)]
    assert fake_telegram.in_topic(thread)[-1].startswith("Сначала возьмите чат")
    await user_says(running, 2, "Мне страшно, паспорт забрали")
    assert fake_telegram.in_topic(thread)[-1] == "👤 Пишет человек: Мне страшно, паспорт забрали"

    # A note and the close, as the console does them, in the audit log under the winner.
    await member_says(running, winner_tg, thread, "/note позвонить в шелтер")
    await member_says(running, winner_tg, thread, "/close nonsense")
    assert fake_telegram.in_topic(thread)[-1].startswith("Укажите итог: /close")
    await member_says(running, winner_tg, thread, "/close advised")
    entry = await the_entry(running)
    assert entry.status == "closed" and entry.outcome == "advised"
    assert fake_telegram.of("closeForumTopic")
    async with running.sapar.db.transaction() as session:
        notes = await handoffs.notes(session, conversation_id=entry.conversation_id)
        done = [(a.username, a.action) for a in await audit.recent(session)]
    assert [n.text for n in notes] == ["позвонить в шелтер"]
    assert (winner, "claim") in done and (winner, "close") in done
    assert all(name in ("aigul", "bek") for name, action in done if action in ("claim", "close"))

    # The bot answers again, and nothing more goes into the topic.
    posted = len(fake_telegram.in_topic(thread))
    before = len(fake_telegram.delivered[str(USER)])
    await user_says(running, 3, "Салам")
    assert len(fake_telegram.delivered[str(USER)]) > before
    assert len(fake_telegram.in_topic(thread)) == posted
    async with running.sapar.db.transaction() as session:
        conv = await handoffs.lock_conversation(session, conversation_id=entry.conversation_id)
        assert conv is not None and conv.status == ConversationStatus.BOT.value


async def withdrawn_after_a_topic(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Callable[[Any], Awaitable[Running]]
) -> tuple[Running, int]:
    """The person asked for a human (a topic opened), then withdrew: the app and the topic."""
    settings = settings_for(tmp_path, fake_telegram, operators={"topics_telegram_chat": str(GROUP)})
    running = await start(settings)
    await user_says(running, 1, "/operator")
    assert fake_telegram.of("createForumTopic")
    thread = int(fake_telegram.of("sendMessage")[-1].data["message_thread_id"])
    assert (await running.telegram(tg_button(next(_updates), USER, "withdraw_operator"))).is_success
    await quiet(running)
    return running, thread


async def topic_deleted(running: Running, fake_telegram: FakeTelegram, thread: int) -> None:
    """The topic was deleted from the group once, and its mapping is gone."""
    (deleted,) = fake_telegram.of("deleteForumTopic")
    assert deleted.data == {"chat_id": str(GROUP), "message_thread_id": str(thread)}
    async with running.sapar.db.transaction() as session:
        assert await SqlTopics(session).by_thread(chat_id=str(GROUP), thread_id=thread) is None


async def test_a_withdrawal_is_told_and_after_the_persons_forget_their_topic_is_deleted(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Callable[[Any], Awaitable[Running]]
) -> None:
    running, thread = await withdrawn_after_a_topic(tmp_path, fake_telegram, start)
    assert fake_telegram.in_topic(thread)[-1].startswith("Человек отказался от оператора")
    await user_says(running, 2, "/forget")
    assert not fake_telegram.of("deleteForumTopic")  # asked first, nothing deleted yet
    assert (await running.telegram(tg_button(next(_updates), USER, "yes_forget"))).is_success
    await quiet(running)
    await topic_deleted(running, fake_telegram, thread)


async def test_a_conversation_deleted_by_retention_loses_its_topic_too(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Callable[[Any], Awaitable[Running]]
) -> None:
    running, thread = await withdrawn_after_a_topic(tmp_path, fake_telegram, start)
    assert running.sapar.purge_job is not None
    retention = running.sapar.purge_job.service
    assert (await retention.purge()).deleted == 0  # not idle yet: nothing goes
    assert not fake_telegram.of("deleteForumTopic")
    retention.clock = lambda: utcnow() + timedelta(days=200)  # past privacy.retention_days
    assert (await retention.purge()).deleted == 1
    await topic_deleted(running, fake_telegram, thread)


async def test_a_chat_taken_and_closed_in_the_console_is_told_in_its_topic(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Callable[[Any], Awaitable[Running]]
) -> None:
    settings = settings_for(tmp_path, fake_telegram, operators={"topics_telegram_chat": str(GROUP)})
    running = await start(settings)
    await staff_of(running)
    await user_says(running, 1, "/operator")
    thread = int(fake_telegram.of("sendMessage")[-1].data["message_thread_id"])
    entry = await the_entry(running)
    http = running.http
    token = await csrf_of(http, "/console/login")
    form = {"username": "aigul", "password": "a-long-password-1", "csrf_token": token}
    assert (await http.post("/console/login", data=form)).status_code == 303
    token = await csrf_of(http, "/console")

    await http.post(f"/console/chats/{entry.id}/claim", data={"csrf_token": token})
    await quiet(running)
    assert fake_telegram.in_topic(thread)[-1].startswith("✅ Чат взял(а) aigul.")
    await member_says(running, BEK, thread, "/claim")
    assert fake_telegram.in_topic(thread)[-1] == "Этот чат уже взял(а) aigul."

    close = {"csrf_token": token, "outcome": "referred_shelter"}
    await http.post(f"/console/chats/{entry.id}/close", data=close)
    await quiet(running)
    assert fake_telegram.in_topic(thread)[-1].startswith("🔒 aigul закрыл(а) чат: ")
    assert (await the_entry(running)).status == "closed"


def parsed(update: dict[str, Any]) -> GroupMessage | None:
    inbound = parse(Update.model_validate(update))
    assert inbound.message is None  # a group's line is never a person's message to the bot
    return inbound.group


def test_only_a_members_text_in_a_topic_is_handed_on_from_a_group() -> None:
    assert parsed(in_group(AIGUL, 9, "/claim")) == GroupMessage(str(GROUP), 9, AIGUL, "/claim")
    assert parsed(in_group(AIGUL, 9, "a\x00b")) == GroupMessage(str(GROUP), 9, AIGUL, "ab")
    general = in_group(AIGUL, 9, "/claim")
    del general["message"]["message_thread_id"], general["message"]["is_topic_message"]
    assert parsed(general) is None
    robot = in_group(AIGUL, 9, "hi")
    robot["message"]["from"]["is_bot"] = True
    assert parsed(robot) is None
    assert parsed(in_group(2**64, 9, "/claim")) is None
    assert parsed(in_group(AIGUL, 2**63, "/claim")) is None

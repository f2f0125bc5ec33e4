"""Escalation and the operator's desk on every backend: queue, hours, claim race, close."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.console.canned import load_canned
from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.services.operators.desk import Desk
from bot.services.operators.escalation import Escalations
from bot.services.operators.events import LiveEvent
from bot.services.operators.view import DeskError
from bot.services.staff import Staff
from bot.settings.operators import OperatorsSettings
from bot.storage import audit, handoffs, staff
from bot.storage.database import Database
from bot.storage.models import Conversation, OutboxRow
from bot.types import ConversationKey, UserMessage
from tests.conftest import ROOT, DatabaseFactory

KEY = ConversationKey("test", "chat-1")
WEDNESDAY_NOON = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)  # 12:00 in Bishkek
SATURDAY = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


def msg(n: int, text: str, key: ConversationKey = KEY) -> UserMessage:
    return UserMessage(key, f"m{n}", datetime.now(UTC), text=text)


class Recorder:
    def __init__(self) -> None:
        self.events: list[LiveEvent] = []

    async def __call__(self, event: LiveEvent) -> None:
        self.events.append(event)


def service(db: Database, content: Content, at: datetime = WEDNESDAY_NOON) -> ConversationService:
    escalations = Escalations(OperatorsSettings(), clock=lambda: at)
    return ConversationService(db, lambda: content, max_chars=4096, escalations=escalations)


async def person(db: Database, name: str, role: str = "operator") -> Staff:
    async with db.transaction() as s:
        user = await staff.add(s, username=name, password_hash="x", role=role)
    return Staff(user.id, name, role, "online", "csrf", "session")


async def outbox_texts(db: Database) -> list[str]:
    async with db.transaction() as s:
        rows = (await s.scalars(select(OutboxRow).order_by(OutboxRow.id))).all()
    return [str(r.payload["text"]) for r in rows]


async def queued(db: Database) -> list[handoffs.Handoff]:
    async with db.transaction() as s:
        return list(await handoffs.queue(s))


async def test_asking_for_a_human_opens_one_entry_and_tells_consoles(
    db: Database, content: Content
) -> None:
    svc = service(db, content)
    recorder = Recorder()
    svc.escalations.listeners.append(recorder)
    await svc.receive(msg(1, "Здравствуйте"))
    outcome = await svc.receive(msg(2, "хочу поговорить с оператором"))
    assert outcome.escalated
    (entry,) = await queued(db)
    assert (entry.reason, entry.channel, entry.language, entry.emergency) == (
        "asked_for_human",
        "test",
        "ru",
        False,
    )
    assert recorder.events[-1].new and recorder.events[-1].handoff_id == entry.id
    # While queued the user hears where they stand (once every few minutes) and their
    # words reach the operator.
    told = await svc.receive(msg(3, "алло, вы тут?"))
    assert "1-й в очереди" in told.replies[0].text and len(await queued(db)) == 1
    assert recorder.events[-1].kind == "chat"


async def test_danger_while_waiting_makes_the_entry_an_emergency(
    db: Database, content: Content
) -> None:
    svc = service(db, content)
    await svc.receive(msg(1, "оператор"))
    outcome = await svc.receive(msg(2, "помогите, меня держат"))
    assert outcome.replies  # emergency numbers are repeated even while waiting
    (entry,) = await queued(db)
    assert entry.emergency and entry.reason == "emergency"


async def test_outside_hours_the_user_gets_the_hotline_and_hours_and_stays_queued(
    db: Database, content: Content
) -> None:
    svc = service(db, content, at=SATURDAY)
    outcome = await svc.receive(msg(1, "мне нужен оператор"))
    last = outcome.replies[-1].text
    assert "189" in last and "пн–пт 09:00–18:00" in last
    assert len(await queued(db)) == 1


def test_hours_follow_the_configured_zone() -> None:
    hours = OperatorsSettings()
    assert hours.is_open(WEDNESDAY_NOON)
    assert not hours.is_open(SATURDAY)
    assert not hours.is_open(datetime(2026, 11, 25, 12, 30, tzinfo=UTC))  # 18:30 in Bishkek


async def test_forget_removes_the_entry_and_its_notes(db: Database, content: Content) -> None:
    svc = service(db, content)
    await svc.receive(msg(1, "оператор"))
    (entry,) = await queued(db)
    desk = Desk(db, lambda: content, publish=Recorder(), wake=lambda: None)
    await desk.note(entry.id, await person(db, "ann"), "private")
    await svc.receive(msg(2, "/forget"))
    await svc.receive(UserMessage(KEY, "m3", datetime.now(UTC), button="yes_forget"))
    assert await queued(db) == []
    async with db.transaction() as s:
        assert list(await handoffs.notes(s, conversation_id=entry.conversation_id)) == []


async def test_claim_reply_close_then_the_bot_answers_again(db: Database, content: Content) -> None:
    svc = service(db, content)
    woken: list[bool] = []
    events = Recorder()
    desk = Desk(db, lambda: content, publish=events, wake=lambda: woken.append(True))
    ann, bob = await person(db, "ann"), await person(db, "bob")
    await svc.receive(msg(1, "Здравствуйте"))
    await svc.receive(msg(2, "оператор"))
    (entry,) = await queued(db)
    with pytest.raises(DeskError) as not_yet:
        await desk.reply(entry.id, ann, "Здравствуйте")
    assert not_yet.value.code == "not_yours"
    await desk.claim(entry.id, ann)
    with pytest.raises(DeskError):
        await desk.reply(entry.id, bob, "I am not holding it")
    for n in range(3):
        await desk.reply(entry.id, ann, f"ответ {n}")
    await svc.receive(msg(3, "спасибо"))
    view = await desk.chat(entry.id, ann)
    assert view.item.unread == 0 and view.lines[-1].text == "спасибо"
    await desk.close(entry.id, ann, "advised")
    texts = await outbox_texts(db)
    operator_lines = [t for t in texts if t.startswith("ответ")]
    assert operator_lines == ["ответ 0", "ответ 1", "ответ 2"]
    assert "Оператор завершил разговор" in texts[-2]  # then the satisfaction question
    assert "Помог ли вам оператор" in texts[-1]
    assert woken and await queued(db) == []
    again = await svc.receive(msg(4, "спасибо"))
    assert again.replies and not again.escalated
    async with db.transaction() as s:
        actions = [a.action for a in await audit.recent(s)]
        conv = await s.scalar(select(Conversation))
    assert actions[:3] == ["close", "open_chat", "claim"] and conv is not None
    assert conv.status == "bot"


async def test_claim_race_between_two_processes_has_one_winner(
    databases: DatabaseFactory, content: Content
) -> None:
    first = await databases.create()
    second = databases.open()
    svc = service(first, content)
    ann, bob = await person(first, "ann"), await person(first, "bob")
    desks = [
        Desk(db, lambda: content, publish=Recorder(), wake=lambda: None) for db in (first, second)
    ]
    for n in range(4):
        key = ConversationKey("test", f"race-{n}")
        await svc.receive(msg(n, "оператор", key))
    for item in await desks[0].queue():
        results = await asyncio.gather(
            desks[0].claim(item.entry.id, ann),
            desks[1].claim(item.entry.id, bob),
            return_exceptions=True,
        )
        errors = [r for r in results if isinstance(r, DeskError)]
        assert len(errors) == 1 and errors[0].code == "taken", results
    async with second.transaction() as s:
        rows = (await s.scalars(select(OutboxRow))).all()
    joined = [r for r in rows if "подключился" in str(r.payload["text"])]
    assert len(joined) == 4  # one "an operator joined" per chat, never two


async def test_the_chat_view_shows_unread_counts_and_the_offer_assessment(
    db: Database, content: Content
) -> None:
    svc = service(db, content)
    desk = Desk(db, lambda: content, publish=Recorder(), wake=lambda: None)
    ann = await person(db, "ann")
    await svc.receive(msg(1, "оператор"))
    await svc.receive(msg(2, "алло"))
    await svc.receive(msg(3, "вы тут?"))
    (item,) = await desk.queue()
    assert item.unread == 3  # everything the user wrote since asking
    async with db.transaction() as s:
        conv = await s.get(Conversation, item.entry.conversation_id)
        assert conv is not None
        offer = "Работа в Дубае, паспорт заберём на хранение, вылет завтра, оплата 3000$"
        conv.state = {**conv.state, "offer": {"texts": [offer], "answers": {}}}
    await desk.claim(item.entry.id, ann)
    view = await desk.chat(item.entry.id, ann)
    assert view.item.unread == 0
    assert view.assessment is not None and view.assessment["level"] == "critical"
    found = {i["id"]: i["evidence"] for i in view.assessment["indicators"]}
    assert "document_retention" in found and any(
        "паспорт" in e for e in found["document_retention"]
    )
    await svc.receive(msg(4, "ещё вопрос"))
    (again,) = await desk.queue()
    assert again.unread == 1


async def test_a_chat_can_be_transferred_to_another_operator(
    db: Database, content: Content
) -> None:
    svc = service(db, content)
    events = Recorder()
    desk = Desk(db, lambda: content, publish=events, wake=lambda: None)
    ann, bob = await person(db, "ann"), await person(db, "bob")
    editor = await person(db, "eve", role="editor")
    await svc.receive(msg(1, "оператор"))
    (item,) = await desk.queue()
    await desk.claim(item.entry.id, ann)
    with pytest.raises(DeskError):
        await desk.transfer(item.entry.id, ann, editor.id)  # editors take no chats
    await desk.transfer(item.entry.id, ann, bob.id)
    assert events.events[-1].operator_id == bob.id and events.events[-1].new
    with pytest.raises(DeskError):
        await desk.reply(item.entry.id, ann, "not mine any more")
    await desk.reply(item.entry.id, bob, "bob here")
    async with db.transaction() as s:
        assert [a.detail for a in await audit.recent(s) if a.action == "transfer"] == ["to bob"]


def test_handover_texts_and_canned_replies_are_in_real_kyrgyz_and_russian(
    content: Content,
) -> None:
    keys = ("handoff_outside_hours", "handoff_operator_joined", "handoff_closed")
    pairs = [(content.texts[k]["ky"], content.texts[k]["ru"]) for k in keys]
    canned = load_canned(ROOT)
    assert len(canned) >= 6
    pairs += [(c.texts["ky"], c.texts["ru"]) for c in canned]
    for ky, ru in pairs:
        assert set(ky) & set("өүң"), ky  # Kyrgyz, not Russian in disguise
        assert not set(ru) & set("өүң") and ru != ky, ru

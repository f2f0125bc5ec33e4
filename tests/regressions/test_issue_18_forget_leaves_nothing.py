"""Issue 18, item 3: after /forget, once its confirmation is out, no row holds the person.

The person writes on WhatsApp (the chat id is the phone number), gives a name and a number in
a question the bot cannot answer, asks for an operator (who opens the chat and writes a note),
then uses /forget. Every table of the database is read back, whatever it is.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.services.content.work import anonymise
from bot.services.conversation import ConversationService
from bot.services.outbox import OutboxService
from bot.services.reported_contacts import ReportedContacts
from bot.storage import audit, conversations
from bot.storage.database import Database
from bot.storage.handoffs import Handoff, HandoffNote
from bot.storage.models import Conversation
from bot.storage.reported_contacts import ContactSighting, ReportedContact
from bot.types import ConversationKey, UserMessage

PHONE = "996700123456"
KEY = ConversationKey("whatsapp", PHONE)
WAMID = "wamid.HBgMOTk2NzAwMTIzNDU2FQIAEhgg"  # a WhatsApp id: it carries the phone number
QUESTION = "Меня зовут Айгуль Садыкова, мой номер +996 700 123 456, где кукурузник летает?"
TRACES = (PHONE, "700 123 456", WAMID, "Айгуль", "Садыкова", "кукурузник", "летает")


def say(n: int, words: str, button: str | None = None) -> UserMessage:
    return UserMessage(
        KEY, f"{WAMID}{n}", datetime.now(UTC), text=words, button=button, user_id=PHONE
    )


def every_row(connection: Connection) -> dict[str, list[str]]:
    """Every row of every table, as text, whatever the models say."""
    rows: dict[str, list[str]] = {}
    for table in inspect(connection).get_table_names():
        found = connection.execute(text(f'SELECT * FROM "{table}"')).all()
        rows[table] = [json.dumps([str(v) for v in row], ensure_ascii=False) for row in found]
    return rows


async def traces(db: Database) -> dict[str, list[str]]:
    """Per trace of the person, the tables holding it."""
    async with db.engine.connect() as conn:
        rows = await conn.run_sync(every_row)
    found: dict[str, list[str]] = {}
    for trace in TRACES:
        tables = [t for t, lines in rows.items() if any(trace in line for line in lines)]
        if tables:
            found[trace] = tables
    return found


async def deliver_everything(outbox: OutboxService) -> None:
    while batch := await outbox.claim(channels={"whatsapp"}, lease=timedelta(60), limit=50):
        for delivery in batch:
            await outbox.sent(delivery.row_id, f"{WAMID}-out-{delivery.row_id}")


async def test_issue_18_forget_leaves_nothing(db: Database, content: Content) -> None:
    svc = ConversationService(db, lambda: content, max_chars=4096)
    outbox = OutboxService(db)
    await svc.receive(say(1, "Здравствуйте"))
    await svc.receive(say(2, QUESTION))
    asked = await svc.receive(say(3, "позовите оператора"))
    assert asked.escalated
    async with db.transaction() as s:
        conv = await conversations.find(s, key=KEY)
        assert conv is not None
        entry = await s.scalar(select(Handoff).where(Handoff.conversation_id == conv.id))
        assert entry is not None
        s.add(HandoffNote(conversation_id=conv.id, author_name="olga", text="Айгуль, кукурузник"))
        await audit.record(
            s, staff_id=None, username="olga", action="open", conversation_id=conv.id
        )
    await deliver_everything(outbox)
    before = await traces(db)
    assert set(before) == set(TRACES), before  # the walk does see the person before /forget

    await svc.receive(say(4, "/forget"))
    done = await svc.receive(say(5, "Да", "yes_forget"))
    assert "удалены" in done.replies[-1].text
    assert await outbox.finish_forgotten(utcnow() + timedelta(minutes=5)) == 0  # not sent yet
    await deliver_everything(outbox)
    assert await outbox.finish_forgotten(utcnow() + timedelta(minutes=5)) == 1

    assert await traces(db) == {}
    async with db.transaction() as s:
        kept = await s.get(Conversation, conv.id)
        tombstone = await s.get(Handoff, entry.id)
        log = await audit.recent(s, conversation_id=conv.id)
    assert kept is not None and kept.chat_id == f"forgotten:{conv.id}" and kept.user_id is None
    assert tombstone is not None and tombstone.outcome == "forgotten"
    assert [e.action for e in log if e.action == "open"] == ["open"]  # by a pseudonymous id
    # The same update delivered again is still refused; a new message starts afresh.
    assert (await svc.receive(say(5, "Да", "yes_forget"))).duplicate
    fresh = await svc.receive(say(6, "Здравствуйте"))
    assert fresh.conversation_id != conv.id


async def test_issue_18_forget_waits_for_the_confirmation_and_a_web_chat_to_fetch_it(
    db: Database, content: Content
) -> None:
    svc = ConversationService(db, lambda: content, max_chars=4096)
    outbox = OutboxService(db)
    await svc.receive(say(1, "Здравствуйте"))
    await svc.receive(say(2, "/forget"))
    await svc.receive(say(3, "Да", "yes_forget"))
    await deliver_everything(outbox)
    assert await outbox.finish_forgotten(utcnow()) == 0  # within the grace: still fetchable
    async with db.transaction() as s:
        assert await conversations.find(s, key=KEY) is not None
    # Writing again within the grace adds nothing that outlives the cut (no second user row).
    await svc.receive(say(4, QUESTION))
    assert await outbox.finish_forgotten(utcnow() + timedelta(minutes=5)) == 0  # reply unsent
    await deliver_everything(outbox)
    # The sender's sweep (each round, at most every 30 s) does the same once it is due.
    assert await outbox.sweep_forgotten(utcnow()) == 0
    assert await outbox.sweep_forgotten(utcnow() + timedelta(minutes=5)) == 1
    async with db.transaction() as s:
        assert await conversations.find(s, key=KEY) is None
    assert await traces(db) == {}


async def test_issue_18_forget_leaves_reported_contacts_naming_nobody(
    db: Database, content: Content
) -> None:
    """Issue 16: an offer's contacts outlive /forget only as digests and sightings."""
    contacts = ReportedContacts(b"test-only-contacts-key-0123456789abcdef")
    svc = ConversationService(db, lambda: content, max_chars=4096, contacts=contacts)
    offer = (
        "Айгуль, работа на складе в Москве, 150 000 рублей. Паспорт сдаёте работодателю на "
        "хранение, за оформление 300$. Кукурузник ОсОО «Летает Курулуш», +996 700 123 456"
    )
    assert (await svc.receive(say(1, offer))).risk_level == "critical"
    await svc.receive(say(2, "/forget"))
    await svc.receive(say(3, "Да", "yes_forget"))
    await deliver_everything(OutboxService(db))
    assert await OutboxService(db).finish_forgotten(utcnow() + timedelta(minutes=5)) == 1
    assert await traces(db) == {}
    async with db.transaction() as s:
        kinds = (await s.scalars(select(ReportedContact.kind))).all()
        sightings = (await s.scalars(select(ContactSighting.level))).all()
    assert sorted(kinds) == ["company", "phone"] and sightings == ["critical", "critical"]


def test_issue_18_anonymise_strips_russian_and_kyrgyz_names_and_numbers() -> None:
    cases: dict[str, tuple[str, ...]] = {
        QUESTION: ("Айгуль", "Садыкова", "700"),
        "Менин атым Бакыт, Асан уулу Нурлан, телефон 0555 12 34 56": ("Бакыт", "Асан", "0555"),
        "Иван Петрович Сидоров сказал, что паспорт заберут": ("Иван", "Петрович", "Сидоров"),
        "айгулга жардам керек, Гулзат Асанова": ("айгул", "Гулзат", "Асанова"),
    }
    for question, names in cases.items():
        clean = anonymise(question)
        assert not [n for n in names if n in clean], clean
        assert "[имя]" in clean
    kept = "Работа в Москве, Корея, Алматы. Часов работы много, паспорт забрали"
    assert anonymise(kept) == kept  # places and ordinary words stay

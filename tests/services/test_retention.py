"""Retention on every backend: idle conversations go as /forget's do; active and handed-over stay.

Every conversation is filled through the services (the bot, the operators' desk, the outbox)
and then made old by moving its timestamps back, as the months would.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.services.operators.desk import Desk
from bot.services.operators.escalation import Escalations
from bot.services.outbox import OutboxService
from bot.services.retention import RetentionService
from bot.services.staff import Staff
from bot.settings.operators import OperatorsSettings
from bot.settings.privacy import PrivacySettings
from bot.storage import conversations, handoffs, messages, staff
from bot.storage.database import Database
from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation, Message, OutboxRow
from bot.types import ConversationKey, UserMessage
from tests.conftest import DatabaseFactory
from tests.regressions.test_issue_18_forget_leaves_nothing import every_row

WEDNESDAY_NOON = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)  # operators at work
QUESTION = "Меня зовут {name}, мой номер {phone}, где кукурузник летает?"
NINETY = PrivacySettings(retention_days=90)


class Person:
    """One WhatsApp user (chat id = phone number) and what of theirs the database may hold."""

    def __init__(self, n: int) -> None:
        self.phone = f"99670055{n:04d}"
        self.name = f"Айгуль{n}"
        self.key = ConversationKey("whatsapp", self.phone)
        self.sent = 0

    def say(self, text: str) -> UserMessage:
        self.sent += 1
        return UserMessage(
            self.key,
            f"wamid.{self.phone}.{self.sent}",
            datetime.now(UTC),
            text=text,
            user_id=self.phone,
        )

    @property
    def traces(self) -> tuple[str, ...]:
        return (self.phone, self.name)


def bot(db: Database, content: Content) -> ConversationService:
    escalations = Escalations(OperatorsSettings(), clock=lambda: WEDNESDAY_NOON)
    return ConversationService(db, lambda: content, max_chars=4096, escalations=escalations)


async def chat(svc: ConversationService, person: Person) -> int:
    """Greet, ask what the bot cannot answer (an unanswered question); the conversation id."""
    await svc.receive(person.say("Здравствуйте"))
    outcome = await svc.receive(person.say(QUESTION.format(name=person.name, phone=person.phone)))
    return outcome.conversation_id


async def operator(db: Database) -> Staff:
    async with db.transaction() as s:
        user = await staff.add(s, username="olga", password_hash="x", role="operator")
    return Staff(user.id, "olga", "operator", "online", "csrf", "session")


def desk(db: Database, content: Content) -> Desk:
    async def publish(_event: object) -> None:
        return None

    return Desk(db, lambda: content, publish=publish, wake=lambda: None)


async def handed_over(db: Database, svc: ConversationService, person: Person) -> Handoff:
    """The person asks for an operator: their chat waits in the queue."""
    await svc.receive(person.say("позовите оператора"))
    async with db.transaction() as s:
        conv = await conversations.find(s, key=person.key)
        assert conv is not None
        entry = await handoffs.open_for(s, conversation_id=conv.id)
    assert entry is not None and entry.status == "queued"
    return entry


async def deliver(db: Database) -> None:
    outbox = OutboxService(db)
    while batch := await outbox.claim(channels={"whatsapp"}, lease=timedelta(60), limit=50):
        for delivery in batch:
            await outbox.sent(delivery.row_id, f"out-{delivery.row_id}")


async def age(db: Database, conversation_id: int, days: int) -> None:
    """Move everything of a conversation `days` into the past."""
    past = datetime.now(UTC) - timedelta(days=days)
    async with db.transaction() as s:
        await s.execute(
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(created_at=past, updated_at=past, last_inbound_at=past)
        )
        mine = Message.conversation_id == conversation_id
        await s.execute(update(Message).where(mine).values(created_at=past))
        await s.execute(
            update(OutboxRow)
            .where(OutboxRow.conversation_id == conversation_id)
            .values(created_at=past, sent_at=past, next_attempt_at=past)
        )


async def holding(db: Database, *people: Person) -> set[str]:
    """The phones of those people whom some row of some table still holds."""
    async with db.engine.connect() as conn:
        rows = await conn.run_sync(every_row)
    lines = [line for table in rows.values() for line in table]
    return {p.phone for p in people if any(t in line for t in p.traces for line in lines)}


async def test_an_idle_conversation_goes_from_every_table_as_after_forget(
    db: Database, content: Content
) -> None:
    svc = bot(db, content)
    idle, active, waiting, held, answered = (Person(n) for n in range(5))
    everyone = (idle, active, waiting, held, answered)
    # Idle: an operator had the chat, wrote a note and a reply, and closed it, months ago.
    idle_id = await chat(svc, idle)
    entry = await handed_over(db, svc, idle)
    olga = await operator(db)
    room = desk(db, content)
    await room.claim(entry.id, olga)
    await room.note(entry.id, olga, f"{idle.name} просит перезвонить")
    await room.reply(entry.id, olga, "Здравствуйте, я оператор")
    await room.close(entry.id, olga, "advised")
    # Active: wrote this week. Waiting and held: idle as long, but with an operator's queue.
    await age(db, await chat(svc, active), days=5)
    waiting_id = await chat(svc, waiting)
    await handed_over(db, svc, waiting)
    held_id = await chat(svc, held)
    await room.claim((await handed_over(db, svc, held)).id, olga)
    # Answered: the person has been silent for months, but an outbound message is recent.
    answered_id = await chat(svc, answered)
    await deliver(db)
    for conversation_id in (idle_id, waiting_id, held_id, answered_id):
        await age(db, conversation_id, days=91)
    async with db.transaction() as s:
        await messages.add(
            s, conversation_id=answered_id, direction="out", author="operator", text="Как вы?"
        )
    assert await holding(db, *everyone) == {p.phone for p in everyone}

    result = await RetentionService(db, NINETY).purge()

    assert result.deleted == 1 and result.ran
    assert await holding(db, *everyone) == {active.phone, waiting.phone, held.phone, answered.phone}
    async with db.transaction() as s:
        kept = await s.get(Conversation, idle_id)
        tombstone = await s.get(Handoff, entry.id)
    assert kept is not None and kept.chat_id == f"forgotten:{idle_id}" and kept.user_id is None
    assert tombstone is not None and tombstone.outcome == "forgotten"
    assert (await RetentionService(db, NINETY).purge()).deleted == 0  # nothing twice
    # The person's next message starts afresh.
    assert (await svc.receive(idle.say("Салам"))).conversation_id != idle_id


async def test_a_dry_run_counts_and_deletes_nothing(db: Database, content: Content) -> None:
    svc = bot(db, content)
    people = [Person(n) for n in range(3)]
    for person in people[:2]:
        await age(db, await chat(svc, person), days=100)
    await chat(svc, people[2])

    dry = await RetentionService(db, NINETY).purge(dry_run=True)

    assert (dry.deleted, dry.dry_run) == (2, True)
    assert await holding(db, *people) == {p.phone for p in people}
    assert (await RetentionService(db, PrivacySettings(retention_days=120)).purge()).deleted == 0


async def test_retention_zero_or_none_keeps_everything(db: Database, content: Content) -> None:
    person = Person(1)
    await age(db, await chat(bot(db, content), person), days=10_000)
    for days in (0, None):
        result = await RetentionService(db, PrivacySettings(retention_days=days)).purge()
        assert (result.deleted, result.ran) == (0, False)
    assert await holding(db, person) == {person.phone}


async def test_two_concurrent_purges_delete_each_conversation_once(
    databases: DatabaseFactory, content: Content
) -> None:
    db = await databases.create()
    svc = bot(db, content)
    people = [Person(n) for n in range(8)]
    for person in people:
        await age(db, await chat(svc, person), days=91)
    first, second = databases.open(), databases.open()  # as two processes would

    results = await asyncio.gather(
        RetentionService(first, NINETY).purge(), RetentionService(second, NINETY).purge()
    )

    assert sum(r.deleted for r in results) == len(people)
    assert await holding(db, *people) == set()
    async with db.transaction() as s:
        cut = (await s.scalars(select(Conversation.chat_id))).all()
    assert all(chat_id.startswith("forgotten:") for chat_id in cut) and len(cut) == len(people)

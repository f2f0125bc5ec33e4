"""Recruiters reported before, as whole dialogues through the services (no server).

Three chats paste offers with one number written three ways; the third report warns, in the
user's language, without anyone else's text. An honest offer with the number does not count,
a number editors marked legitimate does not warn, and after every chat's /forget no table
holds the number while the count lives on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.services.outbox import OutboxService
from bot.services.reported_contacts import ReportedContacts
from bot.storage.database import Database
from bot.types import ConversationKey, UserMessage
from tests.regressions.test_issue_18_forget_leaves_nothing import every_row

TEST_KEY = b"test-only-contacts-key-0123456789abcdef"
WRITTEN = ("+7 (900) 000-11-22", "8900 000 1122", "wa.me/79000001122")
DIGITS = ("9000001122", "900 000", "000-11-22", "000 1122")
RISKY_RU = (
    "Работа на складе в Москве, 150 000 рублей в месяц. Паспорт при приезде сдаёте "
    "работодателю на хранение. За оформление предоплата 300$. Пишите {number}, Азамат."
)
RISKY_KY = (
    "Москвада складда иш, айына 150 000 рубль. Барганда паспортуңузду иш берүүчүгө "
    "сактоого бересиз. Каттоо үчүн алдын ала 300$ төлөйсүз. {number} номерине жазыңыз."
)
HONEST_RU = (
    "Склад в Москве ищет грузчиков: 70 000 рублей в месяц, официальный трудовой договор "
    "до выезда, зарплата каждые две недели на карту, жильё за счёт компании. Звоните {number}."
)
WARNING_RU = "Этот номер (+79000001122) уже встречался в {n} подозрительных объявлениях"
WARNING_KY = "Бул номер (+79000001122) буга чейин {n} шектүү жумуш жарнамасында кездешкен"
WARNED = "(+79000001122)"  # the number as the warning shows it
BUBBLE = "\n---bubble---\n"


class Chats:
    """Each `paste` is a new person's chat on Telegram, driven through ConversationService."""

    def __init__(self, db: Database, content: Content) -> None:
        self.contacts = ReportedContacts(TEST_KEY, min_chats=3)
        self.svc = ConversationService(db, lambda: content, max_chars=4096, contacts=self.contacts)
        self.outbox = OutboxService(db)
        self.ids = count(1)
        self.keys: list[ConversationKey] = []

    def message(self, key: ConversationKey, text: str, button: str | None = None) -> UserMessage:
        n = next(self.ids)
        return UserMessage(key, f"m{n}", datetime.now(UTC), text=text, button=button)

    async def paste(self, offer: str) -> str:
        """A new chat sends one offer; its replies' texts, one bubble after another."""
        key = ConversationKey("telegram", str(1000 + len(self.keys)))
        self.keys.append(key)
        outcome = await self.svc.receive(self.message(key, offer))
        assert outcome.risk_level is not None, "the text was not checked as an offer"
        return BUBBLE.join(r.text for r in outcome.replies)

    async def forget_all(self) -> None:
        for key in self.keys:
            await self.svc.receive(self.message(key, "/forget"))
            await self.svc.receive(self.message(key, "Да", "yes_forget"))
        while batch := await self.outbox.claim(
            channels={"telegram"}, lease=timedelta(60), limit=100
        ):
            for delivery in batch:
                await self.outbox.sent(delivery.row_id, f"out-{delivery.row_id}")
        await self.outbox.finish_forgotten(utcnow() + timedelta(minutes=5))


async def plain_numbers(db: Database) -> list[str]:
    """The tables that hold the number in any of its written forms."""
    async with db.engine.connect() as conn:
        rows = await conn.run_sync(every_row)
    return [t for t, lines in rows.items() for d in DIGITS if any(d in line for line in lines)]


async def test_the_third_chat_with_the_same_number_is_warned(
    db: Database, content: Content
) -> None:
    chats = Chats(db, content)
    first = await chats.paste(RISKY_RU.format(number=WRITTEN[0]))
    second = await chats.paste(RISKY_KY.format(number=WRITTEN[1]))
    assert WARNED not in first and WARNED not in second
    third = await chats.paste(RISKY_RU.format(number=WRITTEN[2]))
    assert WARNING_RU.format(n=3) in third
    assert "Азамат" not in third.split("Этот номер")[1]  # nobody else's text
    fourth = await chats.paste(RISKY_KY.format(number=WRITTEN[0]))
    assert WARNING_KY.format(n=4) in fourth
    # The warning stands in the report's bubble, under its level.
    catalogue = content.offers
    assert catalogue is not None
    heading = catalogue.text("headings", "risk_level", "ky")
    report = next(bubble for bubble in fourth.split(BUBBLE) if WARNED in bubble)
    assert report.startswith(heading) and report.index(heading) < report.index(WARNED)

    await chats.forget_all()
    assert await plain_numbers(db) == []
    fifth = await chats.paste(RISKY_RU.format(number=WRITTEN[1]))
    assert WARNING_RU.format(n=5) in fifth  # the counts outlive /forget; they name nobody


async def test_an_honest_offer_does_not_count_as_risky(db: Database, content: Content) -> None:
    chats = Chats(db, content)
    await chats.paste(RISKY_RU.format(number=WRITTEN[0]))
    await chats.paste(RISKY_RU.format(number=WRITTEN[1]))
    honest = await chats.paste(HONEST_RU.format(number=WRITTEN[2]))
    assert WARNED not in honest
    assert WARNED not in await chats.paste(HONEST_RU.format(number=WRITTEN[0]))
    assert WARNING_RU.format(n=3) in await chats.paste(RISKY_RU.format(number=WRITTEN[2]))


async def test_a_number_marked_legitimate_does_not_warn(db: Database, content: Content) -> None:
    chats = Chats(db, content)
    for written in WRITTEN[:2]:
        await chats.paste(RISKY_RU.format(number=written))
    async with db.transaction() as s:
        marked = await chats.contacts.mark(s, "8 900 000-11-22", legitimate=True)
    assert [c.key for c, _ in marked] == ["+79000001122"]
    assert WARNED not in await chats.paste(RISKY_RU.format(number=WRITTEN[2]))
    async with db.transaction() as s:
        await chats.contacts.mark(s, "+79000001122", legitimate=False)
    assert WARNING_RU.format(n=4) in await chats.paste(RISKY_RU.format(number=WRITTEN[0]))


def test_the_privacy_notice_says_what_is_kept_of_contacts(content: Content) -> None:
    said = {"ru": ("необратимого кода", "после /forget"), "ky": ("кайра окулбай", "/forget кийин")}
    for language, words in said.items():
        notice = content.text("welcome", language)
        assert all(w in notice for w in words), (language, notice)

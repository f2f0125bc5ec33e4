"""ReportedContacts: keyed digests, a chat's worst level kept, the count of distinct chats."""

from __future__ import annotations

from sqlalchemy import select

from bot.engine.extract.contact_keys import contact_keys
from bot.services.reported_contacts import ReportedContacts
from bot.storage.database import Database
from bot.storage.reported_contacts import ContactSighting
from bot.types import ConversationKey

KEY = b"test-only-contacts-key-0123456789abcdef"
CHAT = ConversationKey("whatsapp", "996700000111")


def test_digests_depend_on_the_key_and_never_hold_the_contact() -> None:
    number = contact_keys("+7 900 000-11-22")[0]
    one, other = ReportedContacts(KEY), ReportedContacts(KEY[::-1])
    assert one.digest(number) == ReportedContacts(KEY).digest(number)
    assert one.digest(number) != other.digest(number)
    assert "9000001122" not in one.digest(number) and len(one.digest(number)) == 64


async def test_a_chat_counts_once_at_its_worst_level(db: Database) -> None:
    contacts = ReportedContacts(KEY, min_chats=2)
    found = contact_keys("Звоните +7 900 000-11-22")
    async with db.transaction() as s:
        first = await contacts.see(s, found, chat=CHAT, level="critical", indicators=("a",))
        again = await contacts.see(s, found, chat=CHAT, level="low", indicators=("b",))
        other = ConversationKey("telegram", "5")
        warned = await contacts.see(s, found, chat=other, level="high", indicators=())
        rows = (await s.scalars(select(ContactSighting))).all()
    assert first == [] and again == []  # one chat, however often it writes
    assert [(w.contact.key, w.chats) for w in warned] == [("+79000001122", 2)]
    assert sorted((r.level, r.indicators) for r in rows) == [("critical", "a b"), ("high", "")]
    assert not [r for r in rows if CHAT.chat_id in r.mark or "telegram" in r.mark]

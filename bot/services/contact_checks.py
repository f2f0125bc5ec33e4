"""Staff's side of reported contacts: managers check a pasted contact, editors mark one.

Check, not browse: nobody reads a contact back from the list, which shows digests only; a
manager who pastes a number learns whether and how often it was seen, and every check and
every mark is in the audit log (with the digest's prefix, never the contact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.extract.contact_keys import ContactKey
from bot.services.reported_contacts import ReportedContacts
from bot.services.staff import Staff
from bot.storage import audit
from bot.storage.database import Database
from bot.storage.reported_contacts import Profile

SHOWN_DIGEST = 12  # characters of a digest that name it on the pages and in the log


@dataclass(frozen=True, slots=True)
class Checked:
    """One pasted contact: how it reads, its digest's prefix and what is known of it."""

    contact: ContactKey
    digest: str
    profile: Profile | None

    @property
    def short(self) -> str:
        return self.digest[:SHOWN_DIGEST]


class ContactChecks:
    """The manager's list and check, the editor's mark; each staff action audited."""

    def __init__(self, db: Database, contacts: ReportedContacts) -> None:
        self.db = db
        self.contacts = contacts

    @property
    def min_chats(self) -> int:
        return self.contacts.min_chats

    async def most_seen(self) -> Sequence[Profile]:
        async with self.db.transaction() as session:
            return await self.contacts.most_seen(session)

    async def check(self, text: str, *, who: Staff) -> list[Checked]:
        """What is known of each contact in `text`; audited, also when none is found."""
        async with self.db.transaction() as session:
            found = [Checked(*row) for row in await self.contacts.look_up(session, text)]
            await self._audit(session, who, "contact_check", found)
        return found

    async def mark(self, text: str, *, who: Staff, legitimate: bool) -> list[Checked]:
        """Mark each contact in `text` a legitimate employer (or no longer); audited."""
        async with self.db.transaction() as session:
            marked = await self.contacts.mark(session, text, legitimate=legitimate)
            found = [Checked(c, d, None) for c, d in marked]
            action = "contact_mark" if legitimate else "contact_unmark"
            await self._audit(session, who, action, found)
        return found

    @staticmethod
    async def _audit(session: AsyncSession, who: Staff, action: str, found: list[Checked]) -> None:
        detail = " ".join(
            f"{c.contact.kind}:{c.short}:{c.profile.chats if c.profile else 0}" for c in found
        )
        await audit.record(
            session, staff_id=who.id, username=who.username, action=action, detail=detail or "-",
        )  # fmt: skip

"""Contacts of checked offers, kept only as keyed hashes, and where they were seen.

`reported_contacts` holds a contact's digest (an HMAC of its normalised form), its kind and
whether editors marked it a known legitimate employer. `contact_sightings` holds one row per
contact and chat: the row's key is an HMAC of the contact's digest and the chat, so that
different chats can be counted, but nothing in it leads back to the chat (it survives
/forget for that reason), with the highest level and the indicators of that chat's offers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Index, String, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.upsert import insert

DIGEST_CHARS = 64  # hex SHA-256


class ReportedContact(Base):
    """One contact, by digest; `legitimate` silences its warning."""

    __tablename__ = "reported_contacts"

    digest: Mapped[str] = mapped_column(String(DIGEST_CHARS), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    legitimate: Mapped[bool] = mapped_column(default=False)


class ContactSighting(Base):
    """A contact in one chat's offers: the worst level and the indicators found with it."""

    __tablename__ = "contact_sightings"
    __table_args__ = (Index("ix_contact_sightings_digest", "digest"),)

    mark: Mapped[str] = mapped_column(String(DIGEST_CHARS), primary_key=True)
    digest: Mapped[str] = mapped_column(String(DIGEST_CHARS))
    level: Mapped[str] = mapped_column(String(16))
    indicators: Mapped[str] = mapped_column(String(1000), default="")  # ids, space-separated


@dataclass(frozen=True, slots=True)
class Profile:
    """What is known of one contact: its chats per level and its offers' indicators."""

    digest: str
    kind: str
    legitimate: bool
    levels: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, int] = field(default_factory=dict)

    @property
    def chats(self) -> int:
        return sum(self.levels.values())


async def sighting(session: AsyncSession, *, mark: str) -> ContactSighting | None:
    return await session.get(ContactSighting, mark)


async def see(
    session: AsyncSession,
    *,
    digest: str,
    kind: str,
    mark: str,
    level: str,
    indicators: Collection[str],
) -> None:
    """Keep the contact and this chat's sighting of it (replacing the chat's earlier one)."""
    await session.execute(
        insert(session, ReportedContact)
        .values(digest=digest, kind=kind, legitimate=False)
        .on_conflict_do_nothing(index_elements=["digest"])
    )
    ids = " ".join(sorted(indicators))[:1000]
    found = await sighting(session, mark=mark)
    if found is None:
        session.add(ContactSighting(mark=mark, digest=digest, level=level, indicators=ids))
    else:
        found.level, found.indicators = level, ids
    await session.flush()


async def chats_at(
    session: AsyncSession, *, digests: Collection[str], levels: Collection[str]
) -> dict[str, int]:
    """How many chats saw each contact in an offer of one of `levels`."""
    query = (
        select(ContactSighting.digest, func.count())
        .where(ContactSighting.digest.in_(list(digests)), ContactSighting.level.in_(list(levels)))
        .group_by(ContactSighting.digest)
    )
    return {digest: int(n) for digest, n in (await session.execute(query)).all()}


async def legitimate(session: AsyncSession, *, digests: Collection[str]) -> set[str]:
    """The digests among `digests` that editors marked a legitimate employer."""
    query = select(ReportedContact.digest).where(
        ReportedContact.digest.in_(list(digests)), ReportedContact.legitimate.is_(True)
    )
    return set((await session.scalars(query)).all())


async def mark(session: AsyncSession, *, digest: str, kind: str, legitimate: bool) -> None:
    """Mark (or unmark) a contact as a known legitimate employer, seen or not.

    One statement, so that two editors marking a new contact at once do not collide.
    """
    await session.execute(
        insert(session, ReportedContact)
        .values(digest=digest, kind=kind, legitimate=legitimate)
        .on_conflict_do_update(index_elements=["digest"], set_={"legitimate": legitimate})
    )


async def profile(session: AsyncSession, *, digest: str) -> Profile | None:
    """The contact's counts, or None when it was never seen nor marked."""
    contact = await session.get(ReportedContact, digest)
    if contact is None:
        return None
    rows = await session.execute(
        select(ContactSighting.level, ContactSighting.indicators).where(
            ContactSighting.digest == digest
        )
    )
    levels: Counter[str] = Counter()
    indicators: Counter[str] = Counter()
    for level, ids in rows.all():
        levels[level] += 1
        indicators.update(ids.split())
    return Profile(digest, contact.kind, contact.legitimate, dict(levels), dict(indicators))


async def most_seen(
    session: AsyncSession, *, levels: Collection[str], min_chats: int, limit: int = 200
) -> Sequence[Profile]:
    """Contacts seen in offers of `levels` from at least `min_chats` chats, most seen first."""
    chats = func.count().label("chats")
    query = (
        select(ContactSighting.digest, chats)
        .where(ContactSighting.level.in_(list(levels)))
        .group_by(ContactSighting.digest)
        .having(func.count() >= min_chats)
        .order_by(chats.desc(), ContactSighting.digest)
        .limit(limit)
    )
    digests = [digest for digest, _ in (await session.execute(query)).all()]
    found = [await profile(session, digest=digest) for digest in digests]
    return [p for p in found if p is not None]

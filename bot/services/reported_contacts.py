"""Recruiters reported before: key each contact of a checked offer, count it, warn about it.

A contact is stored only as an HMAC-SHA256 digest of its normalised form
(`engine.extract.contact_keys`), keyed by `SAPAR_CONTACTS__SECRET`; a chat's sighting of it
only as an HMAC of the digest and the chat. When a contact was seen in high or critical
offers from `min_chats` different chats (this one counted) and editors have not marked it a
legitimate employer, the offer's report says so in the user's language.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Assessed
from bot.engine.extract.contact_keys import ContactKey, contact_keys
from bot.engine.offer.case import OfferCase
from bot.services.turn import Turn
from bot.settings import Settings
from bot.storage import reported_contacts as rows
from bot.storage.reported_contacts import Profile
from bot.types import ConversationKey, Reply

log = logging.getLogger(__name__)

LEVELS = ("low", "medium", "high", "critical")  # DOMAIN.md's level policy, mildest first
RISKY = ("high", "critical")


@dataclass(frozen=True, slots=True)
class Seen:
    """A contact of this offer, and how many chats saw it in risky offers."""

    contact: ContactKey
    chats: int


class ReportedContacts:
    """Keyed digests of contacts, their sightings per chat, and the report's warning."""

    def __init__(self, key: bytes, *, min_chats: int = 3) -> None:
        self._key = key
        self.min_chats = min_chats

    def digest(self, contact: ContactKey) -> str:
        return self._hmac(f"{contact.kind}:{contact.key}")

    def _hmac(self, message: str) -> str:
        return hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()

    def _mark(self, digest: str, chat: ConversationKey) -> str:
        """The sighting's key: one per contact and chat, from which neither can be read."""
        return self._hmac(f"{digest}\x1f{chat.channel}\x1f{chat.chat_id}")

    async def on_turn(self, session: AsyncSession, turn: Turn) -> None:
        """After an offer's check: keep its contacts' sightings; warn in its report."""
        assessed = [e for e in turn.result.events if isinstance(e, Assessed)]
        offer = turn.result.state.offer
        if not assessed or not offer:
            return
        contacts = contact_keys("\n".join(OfferCase.from_dict(offer).texts))
        seen = await self.see(
            session, contacts, chat=turn.message.key, level=assessed[-1].level,
            indicators=assessed[-1].indicators,
        )  # fmt: skip
        if seen:
            language = turn.result.state.language or turn.content.languages.default
            turn.replies = with_warning(turn.replies, seen, turn.content, language)

    async def see(
        self,
        session: AsyncSession,
        contacts: Sequence[ContactKey],
        *,
        chat: ConversationKey,
        level: str,
        indicators: Sequence[str],
    ) -> list[Seen]:
        """Keep each contact's sighting in this chat; the ones to warn about, with counts.

        A chat that sends the same contact again keeps its worst level and every indicator.
        """
        digests = [self.digest(c) for c in contacts]
        for contact, digest in zip(contacts, digests, strict=True):
            mark = self._mark(digest, chat)
            before = await rows.sighting(session, mark=mark)
            worst, ids = level, set(indicators)
            if before is not None:
                worst = max(level, before.level, key=_rank)
                ids |= set(before.indicators.split())
            await rows.see(
                session, digest=digest, kind=contact.kind, mark=mark, level=worst,
                indicators=ids,
            )  # fmt: skip
        chats = await rows.chats_at(session, digests=digests, levels=RISKY)
        fine = await rows.legitimate(session, digests=digests)
        return [
            Seen(contact, chats[digest])
            for contact, digest in zip(contacts, digests, strict=True)
            if chats.get(digest, 0) >= self.min_chats and digest not in fine
        ]

    async def look_up(
        self, session: AsyncSession, text: str
    ) -> list[tuple[ContactKey, str, Profile | None]]:
        """Each contact pasted in `text` with its digest and what is known of it."""
        found = []
        for contact in contact_keys(text):
            digest = self.digest(contact)
            found.append((contact, digest, await rows.profile(session, digest=digest)))
        return found

    async def mark(
        self, session: AsyncSession, text: str, *, legitimate: bool
    ) -> list[tuple[ContactKey, str]]:
        """Mark every contact pasted in `text` as a legitimate employer (or no longer)."""
        marked = []
        for contact in contact_keys(text):
            digest = self.digest(contact)
            await rows.mark(session, digest=digest, kind=contact.kind, legitimate=legitimate)
            marked.append((contact, digest))
        return marked

    async def most_seen(self, session: AsyncSession) -> Sequence[Profile]:
        """Contacts seen in risky offers from at least `min_chats` chats."""
        return await rows.most_seen(session, levels=RISKY, min_chats=self.min_chats)


def _rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else 0


def with_warning(
    replies: tuple[Reply, ...], seen: Sequence[Seen], content: Content, language: str
) -> tuple[Reply, ...]:
    """The replies with the warning added to the report's first bubble (the level's)."""
    lines = [
        content.text(f"offer_contact_seen_{s.contact.kind}", language,
                     contact=s.contact.shown, count=s.chats)
        for s in seen
    ]  # fmt: skip
    warning = "\n".join([*lines, content.text("offer_contact_seen_advice", language)])
    heading = _level_heading(content, language)
    for i, reply in enumerate(replies):
        if heading and heading in reply.text:
            added = replace(reply, text=f"{reply.text}\n\n{warning}")
            return (*replies[:i], added, *replies[i + 1 :])
    return (*replies, Reply(warning))


def _level_heading(content: Content, language: str) -> str | None:
    """The report bubble's first words («Уровень риска:»), from the live catalogue."""
    catalogue = content.offers
    if catalogue is None:
        return None
    return catalogue.text("headings", "risk_level", language) + ":"


def contacts_from_settings(settings: Settings) -> ReportedContacts | None:
    """Recruiters reported before, when there is a key to keep their contacts with."""
    key = settings.contacts.key(settings.app.environment)
    if key is None:
        log.warning("reported contacts are off: SAPAR_CONTACTS__SECRET is not set")
        return None
    return ReportedContacts(key, min_chats=settings.contacts.min_chats)

"""Operators on shift: available («online») or away, and what that does to their chats."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Protocol

from bot.storage import audit, staff
from bot.storage.database import Database

if TYPE_CHECKING:
    from bot.services.staff import Staff

log = logging.getLogger(__name__)
PRESENCES = ("online", "away")


class Shift(Protocol):
    """What happens to chats when an operator comes or goes (services.operators.assign)."""

    async def give_back(self, operator_id: int, username: str, why: str) -> int: ...

    async def fill(self) -> int: ...


async def settle(step: Awaitable[int]) -> None:
    """What follows a login, logout or disabling for the chats: a failure there is logged (the
    shift round tries again) and never undoes or hides what the account change did."""
    try:
        await step
    except Exception:
        log.exception("could not move chats after an account change; the shift round retries")


async def set_presence(db: Database, shift: Shift | None, who: Staff, presence: str) -> None:
    """Online or away, as the operator says (audited): away gives their chats back to the
    queue, online may bring them chats (automatic assignment)."""
    if presence not in PRESENCES:
        raise ValueError("presence is online or away")
    async with db.transaction() as session:
        user = await staff.by_id(session, user_id=who.id)
        if user is not None and user.presence != presence:
            user.presence = presence
            await audit.record(
                session, staff_id=who.id, username=who.username, action=f"presence_{presence}"
            )
    if shift is None:
        return
    if presence == "away":
        await shift.give_back(who.id, who.username, "away")
    else:
        await shift.fill()


async def operators(db: Database) -> list[tuple[int, str, str]]:
    """(id, name, presence) of everyone who can take a chat."""
    async with db.transaction() as session:
        return [(u.id, u.username, u.presence) for u in await staff.operators(session)]

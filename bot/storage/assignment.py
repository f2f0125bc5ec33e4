"""Who can take another chat: available operators, their open chats, and their last claim.

`pick` locks the available operators' rows (in id order, so two assigners never deadlock)
before it counts: a second process assigning at the same moment waits for the first one's
commit and then counts its chat too, so nobody is given more than the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.handoffs import Handoff
from bot.storage.staff import StaffSession, StaffUser

TAKERS = ("operator", "admin")


async def pick(session: AsyncSession, *, limit: int, now: datetime) -> StaffUser | None:
    """The available operator holding the fewest open chats (fewer than `limit`), locked.

    Available: active, «online» and logged in now (a session that ran out without a logout
    leaves «online» behind). A tie goes to whoever was given a chat longest ago (never:
    first), then the lower id.
    """
    logged_in = exists().where(StaffSession.user_id == StaffUser.id, StaffSession.expires_at > now)
    available = (
        await session.scalars(
            select(StaffUser)
            .where(
                StaffUser.active.is_(True),
                StaffUser.role.in_(TAKERS),
                StaffUser.presence == "online",
                logged_in,
            )
            .order_by(StaffUser.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).all()
    if not available:
        return None
    ids = [u.id for u in available]
    held = await open_counts(session, operator_ids=ids)
    last = await last_claims(session, operator_ids=ids)
    room = [u for u in available if held.get(u.id, 0) < limit]
    if not room:
        return None
    never = datetime.min.replace(tzinfo=UTC)

    def order(user: StaffUser) -> tuple[int, datetime, int]:
        return held.get(user.id, 0), last.get(user.id, never), user.id

    return min(room, key=order)


async def open_counts(session: AsyncSession, *, operator_ids: Sequence[int]) -> dict[int, int]:
    """How many chats each operator holds now, by operator id (absent: none)."""
    rows = await session.execute(
        select(Handoff.operator_id, func.count(Handoff.id))
        .where(Handoff.status == "claimed", Handoff.operator_id.in_(operator_ids))
        .group_by(Handoff.operator_id)
    )
    return {int(op): int(n) for op, n in rows.all() if op is not None}


async def last_claims(session: AsyncSession, *, operator_ids: Sequence[int]) -> dict[int, datetime]:
    """When each operator last took (or was given) a chat, by operator id."""
    rows = await session.execute(
        select(Handoff.operator_id, func.max(Handoff.claimed_at))
        .where(Handoff.operator_id.in_(operator_ids), Handoff.claimed_at.is_not(None))
        .group_by(Handoff.operator_id)
    )
    return {int(op): at for op, at in rows.all() if op is not None and at is not None}


async def held_by(session: AsyncSession, *, operator_id: int) -> Sequence[int]:
    """The ids of the chats an operator holds now."""
    query = select(Handoff.id).where(
        Handoff.status == "claimed", Handoff.operator_id == operator_id
    )
    return (await session.scalars(query.order_by(Handoff.id))).all()


async def release(
    session: AsyncSession, *, handoff_id: int, operator_id: int, now: datetime
) -> bool:
    """Put a held chat back in the queue, if this operator still holds it."""
    result = await session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff_id,
            Handoff.status == "claimed",
            Handoff.operator_id == operator_id,
        )
        .values(status="queued", operator_id=None, last_read_id=0, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def sign_out_stale(session: AsyncSession, *, now: datetime) -> list[tuple[int, str]]:
    """Set «away» whoever is «online» without a live session (it ran out, never logged out);
    returns their (id, name)."""
    live = exists().where(StaffSession.user_id == StaffUser.id, StaffSession.expires_at > now)
    stale = (
        await session.scalars(
            select(StaffUser).where(StaffUser.presence == "online", ~live).with_for_update()
        )
    ).all()
    for user in stale:
        user.presence = "away"
    return [(u.id, u.username) for u in stale]


async def mark_alerted(session: AsyncSession, *, handoff_id: int, now: datetime) -> bool:
    """Note that the operators' chat is told this queued entry is late; True only once."""
    result = await session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff_id,
            Handoff.status == "queued",
            Handoff.late_alerted_at.is_(None),
        )
        .values(late_alerted_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def absent_holders(session: AsyncSession) -> list[tuple[int, str]]:
    """(id, name) of the away or disabled operators who still hold chats."""
    query = (
        select(StaffUser.id, StaffUser.username)
        .join(Handoff, Handoff.operator_id == StaffUser.id)
        .where(
            Handoff.status == "claimed",
            (StaffUser.presence != "online") | StaffUser.active.is_(False),
        )
        .distinct()
    )
    return [(int(row[0]), str(row[1])) for row in (await session.execute(query)).all()]

"""A staff account linked to a Telegram user, who may then act in the operators' group."""

from __future__ import annotations

from bot.services.staff import StaffError
from bot.storage import audit, staff
from bot.storage.database import Database


async def link_telegram(db: Database, username: str, telegram_user_id: int | None) -> None:
    """Link the account to a Telegram user (None: unlink); audited.

    Raises:
        StaffError: no such account, or another account has that Telegram user.
    """
    async with db.transaction() as session:
        user = await staff.by_name(session, username=username)
        if user is None:
            raise StaffError(f"no user {username!r}")
        if telegram_user_id is not None:
            other = await staff.by_telegram(session, telegram_user_id=telegram_user_id)
            if other is not None and other.id != user.id:
                raise StaffError(f"telegram user {telegram_user_id} is {other.username}'s")
        user.telegram_user_id = telegram_user_id
        await audit.record(
            session, staff_id=user.id, username=user.username, action="link_telegram",
            detail="unlinked" if telegram_user_id is None else "linked",
        )  # fmt: skip

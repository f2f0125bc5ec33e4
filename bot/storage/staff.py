"""Hotline staff: accounts, server-side sessions and login attempts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.models import Base

ROLES = ("operator", "editor", "manager", "admin")


class StaffUser(Base):
    """A person who works in the console or the admin: operator, editor or admin."""

    __tablename__ = "staff_users"
    __table_args__ = (Index("ix_staff_users_telegram_user_id", "telegram_user_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    presence: Mapped[str] = mapped_column(String(16), default="away")  # online | away
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()
    # Their Telegram account, for acting in the operators' group's topics; None: not linked.
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)


class StaffSession(Base):
    """A logged-in browser; the cookie holds a token, the row only its keyed hash."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class LoginAttempt(Base):
    """A login attempt being checked, or one that failed: counted per name and address.

    Queries are in `login_attempts.py`; a row is written before the password is checked, so
    concurrent attempts see each other (see there).
    """

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


async def by_name(session: AsyncSession, *, username: str) -> StaffUser | None:
    """The account with this name, active or not."""
    return await session.scalar(select(StaffUser).where(StaffUser.username == username))


async def by_id(session: AsyncSession, *, user_id: int) -> StaffUser | None:
    return await session.get(StaffUser, user_id)


async def by_telegram(session: AsyncSession, *, telegram_user_id: int) -> StaffUser | None:
    """The account linked to this Telegram user, active or not."""
    query = select(StaffUser).where(StaffUser.telegram_user_id == telegram_user_id)
    return await session.scalar(query)


async def add(session: AsyncSession, *, username: str, password_hash: str, role: str) -> StaffUser:
    """Create an account (the unique name refuses a second one)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    user = StaffUser(
        username=username,
        password_hash=password_hash,
        role=role,
        active=True,
        presence="away",
        created_at=utcnow(),
    )
    session.add(user)
    await session.flush()
    return user


async def operators(session: AsyncSession) -> Sequence[StaffUser]:
    """Active people who can take chats (operators and admins), by name."""
    query = select(StaffUser).where(
        StaffUser.active.is_(True), StaffUser.role.in_(("operator", "admin"))
    )
    return (await session.scalars(query.order_by(StaffUser.username))).all()


async def add_session(
    session: AsyncSession, *, token_hash: str, user_id: int, csrf_token: str, expires_at: datetime
) -> None:
    session.add(
        StaffSession(
            id=token_hash,
            user_id=user_id,
            csrf_token=csrf_token,
            created_at=utcnow(),
            expires_at=expires_at,
        )
    )


async def find_session(
    session: AsyncSession, *, token_hash: str, now: datetime
) -> tuple[StaffSession, StaffUser] | None:
    """A live session and its active user, or None."""
    row = (
        await session.execute(
            select(StaffSession, StaffUser)
            .join(StaffUser, StaffUser.id == StaffSession.user_id)
            .where(
                StaffSession.id == token_hash,
                StaffSession.expires_at > now,
                StaffUser.active.is_(True),
            )
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


async def drop_sessions(
    session: AsyncSession, *, token_hash: str | None = None, user_id: int | None = None
) -> None:
    """End one session, or every session of a user (password change, disabling)."""
    query = delete(StaffSession)
    if token_hash is not None:
        query = query.where(StaffSession.id == token_hash)
    if user_id is not None:
        query = query.where(StaffSession.user_id == user_id)
    await session.execute(query)


async def drop_expired(session: AsyncSession, *, now: datetime) -> None:
    """Forget sessions that ran out (they are refused anyway; this keeps the table small)."""
    await session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))

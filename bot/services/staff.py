"""Staff accounts and logins: argon2 passwords, throttling, server-side sessions."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import utcnow
from bot.services.login_gate import LoginGate
from bot.services.passwords import Passwords
from bot.services.presence import Shift, settle
from bot.settings.operators import OperatorsSettings
from bot.storage import audit, staff
from bot.storage.database import Database

MIN_PASSWORD = 10
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class StaffError(Exception):
    """A request about accounts that cannot be done; the message says why."""


class LoginResult(StrEnum):
    OK = "ok"
    BAD = "bad"  # wrong name or password (never said which)
    THROTTLED = "throttled"


@dataclass(frozen=True, slots=True)
class Staff:
    """The person behind a request."""

    id: int
    username: str
    role: str
    presence: str
    csrf_token: str
    session_hash: str


class StaffService:
    """Accounts, logins and sessions; `secret` keys the stored session hashes."""

    def __init__(
        self,
        db: Database,
        settings: OperatorsSettings,
        secret: bytes,
        *,
        clock: Callable[[], datetime] = utcnow,
        hasher: PasswordHasher = _hasher,
    ) -> None:
        self.db = db
        self.settings = settings
        self.secret = secret
        self.clock = clock
        self.hasher = hasher
        self.passwords = Passwords(hasher)
        self.gate = LoginGate(db, settings)
        self.shift: Shift | None = None  # set where chats are assigned (console, CLI)

    def _hash_token(self, token: str) -> str:
        return hmac.new(self.secret, token.encode(), hashlib.sha256).hexdigest()

    async def add(self, username: str, password: str, role: str) -> int:
        """Create an account; raises StaffError for a taken name, bad role or short password."""
        _check_password(password)
        password_hash = await self.passwords.hash(password)
        if not username or len(username) > 64 or not username.isprintable():
            raise StaffError("a user name is 1–64 printable characters")
        async with self.db.transaction() as session:
            if await staff.by_name(session, username=username) is not None:
                raise StaffError(f"user {username!r} exists already")
            try:
                user = await staff.add(
                    session, username=username, password_hash=password_hash, role=role
                )
            except ValueError as exc:
                raise StaffError(str(exc)) from None
            return user.id

    async def set_password(self, username: str, password: str) -> None:
        """Change a password and end every session of that user."""
        _check_password(password)
        password_hash = await self.passwords.hash(password)
        async with self.db.transaction() as session:
            user = await _existing(session, username)
            user.password_hash = password_hash
            await staff.drop_sessions(session, user_id=user.id)

    async def disable(self, username: str) -> None:
        """Refuse the user's logins from now on and end their sessions."""
        async with self.db.transaction() as session:
            user = await _existing(session, username)
            user.active = False
            user.presence = "away"
            await staff.drop_sessions(session, user_id=user.id)
            user_id = user.id
        if self.shift is not None:
            await settle(self.shift.give_back(user_id, username, "disabled"))

    async def login(
        self, username: str, password: str, address: str
    ) -> tuple[LoginResult, str | None]:
        """Check a login; on success a new session token for the cookie.

        A refused or failed attempt leaves its row behind, which throttles this name from
        this address only (`LoginGate`); the check itself runs in a worker thread.
        """
        now = self.clock()
        if await self.gate.enter(username, address, now) is None:
            return LoginResult.THROTTLED, None
        async with self.db.transaction() as session:
            user = await staff.by_name(session, username=username)
            stored = user.password_hash if user is not None and user.active else None
        # An unknown or disabled name is checked against a dummy, so it costs the same time.
        matches = await self.passwords.verify(stored or _DUMMY_HASH, password)
        if stored is None or not matches:
            return LoginResult.BAD, None
        rehashed = (
            await self.passwords.hash(password) if self.passwords.needs_rehash(stored) else None
        )
        token = await self._open_session(username, address, stored, rehashed, now)
        return (LoginResult.OK, token) if token else (LoginResult.BAD, None)

    async def _open_session(
        self, username: str, address: str, checked: str, rehashed: str | None, now: datetime
    ) -> str | None:
        """A new session for a user whose password just matched `checked`, if still so."""
        async with self.db.transaction() as session:
            user = await staff.by_name(session, username=username)
            if user is None or not user.active or user.password_hash != checked:
                return None  # disabled or changed while the password was being checked
            if rehashed is not None:
                user.password_hash = rehashed
            await self.gate.passed(session, username=username, address=address, now=now)
            await staff.drop_expired(session, now=now)
            token = secrets.token_urlsafe(32)
            await staff.add_session(
                session,
                token_hash=self._hash_token(token),
                user_id=user.id,
                csrf_token=secrets.token_urlsafe(32),
                expires_at=now + timedelta(hours=self.settings.session_hours),
            )
            user.last_login_at = now
            user.presence = "online"
            await audit.record(session, staff_id=user.id, username=user.username, action="login")
        if self.shift is not None:
            await settle(self.shift.fill())
        return token

    async def resolve(self, token: str) -> Staff | None:
        """The staff member of a session cookie, if the session is live."""
        token_hash = self._hash_token(token)
        async with self.db.transaction() as session:
            found = await staff.find_session(session, token_hash=token_hash, now=self.clock())
            if found is None:
                return None
            row, user = found
            return Staff(user.id, user.username, user.role, user.presence, row.csrf_token, row.id)

    async def logout(self, who: Staff) -> None:
        async with self.db.transaction() as session:
            await staff.drop_sessions(session, token_hash=who.session_hash)
            user = await staff.by_id(session, user_id=who.id)
            if user is not None:
                user.presence = "away"
            await audit.record(session, staff_id=who.id, username=who.username, action="logout")
        if self.shift is not None:
            await settle(self.shift.give_back(who.id, who.username, "away"))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"a password has at least {MIN_PASSWORD} characters")


async def _existing(session: AsyncSession, username: str) -> staff.StaffUser:
    user = await staff.by_name(session, username=username)
    if user is None:
        raise StaffError(f"no user {username!r}")
    return user

"""`python -m bot users add|passwd|disable`: once as a real subprocess, then in-process."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.staff import LoginResult, StaffService
from bot.settings.operators import OperatorsSettings
from bot.storage import staff
from bot.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]


def url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"


def login(tmp_path: Path, name: str, password: str) -> LoginResult:
    async def attempt() -> LoginResult:
        db = Database(url(tmp_path))
        try:
            service = StaffService(db, OperatorsSettings(), b"k" * 32)
            result, _ = await service.login(name, password, "127.0.0.1")
            return result
        finally:
            await db.dispose()

    return asyncio.run(attempt())


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `users …` in this process with `stdin` as its standard input."""
    monkeypatch.setenv("SAPAR_DATABASE__URL", url(tmp_path))

    def run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return main(["users", *args])

    return run


def test_add_as_a_real_command_reads_the_password_from_stdin(tmp_path: Path) -> None:
    added = subprocess.run(
        [sys.executable, "-m", "bot", "users", "add", "ann", "--role", "operator"],
        input="first-password-1\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SAPAR_DATABASE__URL": url(tmp_path)},
        timeout=180,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    assert "first-password-1" not in added.stderr + added.stdout
    assert login(tmp_path, "ann", "first-password-1") is LoginResult.OK


def test_change_password_and_disable(tmp_path: Path, users) -> None:  # type: ignore[no-untyped-def]
    assert users("add", "ann", "--role", "admin", stdin="first-password-1\n") == 0
    assert users("add", "ann", stdin="another-password\n") == 1  # exists already
    assert users("passwd", "ann", stdin="second-password-2\n") == 0
    assert login(tmp_path, "ann", "first-password-1") is LoginResult.BAD
    assert login(tmp_path, "ann", "second-password-2") is LoginResult.OK
    assert users("disable", "ann") == 0
    assert login(tmp_path, "ann", "second-password-2") is LoginResult.BAD


def test_short_passwords_unknown_users_and_roles_are_refused(users) -> None:  # type: ignore[no-untyped-def]
    assert users("add", "bob", stdin="short\n") == 1
    assert users("passwd", "nobody", stdin="long-enough-pass\n") == 1
    with pytest.raises(SystemExit) as bad_role:
        users("add", "bob", "--role", "root", stdin="long-enough-pass\n")
    assert bad_role.value.code == 2


def linked(tmp_path: Path, telegram_user_id: int) -> str | None:
    async def look() -> str | None:
        db = Database(url(tmp_path))
        try:
            async with db.transaction() as session:
                user = await staff.by_telegram(session, telegram_user_id=telegram_user_id)
                return user.username if user is not None else None
        finally:
            await db.dispose()

    return asyncio.run(look())


def test_link_telegram_links_unlinks_and_refuses_a_second_account(  # type: ignore[no-untyped-def]
    tmp_path: Path, users
) -> None:
    assert users("add", "ann", stdin="first-password-1\n") == 0
    assert users("add", "bob", stdin="first-password-2\n") == 0
    assert users("link-telegram", "ann", "777001") == 0
    assert linked(tmp_path, 777001) == "ann"
    assert users("link-telegram", "bob", "777001") == 1  # ann's already
    assert users("link-telegram", "bob", "not-a-number") == 1
    assert users("link-telegram", "nobody", "777002") == 1
    assert users("link-telegram", "ann", "none") == 0
    assert linked(tmp_path, 777001) is None

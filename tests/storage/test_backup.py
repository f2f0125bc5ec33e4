"""Backups restore what was stored: the same rows in every table, on SQLite and PostgreSQL.

A database is filled through the services (chats, an unanswered question, a hand-off with an
operator's note and reply, delivered replies), copied while its engine is still open (SQLite:
`python -m bot db backup`; PostgreSQL: `pg_dump -Fc` and `pg_restore` into a fresh database,
as the README says), and every table is counted on both sides.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

from bot.cli import main
from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.services.operators.desk import Desk
from bot.services.operators.escalation import Escalations
from bot.services.outbox import OutboxService
from bot.services.staff import Staff
from bot.settings.operators import OperatorsSettings
from bot.storage import handoffs, migrate, staff
from bot.storage.database import Database
from bot.types import ConversationKey, UserMessage
from tests.conftest import DatabaseFactory

WEDNESDAY_NOON = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
PG_TOOLS = pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump/pg_restore are not on PATH (Debian: postgresql-client; .ci/run installs it)",
)


def counts(connection: Connection) -> dict[str, int]:
    """Rows per table, for every table the database has."""
    return {
        table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
        for table in inspect(connection).get_table_names()
    }


async def counted(db: Database) -> dict[str, int]:
    async with db.engine.connect() as conn:
        return await conn.run_sync(counts)


async def fill(db: Database, content: Content) -> None:
    """A few days' use: chats, a hand-off an operator worked on, replies delivered."""
    escalations = Escalations(OperatorsSettings(), clock=lambda: WEDNESDAY_NOON)
    svc = ConversationService(db, lambda: content, max_chars=4096, escalations=escalations)
    said = ("Здравствуйте", "где кукурузник летает?", "позовите оператора")
    for n in range(3):
        key = ConversationKey("test", f"chat-{n}")
        for i, words in enumerate(said[: n + 1]):
            await svc.receive(UserMessage(key, f"m{n}.{i}", WEDNESDAY_NOON, text=words))
    async with db.transaction() as s:
        user = await staff.add(s, username="olga", password_hash="x", role="operator")
        (entry,) = await handoffs.queue(s)
    olga = Staff(user.id, "olga", "operator", "online", "csrf", "session")

    async def publish(_event: object) -> None:
        return None

    room = Desk(db, lambda: content, publish=publish, wake=lambda: None)
    await room.claim(entry.id, olga)
    await room.note(entry.id, olga, "перезвонить")
    await room.reply(entry.id, olga, "Здравствуйте, я оператор")
    outbox = OutboxService(db)
    while batch := await outbox.claim(channels={"test"}, lease=timedelta(60), limit=50):
        for delivery in batch:
            await outbox.sent(delivery.row_id, f"out-{delivery.row_id}")


async def test_db_backup_copies_a_sqlite_database_in_use(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'live.db'}"
    db = Database(url)
    try:
        await migrate.upgrade(db)
        await fill(db, content)
        before = await counted(db)
        monkeypatch.setenv("SAPAR_DATABASE__URL", url)
        target = tmp_path / "copies" / "sapar-backup.db"
        # The engine stays open: the newest pages may still be in the write-ahead log.
        assert main(["db", "backup", str(target)]) == 0
        assert main(["db", "backup", str(target)]) == 1  # never over an earlier backup
    finally:
        await db.dispose()
    copy = Database(f"sqlite+aiosqlite:///{target}")
    try:
        restored = await counted(copy)
    finally:
        await copy.dispose()
    assert restored == before
    assert before["messages"] > 5 and before["handoff_notes"] == 1 and before["staff_users"] == 1


def test_db_backup_refuses_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAPAR_DATABASE__URL", "postgresql+asyncpg://u@127.0.0.1:1/sapar")
    assert main(["db", "backup", str(tmp_path / "x.db")]) == 1
    assert not (tmp_path / "x.db").exists()


@PG_TOOLS
async def test_pg_dump_and_pg_restore_give_back_every_row(
    pg_databases: DatabaseFactory, content: Content, tmp_path: Path
) -> None:
    db = await pg_databases.create()
    await fill(db, content)
    before = await counted(db)
    source = make_url(pg_databases.url).set(drivername="postgresql")
    dump = tmp_path / "sapar.dump"
    libpq = source.render_as_string(hide_password=False)
    subprocess.run(
        ["pg_dump", "-Fc", "-n", pg_databases.schema, "-f", str(dump), libpq],
        check=True,
        timeout=120,
    )
    fresh = f"{source.database}_restore_{uuid.uuid4().hex[:8]}"
    admin = Database(pg_databases.url)
    try:
        async with admin.engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text(f'CREATE DATABASE "{fresh}"'))
        target = source.set(database=fresh).render_as_string(hide_password=False)
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", target, str(dump)],
            check=True,
            timeout=120,
        )
        restored_db = Database(
            make_url(pg_databases.url).set(database=fresh).render_as_string(hide_password=False),
            connect_args={"server_settings": {"search_path": pg_databases.schema}},
        )
        try:
            restored = await counted(restored_db)
        finally:
            await restored_db.dispose()
    finally:
        async with admin.engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{fresh}"'))
        await admin.dispose()
    assert restored == before
    assert before["messages"] > 5 and before["handoff_notes"] == 1 and before["staff_users"] == 1

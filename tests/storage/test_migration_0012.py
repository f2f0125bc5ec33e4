"""Migration 0012: the hand-offs' late-alert time, as the model declares it, down and up."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import migrate
from bot.storage.database import Database
from bot.storage.models import Base


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if "handoffs" in repr(d)]


def columns(connection: Connection) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns("handoffs")}


async def test_migration_0012_matches_the_model_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
        assert "late_alerted_at" in await conn.run_sync(columns)
    await migrate.downgrade(db, "0011")
    async with db.engine.connect() as conn:
        assert "late_alerted_at" not in await conn.run_sync(columns)
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()  # later revisions follow 0012

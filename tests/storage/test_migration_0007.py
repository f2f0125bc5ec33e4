"""Migration 0007: the outbox notes when a dead reply was sent again, and matches the models."""

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
    return [d for d in found if "requeued_at" in repr(d)]


def outbox_columns(connection: Connection) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns("outbox")}


async def test_migration_0007_matches_the_models_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
    await migrate.downgrade(db, "0006")
    async with db.engine.connect() as conn:
        assert "requeued_at" not in await conn.run_sync(outbox_columns)
    await migrate.upgrade(db)
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []

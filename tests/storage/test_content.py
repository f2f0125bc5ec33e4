"""Migration 0004: the content tables match their models and go down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import migrate
from bot.storage.database import Database
from bot.storage.models import Base

TABLES = {"content_documents", "content_revisions", "content_unanswered"}


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if "content_" in repr(d)]


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migration_0004_matches_the_models_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
        assert await conn.run_sync(table_names) >= TABLES
    await migrate.downgrade(db, "0003")
    async with db.engine.connect() as conn:
        assert not TABLES & await conn.run_sync(table_names)
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()

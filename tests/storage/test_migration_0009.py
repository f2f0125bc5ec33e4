"""Migration 0009: the satisfaction answers' table, as the model declares it, counted by month."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import migrate, satisfaction
from bot.storage.database import Database
from bot.storage.models import Base

TABLE = "satisfaction_answers"


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if TABLE in repr(d)]


def tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migration_0009_matches_the_model_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
    await migrate.downgrade(db, "0008")
    async with db.engine.connect() as conn:
        assert TABLE not in await conn.run_sync(tables)
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()


async def test_ratings_are_counted_per_month_and_operator_comments_apart(db: Database) -> None:
    async with db.transaction() as s:
        for period, rating in (("2026-11", "up"), ("2026-12", "up"), ("2026-12", "down")):
            await satisfaction.add(
                s, period=period, channel="whatsapp", language="ru", rating=rating
            )
        await satisfaction.add(s, period="2026-12", channel="whatsapp", language="ru", comment="ok")
    async with db.transaction() as s:
        counts = await satisfaction.counts(s)
        assert sorted((c.period, c.up, c.down) for c in counts) == [
            ("2026-11", 1, 0),
            ("2026-12", 1, 1),
        ]
        assert [c.period for c in await satisfaction.counts(s, periods=1)] == ["2026-12"]
        assert await satisfaction.comments(s, period="2026-12") == ["ok"]

"""Migration 0010: the anonymous event store, as the model declares it, read back by filter."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import insights, migrate
from bot.storage.database import Database
from bot.storage.insights import Fact, Filters
from bot.storage.models import Base

TABLE = "insight_events"


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if TABLE in repr(d)]


def columns(connection: Connection) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns(TABLE)}


async def test_migration_0010_matches_the_model_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
        # Nothing that could name a chat, a person or a moment finer than the day.
        held = await conn.run_sync(columns)
    assert not held & {"conversation_id", "user_id", "chat_id", "handoff_id", "text", "at"}
    await migrate.downgrade(db, "0009")
    async with db.engine.connect() as conn:
        assert TABLE not in await conn.run_sync(lambda c: inspect(c).get_table_names())
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()


async def test_facts_are_read_by_kind_period_and_filters(db: Database) -> None:
    day = date(2026, 11, 3)
    async with db.transaction() as s:
        await insights.add(s, Fact("offer", day, "telegram", "ky", "RU", level="high",
                                   indicators=("worker_pays_fee", "debt_bondage")))  # fmt: skip
        await insights.add(s, Fact("offer", day, "whatsapp", "ru", "KR", level="low"))
        await insights.add(s, Fact("offer", date(2026, 12, 1), "telegram", "ru", "RU"))
        await insights.add(s, Fact("question", day, "telegram", "ky", None, intent="greet"))
    november = Filters(date(2026, 11, 1), date(2026, 11, 30))
    async with db.transaction() as s:
        found = await insights.read(s, kind="offer", filters=november)
        assert sorted(f.country or "" for f in found) == ["KR", "RU"]
        (russia,) = await insights.read(
            s, kind="offer", filters=Filters(november.start, november.end, country="RU")
        )
        assert russia.indicators == ("worker_pays_fee", "debt_bondage")
        assert russia.level == "high" and russia.language == "ky"
        assert (
            await insights.read(
                s, kind="offer", filters=Filters(november.start, november.end, channel="web")
            )
            == []
        )
        choices = await insights.choices(s)
    assert choices["country"] == ["KR", "RU"] and choices["language"] == ["ky", "ru"]


async def test_an_unknown_kind_is_refused(db: Database) -> None:
    async with db.transaction() as s:
        with pytest.raises(ValueError, match="unknown kind"):
            await insights.add(s, Fact("chat_id", date(2026, 1, 1), "web"))

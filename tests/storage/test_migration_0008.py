"""Migration 0008: the outbox's partial indexes of unsettled rows, as the models declare them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection

from bot.clock import utcnow
from bot.storage import migrate
from bot.storage import outbox as rows
from bot.storage.database import Database
from bot.storage.models import Base, Conversation

NAMES = {"ix_outbox_unsettled_id", "ix_outbox_unsettled_conversation_id_id"}


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if "outbox" in repr(d)]


def partial_indexes(connection: Connection) -> dict[str, str]:
    """The outbox's indexes of 0008 with their WHERE clause, as the database reports them."""
    found = {}
    for index in inspect(connection).get_indexes("outbox"):
        if index["name"] in NAMES:
            options = index.get("dialect_options", {})
            where = options.get("postgresql_where") or options.get("sqlite_where")
            found[str(index["name"])] = str(where)
    return found


async def test_migration_0008_matches_the_models_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
        where = await conn.run_sync(partial_indexes)
    assert set(where) == NAMES
    assert all("pending" in w and "sending" in w for w in where.values())
    await migrate.downgrade(db, "0007")
    async with db.engine.connect() as conn:
        assert await conn.run_sync(partial_indexes) == {}
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()


async def test_the_claim_among_many_settled_rows_reads_the_partial_index(
    tmp_path: Path,
) -> None:
    """SQLite's plan for claim_due's own query names an index of unsettled rows only."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'plan.db'}")
    try:
        await migrate.upgrade(db)
        async with db.transaction() as session:
            conv = Conversation(channel="webchat", chat_id="c1")
            session.add(conv)
            await session.flush()
            for status in ["dead"] * 300 + ["sent"] * 300 + ["pending"]:
                row = await rows.enqueue(
                    session, conversation_id=conv.id, channel="webchat", chat_id="c1", payload={}
                )
                row.status = status
        async with db.engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE")
        statement, parameters = await _claim_statement(db)
        async with db.engine.connect() as conn:
            plan = await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            details = " | ".join(str(line[-1]) for line in plan)
    finally:
        await db.dispose()
    assert "USING INDEX ix_outbox_unsettled_id" in details, details
    assert "USING INDEX ix_outbox_unsettled_conversation_id_id" in details, details


async def _claim_statement(db: Database) -> tuple[str, Any]:
    """The SELECT that claim_due sends to the database, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "outbox" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine.sync_engine, "before_cursor_execute", grab)
    try:
        async with db.transaction() as session:
            claimed = await rows.claim_due(
                session, now=utcnow(), lease=timedelta(seconds=60), limit=50, channels=["webchat"]
            )
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", grab)
    assert len(claimed) == 1 and len(seen) == 1
    return seen[0]

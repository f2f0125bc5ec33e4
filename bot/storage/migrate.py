"""Schema migrations (Alembic), applied by `python -m bot db upgrade` and on `serve`."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from bot.storage.database import Database

SCRIPT_LOCATION = "bot.storage:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config that finds the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to `revision` (the newest by default)."""

    def run(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)

    await _without_sqlite_foreign_keys(db, run)


async def downgrade(db: Database, revision: str) -> None:
    """Take the schema back to `revision` ("base" removes every table)."""

    def run(connection: Connection) -> None:
        command.downgrade(alembic_config(connection), revision)

    await _without_sqlite_foreign_keys(db, run)


async def _without_sqlite_foreign_keys(db: Database, run: Callable[[Connection], None]) -> None:
    """Run migrations; on SQLite with foreign keys off, as its docs require for table copies.

    SQLite rebuilds a table by copying it and dropping the old one, and dropping a table
    with foreign keys on deletes its rows first, cascading into every table that refers to
    it. The pragma is a no-op inside a transaction, so it is set before the first statement;
    afterwards the keys are checked and switched back on for the pooled connection.
    """
    if db.is_postgres:
        async with db.engine.begin() as conn:
            await conn.run_sync(run)
        return
    async with db.engine.connect() as conn:
        # Straight to the driver: SQLAlchemy's own execute would BEGIN first.
        driver = (await conn.get_raw_connection()).driver_connection
        if driver is None:  # only an invalidated connection has none
            raise RuntimeError("the database connection was lost before migrating")
        await driver.execute("PRAGMA foreign_keys=OFF")
        try:
            await conn.run_sync(run)
            await conn.commit()
            cursor = await driver.execute("PRAGMA foreign_key_check")
            broken = await cursor.fetchall()
            if broken:
                raise RuntimeError(f"migration left rows without their parents: {broken[:5]}")
        finally:
            await driver.execute("PRAGMA foreign_keys=ON")


async def current(db: Database) -> str | None:
    """The revision the database is at, or None for an empty one."""
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with db.engine.connect() as conn:
        return await conn.run_sync(read)


def head() -> str | None:
    """The newest revision of the migrations in the package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()

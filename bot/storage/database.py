"""Engine and sessions for SQLite (the default) and PostgreSQL (several processes)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_

from bot.storage.writer_gate import WriterGate

READ_ONLY = "sapar_read_only"  # an execution option: this transaction only reads


class Database:
    """One engine and its session factory; `transaction()` is the unit of work."""

    def __init__(self, url: str, *, echo: bool = False, connect_args: dict[str, Any] | None = None):
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        kwargs: dict[str, Any] = {"echo": echo, "connect_args": dict(connect_args or {})}
        kwargs["hide_parameters"] = True  # errors and echo name no values: users' words
        self.gate: WriterGate | None = None
        if self.dialect == "sqlite":
            kwargs["connect_args"].setdefault("timeout", 30)
            self.gate = WriterGate(float(kwargs["connect_args"]["timeout"]))
            path = make_url(url).database
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        read_options: dict[str, Any] = {READ_ONLY: True}
        if self.dialect == "sqlite":
            busy_ms = int(float(kwargs["connect_args"]["timeout"]) * 1000)
            _sqlite_immediate_transactions(self.engine, busy_ms)
        elif self.dialect == "postgresql":
            _ping_on_checkout(self.engine)
            # A read is one statement or a few whose snapshots need not agree (a page's
            # look, a history): no BEGIN and COMMIT, two round trips fewer per read.
            read_options["isolation_level"] = "AUTOCOMMIT"
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # The same pool; on SQLite its transactions begin DEFERRED (see `reading`).
        readers = self.engine.execution_options(**read_options)
        self.reader_sessions = async_sessionmaker(readers, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on error."""
        if self.gate is None:
            async with self.sessions() as session, session.begin():
                yield session
            return
        async with self.gate.hold(), self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A transaction that only reads: on SQLite it does not wait for the write lock.

        Every SQLite transaction otherwise begins IMMEDIATE (see below), so a page asking for
        new replies queued behind each writer; in WAL mode a reader sees a consistent
        snapshot without the lock. Only read in it: two of them writing could deadlock there.
        """
        async with self.reader_sessions() as session, session.begin():
            yield session

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:  # any failure means "not ready", whatever the driver raises
            return False
        return True

    async def dispose(self) -> None:
        await self.engine.dispose()


def _ping_on_checkout(engine: AsyncEngine) -> None:
    """Check each pooled connection as it is handed out, in one round trip.

    SQLAlchemy's `pool_pre_ping` on asyncpg pings inside a transaction of its own (BEGIN,
    a statement, ROLLBACK: three round trips on every checkout, a sixth of serve's CPU under
    load). One simple-protocol query (no prepare, no transaction) finds a dead connection
    just as well; the pool then replaces it and the caller never sees it.
    """

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        try:
            await_(dbapi_connection.driver_connection.execute("SELECT 1"))
        except Exception as error:  # whatever the driver raises, the connection is gone
            raise exc.DisconnectionError(str(error)) from error


def _sqlite_immediate_transactions(engine: AsyncEngine, busy_ms: int) -> None:
    """Make every SQLite transaction take the write lock at BEGIN.

    pysqlite starts transactions lazily and as DEFERRED, so two writers can both read the
    same conversation state and then fail (or lose an update) on write. BEGIN IMMEDIATE
    serialises them, which is the SQLite equivalent of a row lock.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives a
        # crash of the process (the 200 after it stays true); a power cut or kernel crash may
        # lose the last transactions already answered 200 (README: use PostgreSQL where that
        # matters). Issue 14 measured the trade.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        reading = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

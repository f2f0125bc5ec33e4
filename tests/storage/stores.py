"""A store over every backend, as the storage suites open it: the memory implementation, or
the SQL one on a session in a transaction (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Database
from tests.conftest import BACKENDS, DatabaseFactory

S = TypeVar("S")
PARAMS = ["memory", *BACKENDS]  # the `backend` fixtures' params


class Stores(Generic[S]):
    """One store per backend: `db` None means memory."""

    def __init__(self, db: Database | None, memory: S, sql: Callable[[AsyncSession], S]) -> None:
        self.db, self.memory, self.sql = db, memory, sql

    @asynccontextmanager
    async def store(self) -> AsyncIterator[S]:
        if self.db is None:
            yield self.memory
            return
        async with self.db.transaction() as session:
            yield self.sql(session)


@asynccontextmanager
async def database_for(param: str, tmp_path: Path) -> AsyncIterator[Database | None]:
    """None for the memory store, else a migrated, empty database of that backend."""
    if param == "memory":
        yield None
        return
    factory = DatabaseFactory(param, tmp_path)
    try:
        yield await factory.create()
    finally:
        await factory.close()

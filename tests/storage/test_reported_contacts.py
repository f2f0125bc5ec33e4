"""Reported contacts: the migration matches the model; chats are counted per level, once each."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import migrate
from bot.storage import reported_contacts as contacts
from bot.storage.database import Database
from bot.storage.models import Base

TABLES = ("reported_contacts", "contact_sightings")
RISKY = ("high", "critical")


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return [d for d in found if any(table in repr(d) for table in TABLES)]


def tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migration_0011_matches_the_model_and_goes_down_and_up(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
    await migrate.downgrade(db, "0009")
    async with db.engine.connect() as conn:
        assert not set(TABLES) & await conn.run_sync(tables)
    await migrate.upgrade(db)
    assert await migrate.current(db) == migrate.head()


async def see(db: Database, mark: str, level: str, *indicators: str, digest: str = "d1") -> None:
    async with db.transaction() as s:
        await contacts.see(
            s, digest=digest, kind="phone", mark=mark, level=level, indicators=indicators
        )


async def test_each_chat_counts_once_at_its_latest_level(db: Database) -> None:
    await see(db, "chat-a", "high", "worker_pays_fee")
    await see(db, "chat-a", "critical", "worker_pays_fee", "document_retention")  # same chat
    await see(db, "chat-b", "low")
    await see(db, "chat-c", "high", "worker_pays_fee", digest="d2")
    async with db.transaction() as s:
        assert await contacts.chats_at(s, digests=["d1", "d2", "d3"], levels=RISKY) == {
            "d1": 1,
            "d2": 1,
        }
        found = await contacts.profile(s, digest="d1")
    assert found is not None and found.chats == 2
    assert found.levels == {"critical": 1, "low": 1}
    assert found.indicators == {"worker_pays_fee": 1, "document_retention": 1}


async def test_a_mark_silences_a_contact_seen_or_not(db: Database) -> None:
    await see(db, "chat-a", "high")
    async with db.transaction() as s:
        await contacts.mark(s, digest="d1", kind="phone", legitimate=True)
        await contacts.mark(s, digest="never-seen", kind="company", legitimate=True)
    async with db.transaction() as s:
        assert await contacts.legitimate(s, digests=["d1", "never-seen", "x"]) == {
            "d1",
            "never-seen",
        }
        await contacts.mark(s, digest="d1", kind="phone", legitimate=False)
    async with db.transaction() as s:
        assert await contacts.legitimate(s, digests=["d1"]) == set()
        assert await contacts.profile(s, digest="nothing") is None


async def test_most_seen_lists_contacts_from_enough_risky_chats_first(db: Database) -> None:
    for n in range(4):
        await see(db, f"a{n}", "critical", "document_retention", digest="many")
    for n in range(3):
        await see(db, f"b{n}", "high", digest="three")
    await see(db, "c0", "high", digest="one")
    for n in range(5):
        await see(db, f"d{n}", "low", digest="honest")
    async with db.transaction() as s:
        found = await contacts.most_seen(s, levels=RISKY, min_chats=3)
    assert [p.digest for p in found] == ["many", "three"]
    assert found[0].indicators == {"document_retention": 4}

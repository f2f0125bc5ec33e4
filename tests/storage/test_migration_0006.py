"""Migration 0006: hashes the dedupe ids already stored, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import Connection

from bot.clock import utcnow
from bot.storage import messages, migrate
from bot.storage.database import Database
from bot.storage.models import Base, InboundSeen

WAMID = "wamid.HBgMOTk2NzAwMTIzNDU2FQIAEhgg"


def differences(connection: Connection) -> list[object]:
    found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    touched = ("forgotten_at", "content_unanswered", "inbound_seen")
    return [d for d in found if any(name in repr(d) for name in touched)]


async def test_migration_0006_hashes_stored_ids_and_matches_the_models(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(differences) == []
    await migrate.downgrade(db, "0005")
    async with db.engine.begin() as conn:  # a row as the code before 0006 wrote it
        await conn.execute(
            InboundSeen.__table__.insert().values(
                channel="whatsapp", external_id=WAMID, seen_at=utcnow()
            )
        )
    await migrate.upgrade(db)
    async with db.transaction() as s:
        stored = (await s.scalars(select(InboundSeen.external_id))).all()
        assert stored == [messages.seen_key(WAMID)]
        assert await messages.already_seen(s, channel="whatsapp", external_id=WAMID)

"""Alembic environment: runs on a connection handed in by `bot.storage.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

# Their tables join Base.
from bot.storage import (  # noqa: F401
    audit,
    callbacks,
    content,
    handoffs,
    insights,
    reported_contacts,
    satisfaction,
    staff,
    topics,
    voice_notes,
)
from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `python -m bot db upgrade`, not the alembic CLI")
run(connection)

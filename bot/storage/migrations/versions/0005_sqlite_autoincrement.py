"""SQLite: ids are never reused (AUTOINCREMENT) in the tables whose ids leave the database.

Without AUTOINCREMENT SQLite hands out max(id)+1, so after /forget deleted a chat's newest
rows, the next rows got ids a web chat had already passed (its reply cursor), and a deleted
handoff's console URL was given to another person. PostgreSQL's sequences never reuse ids.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("users", "conversations", "messages", "outbox", "handoffs", "handoff_notes")


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        # The copy keeps every row, index and constraint; migrate.upgrade has switched the
        # foreign keys off so that dropping the old table cascades nothing.
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)

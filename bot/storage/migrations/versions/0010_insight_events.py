"""The anonymous event store: facts of turns and hand-offs without text or anyone's id.

A row holds the day, channel, language and one kind of fact (intent, offer level and signs,
destination, sector, pay band, hand-off reason, a wait in seconds, outcome, rating). Its key
is random: no chat, user, conversation or hand-off id, and no time finer than the day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insight_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("intent", sa.String(length=64), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("indicators", sa.String(length=800), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.Column("pay_band", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("rating", sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_events")),
    )
    op.create_index("ix_insight_events_kind_day", "insight_events", ["kind", "day"])


def downgrade() -> None:
    op.drop_index("ix_insight_events_kind_day", table_name="insight_events")
    op.drop_table("insight_events")

"""Satisfaction after a closed hand-off: answers stored without the person's identity.

A row holds the month, the channel, the language, the rating (or a comment) and the
operator who closed the chat; no chat, user, conversation or hand-off id and no timestamp.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "satisfaction_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("rating", sa.String(length=8), nullable=True),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["staff_users.id"],
            name=op.f("fk_satisfaction_answers_operator_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_answers")),
    )
    op.create_index("ix_satisfaction_answers_period", "satisfaction_answers", ["period"])


def downgrade() -> None:
    op.drop_index("ix_satisfaction_answers_period", table_name="satisfaction_answers")
    op.drop_table("satisfaction_answers")

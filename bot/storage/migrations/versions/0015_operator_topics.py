"""Operators in a Telegram group: staff linked to their Telegram id, and each hand-off's topic.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("telegram_user_id", sa.BigInteger(), nullable=True))
        batch_op.create_index("ix_staff_users_telegram_user_id", ["telegram_user_id"], unique=True)
    op.create_table(
        "handoff_topics",
        sa.Column("handoff_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.String(length=32), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("relayed_id", sa.Integer(), nullable=False),
        sa.Column("told", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["handoff_id"],
            ["handoffs.id"],
            name=op.f("fk_handoff_topics_handoff_id_handoffs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_handoff_topics_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("handoff_id", name=op.f("pk_handoff_topics")),
    )
    op.create_index(
        "uq_handoff_topics_thread", "handoff_topics", ["chat_id", "thread_id"], unique=True
    )
    op.create_index("ix_handoff_topics_conversation_id", "handoff_topics", ["conversation_id"])


def downgrade() -> None:
    op.drop_index("ix_handoff_topics_conversation_id", table_name="handoff_topics")
    op.drop_index("uq_handoff_topics_thread", table_name="handoff_topics")
    op.drop_table("handoff_topics")
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.drop_index("ix_staff_users_telegram_user_id")
        batch_op.drop_column("telegram_user_id")

"""Content in the database: documents, revisions, unanswered questions.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "content_documents",
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("published_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_content_documents")),
    )
    op.create_table(
        "content_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(length=128), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["document"],
            ["content_documents.name"],
            name=op.f("fk_content_revisions_document_content_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_revisions")),
        sa.UniqueConstraint("document", "number", name="uq_content_revisions_document_number"),
    )
    op.create_index("ix_content_revisions_document", "content_revisions", ["document"])
    op.create_table(
        "content_unanswered",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_unanswered")),
    )
    op.create_index("ix_content_unanswered_status", "content_unanswered", ["status"])


def downgrade() -> None:
    op.drop_index("ix_content_unanswered_status", table_name="content_unanswered")
    op.drop_table("content_unanswered")
    op.drop_index("ix_content_revisions_document", table_name="content_revisions")
    op.drop_table("content_revisions")
    op.drop_table("content_documents")

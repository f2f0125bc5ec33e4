"""/forget leaves nothing: unanswered questions know their chat; dedupe ids are hashes.

A conversation notes when its person used /forget, so that once the confirmation has gone
out the row can be cut from them (a placeholder chat id, no user). An unanswered question
records its conversation, so that the person's /forget deletes it. The dedupe table keeps a
SHA-256 of each platform message id instead of the id itself (a WhatsApp message id carries
the sender's phone number); rows already there are hashed here.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEEN = sa.table(
    "inbound_seen", sa.column("channel", sa.String), sa.column("external_id", sa.String)
)


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("forgotten_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_conversations_forgotten_at", ["forgotten_at"])
    with op.batch_alter_table("content_unanswered") as batch:
        batch.add_column(sa.Column("conversation_id", sa.Integer(), nullable=True))
        batch.create_index("ix_content_unanswered_conversation_id", ["conversation_id"])
    bind = op.get_bind()
    for channel, external_id in bind.execute(sa.select(SEEN.c.channel, SEEN.c.external_id)).all():
        hashed = hashlib.sha256(str(external_id).encode()).hexdigest()
        bind.execute(
            SEEN.update()
            .where(SEEN.c.channel == channel, SEEN.c.external_id == external_id)
            .values(external_id=hashed)
        )


def downgrade() -> None:
    # The hashes cannot be turned back into ids; they still refuse the same message twice
    # only under the new code, so the older code starts with an empty dedupe table.
    op.execute(SEEN.delete())
    with op.batch_alter_table("content_unanswered") as batch:
        batch.drop_index("ix_content_unanswered_conversation_id")
        batch.drop_column("conversation_id")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_index("ix_conversations_forgotten_at")
        batch.drop_column("forgotten_at")

"""A partial index of the outbox rows still to send, so a claim never reads the settled ones.

`claim_due` looks for unsettled rows (pending, or sending with a lease that may have run
out) in id order, each checked against older unsettled rows of its chat. The index on
(status, next_attempt_at) holds every row ever sent or given up, and with tens of thousands
of dead rows (and no vacuum) a claim took seconds. These two indexes hold only unsettled
rows: one in claim order, one by chat for the "an older reply waits" check.

Revision ID: 0008
Revises: 0006 (rebase onto 0007 when both are merged)
Create Date: 2026-12-01
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNSETTLED = "status IN ('pending', 'sending')"  # bot.storage.outbox.UNSETTLED


def upgrade() -> None:
    where: dict[str, Any] = {
        "sqlite_where": sa.text(UNSETTLED),
        "postgresql_where": sa.text(UNSETTLED),
    }
    op.create_index("ix_outbox_unsettled_id", "outbox", ["id"], **where)
    op.create_index(
        "ix_outbox_unsettled_conversation_id_id", "outbox", ["conversation_id", "id"], **where
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_unsettled_conversation_id_id", table_name="outbox")
    op.drop_index("ix_outbox_unsettled_id", table_name="outbox")

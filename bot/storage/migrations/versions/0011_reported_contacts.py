"""Recruiters reported before: contacts of checked offers as keyed hashes, sightings per chat.

`reported_contacts` holds a contact's HMAC digest, its kind and the editors' "legitimate
employer" mark; `contact_sightings` one row per contact and chat, keyed by an HMAC of the
two, with the worst level and the indicators of that chat's offers. No number, name, chat
or time is stored.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reported_contacts",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("legitimate", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_reported_contacts")),
    )
    op.create_table(
        "contact_sightings",
        sa.Column("mark", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("indicators", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("mark", name=op.f("pk_contact_sightings")),
    )
    op.create_index("ix_contact_sightings_digest", "contact_sightings", ["digest"])


def downgrade() -> None:
    op.drop_index("ix_contact_sightings_digest", table_name="contact_sightings")
    op.drop_table("contact_sightings")
    op.drop_table("reported_contacts")

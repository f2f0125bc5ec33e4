"""What platforms report about replies already sent (sent, delivered, read, failed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import OutboxRow

# Receipts only move forward: a late "delivered" must not overwrite "read".
RECEIPT_RANK = {"sent": 1, "delivered": 2, "read": 3, "played": 3, "failed": 4}


async def record_receipt(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    receipt: str,
    at: datetime,
    error: str | None = None,
) -> OutboxRow | None:
    """Note what the platform reported about a sent reply; None when no row has that id.

    A "failed" receipt makes the row dead, so that operators see the reply never arrived.
    """
    row = await session.scalar(
        select(OutboxRow)
        .where(OutboxRow.channel == channel, OutboxRow.external_id == external_id)
        .order_by(OutboxRow.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    if RECEIPT_RANK.get(receipt, 0) > RECEIPT_RANK.get(row.receipt or "", 0):
        row.receipt = receipt
        row.receipt_at = at
        if receipt == "failed":
            row.status = "dead"
            row.last_error = (error or "the platform reported the message as failed")[:2000]
    return row

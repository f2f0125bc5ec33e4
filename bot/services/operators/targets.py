"""Waiting-time targets: when a queued chat becomes late (per reason, from config.yml)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.services.operators.view import QueueItem
from bot.settings.operators import OperatorsSettings
from bot.storage.handoffs import Handoff


def due_at(entry: Handoff, settings: OperatorsSettings) -> datetime:
    """When the chat has waited as long as its reason's target allows."""
    return entry.created_at + timedelta(minutes=settings.wait_target(entry.reason))


def is_late(entry: Handoff, settings: OperatorsSettings, now: datetime) -> bool:
    """Still waiting for an operator after its target (a taken chat is never late)."""
    return entry.status == "queued" and now >= due_at(entry, settings)


def deadlines(items: Sequence[QueueItem], settings: OperatorsSettings) -> dict[int, datetime]:
    """Each queued item's due time, by queue entry id (taken ones have none)."""
    return {i.entry.id: due_at(i.entry, settings) for i in items if i.entry.status == "queued"}

"""What tells the queue's rows apart: who (a short handle), where they are, what they wrote.

Five «⚠ Опасность сейчас» rows look alike without it. Read from what storage already holds
(the conversation's state and its last inbound message); the queue itself is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.engine.content.model import Content
from bot.services.operators.view import QueueItem
from bot.storage import queue_rows
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class RowFacts:
    """A queue row's distinguishing facts; texts are raw, the page neutralises them."""

    handle: str  # short, stable, reveals no phone number or platform id
    country: str | None  # the country's name for operators (Russian), else its code
    last_text: str  # the user's latest message, "" when there is none


def handle(channel: str, chat_id: str) -> str:
    """A short name for a chat that an operator can say aloud: «#3fa92c»."""
    return "#" + hashlib.sha256(f"{channel}:{chat_id}".encode()).hexdigest()[:6]


async def facts(
    db: Database, content: Callable[[], Content], items: Sequence[QueueItem]
) -> dict[int, RowFacts]:
    """The facts of each item, by queue entry id."""
    ids = [item.entry.conversation_id for item in items]
    async with db.transaction() as session:
        convs = await queue_rows.conversations(session, ids=ids)
        texts = await queue_rows.last_inbound(session, conversation_ids=ids)
    hotlines, staff = content().hotlines, content().languages.staff
    found: dict[int, RowFacts] = {}
    for item in items:
        conv = convs.get(item.entry.conversation_id)
        if conv is None:
            continue
        code = (conv.state or {}).get("country")
        country = _country_name(hotlines, str(code), staff) if code else None
        found[item.entry.id] = RowFacts(
            handle(conv.channel, conv.chat_id), country, texts.get(conv.id, "")
        )
    return found


def _country_name(hotlines: Mapping[str, Mapping[str, Any]], code: str, staff: str) -> str:
    names = (hotlines.get(code) or {}).get("name") or {}
    return str(names.get(staff) or code)  # operators read the staff's language

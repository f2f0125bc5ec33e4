"""A hand-off's changes told once in its topic, wherever they happened: taken (in the topic,
in the console, or given by automatic assignment), back in the queue, closed, withdrawn.

The state last told is kept with the topic and changed under its row lock, so of several
processes hearing one change (or of two events for it) one posts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine.content.model import Content
from bot.storage import handoffs, staff
from bot.storage.handoff_close import FORGOTTEN
from bot.storage.handoffs import Handoff
from bot.storage.topics import SqlTopics

if TYPE_CHECKING:
    from bot.services.operators.topics import TopicRoom


async def tell(room: TopicRoom, handoff_id: int) -> None:
    """Post the hand-off's state into its topic, if it changed since last told."""
    async with room.db.transaction() as session:
        entry = await handoffs.get(session, handoff_id=handoff_id)
        if entry is None or entry.outcome == FORGOTTEN:
            return
        store = SqlTopics(session)
        topic = await store.by_handoff(handoff_id)
        if topic is None or not await store.tell(handoff_id, state_of(entry)):
            return
        holder = None
        if entry.operator_id is not None:
            holder = await staff.by_id(session, user_id=entry.operator_id)
        name = holder.username if holder is not None else "—"
    await room.say(topic, words(room.content(), entry, name))


def state_of(entry: Handoff) -> str:
    """queued, claimed:<operator id> (a transfer is a change too) or closed."""
    return f"claimed:{entry.operator_id}" if entry.status == "claimed" else entry.status


def words(content: Content, entry: Handoff, name: str) -> str:
    """The line that tells the state, in the staff's language."""
    lang = content.languages.staff
    if entry.status == "claimed":
        return content.text("topic_claimed", lang, name=name)
    if entry.status == "queued":
        return content.text("topic_returned", lang)
    if entry.outcome == "withdrawn":
        return content.text("topic_withdrawn", lang)
    outcome = content.text(f"console_outcome_{entry.outcome}", lang) if entry.outcome else "—"
    return content.text("topic_closed", lang, name=name, outcome=outcome)

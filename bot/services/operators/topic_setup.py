"""Building the operators' topics room from its setting (for the composition root)."""

from __future__ import annotations

from bot.services.content.store import ContentStore
from bot.services.operators.desk import Desk
from bot.services.operators.escalation import Escalations, TurnEffect
from bot.services.operators.events import LiveEvent
from bot.services.operators.topics import TopicRoom
from bot.settings.operators import OperatorsSettings
from bot.storage.database import Database


def topic_room(
    db: Database, settings: OperatorsSettings, escalations: Escalations, content: ContentStore
) -> TopicRoom | None:
    """The room when `topics_telegram_chat` is set. Its desk tells what every escalation
    tells: the consoles, automatic assignment, the voice keeper and the room itself."""
    chat = settings.topics_telegram_chat
    if chat is None:
        return None

    async def publish(event: LiveEvent) -> None:
        await escalations.announce(TurnEffect(event=event))

    # The sender is built after the channels: `bot.app` gives its wake once it exists.
    desk = Desk(db, lambda: content.current, publish=publish, wake=lambda: None)
    room = TopicRoom(db, lambda: content.current, desk, chat)
    escalations.listeners.append(room.on_event)  # idle until `bot.app` plugs Telegram in
    return room

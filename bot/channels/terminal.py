"""The terminal as a channel (`python -m bot chat`): replies are collected per user."""

from __future__ import annotations

from collections import defaultdict

from bot.types import Reply

CHANNEL = "cli"


class TerminalDeliverer:
    """Keeps delivered replies until the command line prints them."""

    channel = CHANNEL

    def __init__(self) -> None:
        self._replies: defaultdict[str, list[Reply]] = defaultdict(list)

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        self._replies[chat_id].append(reply)
        return None

    def take(self, chat_id: str) -> list[Reply]:
        """The replies delivered to `chat_id` since the last call."""
        return self._replies.pop(chat_id, [])

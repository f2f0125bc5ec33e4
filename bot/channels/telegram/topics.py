"""The operators' group's forum topics through the Bot API: open, post into, close, delete.

`services.operators.topics.TopicPort` on the channel's own aiogram client. Errors propagate:
the room logs them (a topic is a convenience beside the console, never a reason to fail).
"""

from __future__ import annotations

import html

from aiogram import Bot
from aiogram.enums import ParseMode

from bot.channels.delivery.split import split_reply
from bot.channels.telegram.outbound import LIMIT
from bot.types import Reply

TOPIC_NAME = 128  # characters of a topic's name (Bot API)


class TelegramTopics:
    """createForumTopic, sendMessage with message_thread_id, close- and deleteForumTopic."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def create_topic(self, chat_id: str, name: str) -> int:
        topic = await self.bot.create_forum_topic(chat_id=int(chat_id), name=name[:TOPIC_NAME])
        return topic.message_thread_id

    async def post(self, chat_id: str, thread_id: int, text: str) -> None:
        for part in split_reply(Reply(text), LIMIT):
            await self.bot.send_message(
                chat_id=int(chat_id),
                message_thread_id=thread_id,
                text=html.escape(part.text, quote=False),
                parse_mode=ParseMode.HTML,
            )

    async def close_topic(self, chat_id: str, thread_id: int) -> None:
        await self.bot.close_forum_topic(chat_id=int(chat_id), message_thread_id=thread_id)

    async def delete_topic(self, chat_id: str, thread_id: int) -> None:
        await self.bot.delete_forum_topic(chat_id=int(chat_id), message_thread_id=thread_id)

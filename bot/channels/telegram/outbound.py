"""Replies → Telegram Bot API calls, with failures sorted into "retry" and "give up"."""

from __future__ import annotations

import html
import logging

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatAction, ParseMode
from aiogram.exceptions import (
    AiogramError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.delivery.base import DeliveryError
from bot.channels.delivery.split import split_reply
from bot.channels.telegram.inbound import CHANNEL
from bot.types import Button, Reply

log = logging.getLogger(__name__)
LIMIT = 4096  # characters of one message, counted after the markup is parsed


def make_bot(token: str, *, api_base: str, timeout: float) -> Bot:
    """An aiogram Bot talking to `api_base` (Telegram itself, a local Bot API server, a fake)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base), timeout=timeout)
    return Bot(token, session=session)


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """One button per row: menu titles are long sentences in Kyrgyz."""
    if not buttons:
        return None
    rows = [[InlineKeyboardButton(text=b.title, callback_data=b.payload)] for b in buttons]
    return InlineKeyboardMarkup(inline_keyboard=rows)


class TelegramDeliverer:
    """Sends replies as HTML-escaped messages with inline keyboards."""

    channel = CHANNEL

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def parts(self, reply: Reply) -> list[Reply]:
        """The messages a reply becomes; its buttons go under the last one."""
        return split_reply(reply, LIMIT)

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        """Send every part of `reply`; return the id of the last message."""
        message_id: str | None = None
        for part in self.parts(reply):
            if not part.text.strip():
                raise DeliveryError("empty reply text", permanent=True)
            message_id = await self._send(chat_id, part)
        return message_id

    async def _send(self, chat_id: str, part: Reply) -> str:
        try:
            sent = await self.bot.send_message(
                chat_id=int(chat_id),
                text=html.escape(part.text, quote=False),
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(part.buttons),
            )
        except TelegramRetryAfter as exc:
            raise DeliveryError(str(exc), retry_after=float(exc.retry_after)) from exc
        except (
            TelegramForbiddenError,  # the user blocked the bot
            TelegramBadRequest,  # chat not found, bad markup: a retry gets the same answer
            TelegramNotFound,
            TelegramMigrateToChat,
        ) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}", permanent=True) from exc
        except AiogramError as exc:  # network, timeout, 5xx, bad token, undecodable answer
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return str(sent.message_id)

    async def typing(self, chat_id: str) -> None:
        """Show "typing…" while the reply is prepared; a failure here changes nothing."""
        try:
            await self.bot.send_chat_action(chat_id=int(chat_id), action=ChatAction.TYPING)
        except AiogramError as exc:
            log.debug("typing action for %s failed: %s", chat_id, exc)

    async def close(self) -> None:
        await self.bot.session.close()

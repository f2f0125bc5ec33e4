"""Telegram: the webhook route and the handling shared by webhook and long polling.

An update is answered 200 only after `receive()` has committed it (state, transcript and
replies in the outbox); sending happens later in the outbox sender. So a crash after the
200 loses nothing, and a crash before it makes Telegram send the update again, which the
dedupe in `receive()` absorbs.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import AiogramError
from aiogram.types import Update
from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from bot.channels.boundary import read_json, reason
from bot.channels.telegram.files import file_fetch
from bot.channels.telegram.inbound import parse
from bot.channels.telegram.outbound import TelegramDeliverer
from bot.services.conversation import ConversationService
from bot.services.operators import topic_actions
from bot.services.operators.topics import TopicRoom
from bot.services.pictures.reader import PictureReader
from bot.services.voices.keeper import VoiceKeeper
from bot.types import Media

log = logging.getLogger(__name__)
SECRET_HEADER = "x-telegram-bot-api-secret-token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


class TelegramUpdates:
    """Parses updates, hands their messages to the conversation service, acknowledges buttons."""

    def __init__(
        self,
        bot: Bot,
        deliverer: TelegramDeliverer,
        conversations: ConversationService,
        pictures: PictureReader | None = None,
        download_timeout: float = 15.0,
        voices: VoiceKeeper | None = None,
        topics: TopicRoom | None = None,
    ) -> None:
        self.bot = bot
        self.deliverer = deliverer
        self.conversations = conversations
        self.pictures = pictures
        self.download_timeout = download_timeout
        self.voices = voices
        self.topics = topics  # the operators' group's topics; None: groups are ignored
        self._side_tasks: set[asyncio.Task[None]] = set()

    def update(self, payload: Any) -> Update:
        """Validate a decoded JSON payload as an update.

        Raises:
            pydantic.ValidationError: when it is not one.
        """
        return Update.model_validate(payload, context={"bot": self.bot})

    async def handle(self, update: Update) -> None:
        """Receive the update's message, if it has one; raises if it could not be stored."""
        inbound = parse(update)
        if inbound.group is not None and self.topics is not None:
            await topic_actions.receive(self.topics, inbound.group)
        elif inbound.message is None:
            log.debug("telegram update %s left alone: %s", update.update_id, inbound.ignored)
        else:
            message = inbound.message
            self._side(self.deliverer.typing(message.key.chat_id))
            fetch = file_fetch(self.bot, message, timeout=self.download_timeout)
            if message.media is Media.VOICE and self.voices is not None:
                taken = await self.voices.take(message, fetch)
                await self.voices.settle(taken, await self.conversations.receive(taken.message))
            else:
                if self.pictures is not None and fetch is not None:
                    message = await self.pictures.attach(message, fetch)
                await self.conversations.receive(message)
        if inbound.callback_id is not None:
            self._side(self._answer_callback(inbound.callback_id))

    async def _answer_callback(self, callback_id: str) -> None:
        try:
            await self.bot.answer_callback_query(callback_query_id=callback_id)
        except AiogramError as exc:  # the spinner stops by itself after a while
            log.debug("answerCallbackQuery failed: %s", exc)

    def _side(self, coro: Any) -> None:
        """Run a courtesy call (typing, callback answer) without making the update wait."""
        task: asyncio.Task[None] = asyncio.create_task(coro)
        self._side_tasks.add(task)
        task.add_done_callback(self._side_tasks.discard)

    async def close(self) -> None:
        for task in list(self._side_tasks):
            task.cancel()
        await asyncio.gather(*self._side_tasks, return_exceptions=True)


def router(channel: TelegramUpdates, *, secret: str | None) -> APIRouter:
    """`POST /telegram/webhook`; refuses everything while no webhook secret is configured."""
    api = APIRouter(tags=["telegram"])
    expected = (secret or "").encode()

    @api.post("/telegram/webhook", include_in_schema=False)
    async def webhook(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not expected or not hmac.compare_digest(given, expected):
            return Response(status_code=401)
        try:
            update = channel.update(read_json(await request.body()))
        except (ValueError, ValidationError) as exc:  # boundary.Unreadable is a ValueError
            log.warning("telegram webhook: malformed update: %s", reason(exc))
            return Response(status_code=400)
        await channel.handle(update)
        return Response(status_code=200)

    return api

"""Telegram's start-up: register the webhook, or long-poll `getUpdates` instead.

Polling confirms an update to Telegram (by asking for the next offset) only after
`receive()` has stored it, so a crash mid-batch makes Telegram hand the rest out again.
"""

from __future__ import annotations

import asyncio
import itertools
import logging

from aiogram.exceptions import AiogramError, TelegramRetryAfter

from bot.channels.telegram.updates import ALLOWED_UPDATES, TelegramUpdates
from bot.services.background import stop_task
from bot.settings import TelegramSettings

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)


class TelegramRunner:
    """Starts and stops whatever brings updates in, as `telegram.mode` says."""

    def __init__(self, channel: TelegramUpdates, settings: TelegramSettings) -> None:
        self.channel = channel
        self.settings = settings
        self.offset: int | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is not None:
            return
        if self.settings.mode == "polling":
            self._task = asyncio.create_task(self.poll(), name="telegram-polling")
        elif self.settings.public_url:
            self._task = asyncio.create_task(self.register(), name="telegram-set-webhook")
        else:
            log.warning(
                "telegram webhook mode without telegram.public_url: register "
                "%s with Telegram yourself",
                WEBHOOK_PATH,
            )

    async def stop(self) -> None:
        await stop_task(self._task)
        self._task = None
        await self.channel.close()

    async def register(self) -> None:
        """Call setWebhook until Telegram accepts it (it may be unreachable at start)."""
        url = (self.settings.public_url or "").rstrip("/") + WEBHOOK_PATH
        secret = self.settings.webhook_secret
        for attempt in itertools.count():
            try:
                await self.channel.bot.set_webhook(
                    url=url,
                    secret_token=secret.get_secret_value() if secret else None,
                    allowed_updates=ALLOWED_UPDATES,
                )
            except AiogramError as exc:
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                log.warning("setWebhook failed (%s); again in %.0fs", exc, delay)
                await asyncio.sleep(delay)
            else:
                log.info("telegram webhook set to %s", url)
                return

    async def poll(self) -> None:
        """Long-poll until cancelled; a failure only delays the next batch."""
        failures = 0
        deleted = False
        while True:
            try:
                if not deleted:  # getUpdates is refused while a webhook is set
                    await self.channel.bot.delete_webhook(drop_pending_updates=False)
                    deleted = True
                await self.poll_once()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # network, Telegram or database: wait and go on
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                if isinstance(exc, TelegramRetryAfter):
                    delay = max(delay, float(exc.retry_after))
                failures += 1
                log.warning("telegram polling failed (%s); again in %.0fs", exc, delay)
                await asyncio.sleep(delay)

    async def poll_once(self) -> int:
        """Fetch one batch and receive it in order; return how many updates it held."""
        timeout = self.settings.poll_timeout_seconds
        updates = await self.channel.bot.get_updates(
            offset=self.offset,
            timeout=timeout,
            allowed_updates=ALLOWED_UPDATES,
            request_timeout=int(timeout + self.settings.timeout_seconds),
        )
        for update in updates:
            await self.channel.handle(update)
            self.offset = update.update_id + 1
        return len(updates)

"""A Telegram file's bytes (a picture, a voice note): `getFile` through the configured API
base, then its file URL."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import AiogramError

from bot.channels.download import download
from bot.services.pictures.reader import DownloadFailed, Fetch, TooLarge
from bot.types import UserMessage

FILE_ID = "file_id"  # meta key: the file's id (a photo's largest size, a voice note)
FILE_SIZE = "file_size"  # meta key: its size as Telegram announced it, when it did


def file_fetch(bot: Bot, message: UserMessage, *, timeout: float) -> Fetch | None:
    """How to get the message's file (picture or voice note), or None when it has none."""
    file_id = message.meta.get(FILE_ID)
    if not isinstance(file_id, str):
        return None
    announced = message.meta.get(FILE_SIZE)

    async def fetch(limit: int) -> bytes:
        if isinstance(announced, int) and announced > limit:
            raise TooLarge  # refused before asking Telegram for anything
        try:
            found = await bot.get_file(file_id)
        except AiogramError as exc:  # gone, too big for the Bot API (20 MB), unreachable
            raise DownloadFailed(type(exc).__name__) from exc
        if found.file_size is not None and found.file_size > limit:
            raise TooLarge
        if not found.file_path:
            raise DownloadFailed("no file path")
        url = bot.session.api.file_url(bot.token, found.file_path)
        return await download(url, limit=limit, timeout=timeout)

    return fetch

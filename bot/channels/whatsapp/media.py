"""A WhatsApp file's bytes (a picture, a voice note): the Graph API's media URL for its id,
then the file itself.

Both calls carry the access token (Meta's media URLs need it too) and nothing is written.
"""

from __future__ import annotations

import re

import httpx

from bot.channels.download import download
from bot.services.pictures.reader import DownloadFailed, Fetch, PictureReader, TooLarge
from bot.types import Media, UserMessage

MEDIA_ID = "media_id"  # meta key: the Graph API's id of an image (or an image document)
# Media ids are digits; nothing else may become a path on the Graph API.
_SAFE_ID = re.compile(r"[A-Za-z0-9_.-]{1,128}")


class WhatsAppPictures:
    """Reads a message's picture, when it has one and pictures are read at all."""

    def __init__(
        self, reader: PictureReader | None, *, api_base: str, token: str, timeout: float
    ) -> None:
        self.reader = reader
        self.api_base = api_base.rstrip("/")
        self.headers = {"authorization": f"Bearer {token}"}
        self.timeout = timeout

    async def attach(self, message: UserMessage) -> UserMessage:
        """The message with its picture's text and outcome; others as they came."""
        fetch = self.fetch_of(message)
        if self.reader is None or fetch is None or message.media is not Media.PHOTO:
            return message
        return await self.reader.attach(message, fetch)

    def fetch_of(self, message: UserMessage) -> Fetch | None:
        media_id = message.meta.get(MEDIA_ID)
        if not isinstance(media_id, str):
            return None

        async def fetch(limit: int) -> bytes:
            if not _SAFE_ID.fullmatch(media_id):
                raise DownloadFailed("unusable media id")
            url = await self._media_url(media_id, limit)
            return await download(url, limit=limit, timeout=self.timeout, headers=self.headers)

        return fetch

    async def _media_url(self, media_id: str, limit: int) -> str:
        """Where the Graph API keeps the file (a URL valid for a few minutes)."""
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.get(f"{self.api_base}/{media_id}", headers=self.headers)
            found = response.json() if response.status_code == 200 else {}
        except (httpx.HTTPError, ValueError) as exc:
            raise DownloadFailed(type(exc).__name__) from exc
        size, url = found.get("file_size"), found.get("url")
        if isinstance(size, int) and size > limit:
            raise TooLarge
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise DownloadFailed(f"HTTP {response.status_code}: no media URL")
        return url

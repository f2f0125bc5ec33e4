"""A sent picture → what it says: download it, check it, read it off the event loop.

Channels hand over a way to fetch the picture's bytes; the reader limits how many are read
at once, how long a download and a reading may take, and how large a picture may be. The
bytes and the image live only in this call: nothing is written anywhere, and no log line
holds what was read.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytesseract

from bot.services.pictures import ocr
from bot.services.pictures.image import PictureRefused, decode, guard_pixels
from bot.services.pictures.prepare import prepare
from bot.settings.pictures import PicturesSettings
from bot.types import MessageKind, Picture, PictureOutcome, UserMessage

log = logging.getLogger(__name__)
# Fewer letters than this is no text worth checking (a photo of a face, a logo).
MIN_LETTERS = 12
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


class DownloadFailed(Exception):
    """The platform did not give us the picture (an error, a timeout, a refusal)."""


class TooLarge(DownloadFailed):
    """The picture is larger than `pictures.max_bytes`."""


# Given the largest number of bytes allowed, the picture's bytes; raises DownloadFailed.
Fetch = Callable[[int], Awaitable[bytes]]


class PictureReader:
    """Reads pictures' text with Tesseract when it is installed, and says so when it is not."""

    def __init__(self, settings: PicturesSettings) -> None:
        self.settings = settings
        self.off_reason = ocr.missing(settings.languages) if settings.enabled else "switched off"
        self._slots = asyncio.Semaphore(settings.concurrency)
        guard_pixels(settings.max_pixels)
        if self.off_reason:
            log.warning("pictures are not read: %s", self.off_reason)

    @property
    def on(self) -> bool:
        return self.off_reason is None

    async def attach(self, message: UserMessage, fetch: Fetch) -> UserMessage:
        """`message` with its picture read: the text after any caption, and the outcome."""
        picture = await self.read(fetch)
        if picture.outcome is not PictureOutcome.READ:
            return replace(message, picture=picture)
        text = f"{message.text}\n\n{picture.text}" if message.text else picture.text
        return replace(message, text=text, kind=MessageKind.TEXT, picture=picture)

    async def read(self, fetch: Fetch) -> Picture:
        """Fetch and read one picture; every failure is an outcome, never an exception."""
        if not self.on:
            return Picture(PictureOutcome.OFF)
        limit = self.settings.max_bytes
        try:
            async with asyncio.timeout(self.settings.download_timeout_seconds):
                data = await fetch(limit)
        except TooLarge:
            return Picture(PictureOutcome.TOO_LARGE)
        except (DownloadFailed, TimeoutError) as exc:
            log.info("picture not downloaded: %s", type(exc).__name__)
            return Picture(PictureOutcome.FAILED)
        if len(data) > limit:
            return Picture(PictureOutcome.TOO_LARGE)
        return await self.read_bytes(data)

    async def read_bytes(self, data: bytes) -> Picture:
        """Read a picture already in hand (a web-chat upload)."""
        if not self.on:
            return Picture(PictureOutcome.OFF)
        if len(data) > self.settings.max_bytes:
            return Picture(PictureOutcome.TOO_LARGE)
        async with self._slots:
            return await asyncio.to_thread(self._read, data)

    def _read(self, data: bytes) -> Picture:
        settings = self.settings
        try:
            image = prepare(decode(data, max_pixels=settings.max_pixels))
            text = ocr.read(
                image, languages=settings.languages, timeout=settings.ocr_timeout_seconds
            )
        except PictureRefused as refused:
            return Picture(refused.outcome)
        except ocr.OcrTimeout:
            log.info("picture reading stopped after %ss", settings.ocr_timeout_seconds)
            return Picture(PictureOutcome.UNREADABLE)
        except pytesseract.TesseractError as exc:
            log.warning("tesseract failed on a picture (status %s)", exc.status)
            return Picture(PictureOutcome.UNREADABLE)
        text = tidy(text)
        if len(_LETTER.findall(text)) < MIN_LETTERS:
            return Picture(PictureOutcome.UNREADABLE)
        return Picture(PictureOutcome.READ, text)


def tidy(text: str) -> str:
    """Tesseract's text with its stray blank lines and trailing spaces gone."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()

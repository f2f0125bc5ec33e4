"""The picture reader: what it reads, and what it refuses without breaking."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from bot.services.pictures.image import decode
from bot.services.pictures.reader import DownloadFailed, PictureReader, TooLarge
from bot.settings.pictures import PicturesSettings
from bot.types import PictureOutcome
from tests.pictures import jpeg, png, render, require_ocr

AD = "Жумуш Кореяда: айлык 1500 доллар, үй бекер.\nТребуются сварщики, зарплата 120 000 руб."


@pytest.fixture
def reader() -> PictureReader:
    require_ocr()
    return PictureReader(PicturesSettings())


def fetching(data: bytes):  # type: ignore[no-untyped-def]  # a test's fake platform
    async def fetch(limit: int) -> bytes:
        return data

    return fetch


async def test_a_screenshot_is_read_in_kyrgyz_and_russian(reader: PictureReader) -> None:
    picture = await reader.read(fetching(png(render(AD, 1))))
    assert picture.outcome is PictureOutcome.READ
    assert "Кореяда" in picture.text and "үй бекер" in picture.text
    assert "сварщики" in picture.text and "120 000" in picture.text


async def test_bytes_over_the_limit_are_too_large(reader: PictureReader) -> None:
    big = b"\xff\xd8\xff" + bytes(reader.settings.max_bytes)
    assert (await reader.read_bytes(big)).outcome is PictureOutcome.TOO_LARGE

    async def refuse(limit: int) -> bytes:
        raise TooLarge

    assert (await reader.read(refuse)).outcome is PictureOutcome.TOO_LARGE


def png_bomb(side: int) -> bytes:
    """A PNG of side×side white pixels: a few kilobytes that decode to gigabytes."""
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = side.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    row = b"\x00" + b"\xff" * side
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(64)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + crc

    return header + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


async def test_a_png_bomb_is_refused_before_decoding(reader: PictureReader) -> None:
    bomb = png_bomb(60_000)  # 3.6 billion pixels
    assert len(bomb) < 100_000
    assert (await reader.read_bytes(bomb)).outcome is PictureOutcome.TOO_LARGE


async def test_bytes_that_are_no_image_are_said_so(reader: PictureReader) -> None:
    for junk in (b"%PDF-1.7 not a picture", b"", b"\x89PNG\r\n\x1a\n truncated", bytes(300)):
        assert (await reader.read_bytes(junk)).outcome is PictureOutcome.NOT_IMAGE


async def test_a_picture_without_text_is_unreadable(reader: PictureReader) -> None:
    blank = png(Image.new("RGB", (400, 300), (200, 120, 90)))
    assert (await reader.read_bytes(blank)).outcome is PictureOutcome.UNREADABLE


async def test_a_failed_or_slow_download_is_a_failure(reader: PictureReader) -> None:
    async def broken(limit: int) -> bytes:
        raise DownloadFailed("404")

    assert (await reader.read(broken)).outcome is PictureOutcome.FAILED
    slow = PictureReader(PicturesSettings(download_timeout_seconds=0.05))

    async def hangs(limit: int) -> bytes:
        import asyncio

        await asyncio.sleep(5)
        return b""

    assert (await slow.read(hangs)).outcome is PictureOutcome.FAILED


async def test_a_reading_over_its_time_is_stopped(reader: PictureReader) -> None:
    hurried = PictureReader(PicturesSettings(ocr_timeout_seconds=0.01))
    picture = await hurried.read_bytes(png(render(AD * 6, 0)))
    assert picture.outcome is PictureOutcome.UNREADABLE


def test_exif_and_other_metadata_are_left_behind() -> None:
    photo = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: turned; applied, then dropped
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif.tobytes(), comment=b"where it was taken")
    clean = decode(out.getvalue(), max_pixels=10_000_000)
    assert clean.size == (48, 64)  # upright
    assert not clean.info and not clean.getexif()


def test_without_tesseract_or_its_languages_pictures_are_off() -> None:
    off = PictureReader(PicturesSettings(languages="kir+xyz"))
    assert not off.on and off.off_reason and "xyz" in off.off_reason
    assert not PictureReader(PicturesSettings(enabled=False)).on


async def test_when_off_nothing_is_fetched() -> None:
    async def never(limit: int) -> bytes:
        raise AssertionError("fetched although pictures are off")

    off = PictureReader(PicturesSettings(enabled=False))
    assert (await off.read(never)).outcome is PictureOutcome.OFF
    assert (await off.read_bytes(jpeg(render(AD, 0)))).outcome is PictureOutcome.OFF

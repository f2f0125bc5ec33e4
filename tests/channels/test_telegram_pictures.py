"""Telegram pictures end to end: getFile and the file URL on the fake Bot API → OCR → reply."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.channels.conftest import Running, settings_for
from tests.channels.fakes import FakeTelegram
from tests.pictures import png, render, require_ocr
from tests.services.pictures.test_reader import png_bomb

Start = Callable[[Any], Awaitable[Running]]
AD = (
    "Срочно! Работа в Корее без визы и без языка, зарплата 3000$ в месяц. Паспорт сдаёте "
    "менеджеру по приезду. Предоплата 500$ за оформление. Пишите в Telegram @job_kr"
)
CHAT = 70707


@pytest.fixture
async def tg(tmp_path: Path, fake_telegram: FakeTelegram, start: Start) -> Running:
    require_ocr()
    return await start(settings_for(tmp_path, fake_telegram))


def update(update_id: int, content: dict[str, Any], language: str = "ru") -> dict[str, Any]:
    user = {"id": CHAT, "is_bot": False, "first_name": "T", "language_code": language}
    message = {"message_id": update_id, "from": user, "date": int(time.time())}
    chat = {"id": CHAT, "first_name": "T", "type": "private"}
    return {"update_id": update_id, "message": message | {"chat": chat} | content}


def photo(file_id: str, size: int | None = None) -> dict[str, Any]:
    sizes = [{"file_id": f"{file_id}-s", "file_unique_id": "s", "width": 90, "height": 60}]
    largest = {"file_id": file_id, "file_unique_id": "l", "width": 720, "height": 480}
    return {"photo": [*sizes, largest | ({"file_size": size} if size else {})]}


def document(file_id: str, name: str, mime: str) -> dict[str, Any]:
    doc = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name}
    return {"document": doc | {"mime_type": mime}}


async def replies(tg: Running, fake: FakeTelegram, payload: dict[str, Any]) -> list[str]:
    assert (await tg.telegram(payload)).status_code == 200
    await tg.settled()
    return fake.delivered[str(CHAT)]


def said(tg: Running, key: str, lang: str = "ky") -> str:
    """A text in the chat's language: Kyrgyz, the default, until the person writes."""
    return tg.sapar.content.current.text(key, lang)


async def test_a_photo_of_an_offer_is_read_and_checked(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.files["ph1"] = png(render(AD, 1))
    texts = await replies(tg, fake_telegram, update(1, photo("ph1")))
    read = next(t for t in texts if t.startswith("Я прочитал это на вашей картинке"))
    assert "Работа в Корее" in read
    assert any("Уровень риска" in t or "риск" in t.lower() for t in texts)
    assert [c.data["file_id"] for c in fake_telegram.of("getFile")] == ["ph1"]  # the largest
    assert fake_telegram.downloads == ["p/ph1"]


async def test_an_image_sent_as_a_file_is_read_too(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.files["doc1"] = png(render(AD, 2))
    payload = update(2, document("doc1", "ad.png", "image/png"), language="ky")
    texts = await replies(tg, fake_telegram, payload)
    assert any("Работа в Корее" in t for t in texts)


async def test_a_20_mb_picture_is_refused_before_any_download(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.files["big"] = b"never fetched"
    texts = await replies(tg, fake_telegram, update(3, photo("big", size=20 * 1024 * 1024)))
    assert said(tg, "picture_too_large") in texts
    assert not fake_telegram.of("getFile") and not fake_telegram.downloads


async def test_a_picture_larger_than_announced_is_cut_off(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.files["liar"] = b"\xff\xd8\xff" + bytes(11 * 1024 * 1024)
    fake_telegram.file_sizes["liar"] = 1000  # getFile says small; the body is not
    texts = await replies(tg, fake_telegram, update(4, photo("liar")))
    assert said(tg, "picture_too_large") in texts


async def test_a_png_bomb_is_refused(tg: Running, fake_telegram: FakeTelegram) -> None:
    fake_telegram.files["bomb"] = png_bomb(60_000)
    texts = await replies(tg, fake_telegram, update(5, document("bomb", "a.png", "image/png")))
    assert said(tg, "picture_too_large") in texts


async def test_a_non_image_with_an_image_name_is_said_so(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.files["pdf"] = b"%PDF-1.7\n" + bytes(2000)
    texts = await replies(tg, fake_telegram, update(6, document("pdf", "ad.jpg", "image/jpeg")))
    assert said(tg, "picture_not_image") in texts


async def test_a_failed_download_is_said_so_and_nothing_breaks(
    tg: Running, fake_telegram: FakeTelegram
) -> None:
    texts = await replies(tg, fake_telegram, update(7, photo("gone")))  # getFile: 400
    assert said(tg, "picture_failed") in texts
    fake_telegram.files["ph2"] = png(render(AD, 3))
    texts = await replies(tg, fake_telegram, update(8, photo("ph2")))
    assert any(t.startswith("Я прочитал") for t in texts)  # the next picture is read


async def test_with_pictures_off_the_user_is_told(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Start
) -> None:
    off = await start(settings_for(tmp_path, fake_telegram, pictures_enabled=False))
    fake_telegram.files["ph3"] = png(render(AD, 0))
    texts = await replies(off, fake_telegram, update(9, photo("ph3")))
    assert said(off, "picture_off") in texts and not fake_telegram.downloads

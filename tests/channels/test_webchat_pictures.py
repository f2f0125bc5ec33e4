"""The web chat's picture upload end to end: upload → OCR → the offer check's reply."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from bot.app import Sapar
from bot.web.logs import QUIET
from tests.channels.test_webchat import wait_replies
from tests.pictures import jpeg, png, render, require_ocr
from tests.services.pictures.test_reader import png_bomb

AD = (
    "Срочно! Работа в Корее без визы и без языка, зарплата 3000$ в месяц. Паспорт сдаёте "
    "менеджеру по приезду. Предоплата 500$ за оформление. Пишите в Telegram @job_kr"
)


async def upload(
    client: httpx.AsyncClient, client_id: str, data: bytes, kind: str = "image/png"
) -> httpx.Response:
    return await client.post(
        "/webchat/api/pictures",
        params={"client_id": client_id},
        content=data,
        headers={"content-type": kind},
    )


@pytest.fixture(autouse=True)
def ocr_here() -> None:
    require_ocr()


async def test_an_uploaded_screenshot_is_read_and_checked(
    client: httpx.AsyncClient, sapar: Sapar, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await client.get("/")
    response = await upload(client, "picture-0001", png(render(AD, 1)))
    assert response.status_code == 202 and response.json()["duplicate"] is False
    texts = [m["text"] for m in (await wait_replies(client, want=6))["messages"]]
    read = next(t for t in texts if t.startswith("Я прочитал это на вашей картинке"))
    assert "Работа в Корее" in read
    assert sapar.content.current.text("handoff_critical", "ru") in texts
    database = Path(sapar.settings.database_url.split("///", 1)[1])
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert b"IHDR" not in stored and b"IDAT" not in stored  # the picture itself is gone
    # (aiosqlite's own debug lines quote statements; serve keeps them quiet: bot/web/logs.py)
    ours = [r for r in caplog.records if not r.name.startswith(QUIET)]
    assert not [r.name for r in ours if "Корее" in r.getMessage()]  # nor logged


async def expect(client: httpx.AsyncClient, sapar: Sapar, key: str, data: bytes, **kw: str) -> None:
    await client.get("/")
    response = await upload(client, "picture-" + key.replace("_", "-"), data, **kw)
    assert response.status_code == 202
    texts = [m["text"] for m in (await wait_replies(client))["messages"]]
    assert sapar.content.current.text(key, "ky") in texts


async def test_a_20_mb_upload_gets_too_large_in_the_chat(
    client: httpx.AsyncClient, sapar: Sapar
) -> None:
    await expect(client, sapar, "picture_too_large", b"\xff\xd8\xff" + bytes(20 * 1024 * 1024))


async def test_a_png_bomb_gets_too_large(client: httpx.AsyncClient, sapar: Sapar) -> None:
    await expect(client, sapar, "picture_too_large", png_bomb(60_000))


async def test_a_non_image_sent_as_an_image_is_said_so(
    client: httpx.AsyncClient, sapar: Sapar
) -> None:
    await expect(client, sapar, "picture_not_image", b"%PDF-1.7\n" + bytes(900), kind="image/jpeg")


async def test_a_blank_picture_asks_for_the_text(client: httpx.AsyncClient, sapar: Sapar) -> None:
    await expect(client, sapar, "picture_unreadable", jpeg(render("", 0)))


async def test_only_image_types_are_taken(client: httpx.AsyncClient) -> None:
    await client.get("/")
    for kind in ("text/plain", "multipart/form-data; boundary=x", ""):
        response = await upload(client, "picture-0009", b"hello", kind=kind)
        assert response.status_code == 415, kind  # and no cross-site form can send image/*
    bad_id = await upload(client, "bad id!", png(render(AD, 0)))
    assert bad_id.status_code == 422

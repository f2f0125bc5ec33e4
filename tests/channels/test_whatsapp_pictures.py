"""WhatsApp pictures end to end: the Graph API's media URL on the fake → OCR → reply."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.channels.conftest import Running, settings_for, wa_text
from tests.channels.fakes import FakeGraph
from tests.pictures import jpeg, render, require_ocr
from tests.services.pictures.test_reader import png_bomb

Start = Callable[[Any], Awaitable[Running]]
AD = (
    "Срочно! Работа в Корее без визы и без языка, зарплата 3000$ в месяц. Паспорт сдаёте "
    "менеджеру по приезду. Предоплата 500$ за оформление. Пишите в Telegram @job_kr"
)
WA_ID = "996700000111"


@pytest.fixture
async def wa(tmp_path: Path, fake_graph: FakeGraph, start: Start) -> Running:
    require_ocr()
    return await start(settings_for(tmp_path, graph=fake_graph))


def image(message_id: str, media_id: str, kind: str = "image", mime: str = "image/jpeg") -> Any:
    payload = wa_text(WA_ID, message_id, "")
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["text"]
    body = {"id": media_id, "mime_type": mime, "sha256": "x"}
    if kind == "document":
        body["filename"] = "ad.jpg"
    message.update({"type": kind, kind: body, "timestamp": str(int(time.time()))})
    return payload


async def replies(wa: Running, fake: FakeGraph, payload: Any) -> list[str]:
    assert (await wa.whatsapp(payload)).status_code == 200
    await wa.settled()
    return fake.delivered[WA_ID]


def said(wa: Running, key: str) -> str:
    return wa.sapar.content.current.text(key, "ky")  # the chat's language until it writes


async def test_an_image_of_an_offer_is_read_and_checked(wa: Running, fake_graph: FakeGraph) -> None:
    fake_graph.media["m1"] = jpeg(render(AD, 1), quality=80)
    texts = await replies(wa, fake_graph, image("wamid.1", "m1"))
    read = next(t for t in texts if t.startswith("Я прочитал это на вашей картинке"))
    assert "Работа в Корее" in read
    assert fake_graph.downloads == ["m1"]


async def test_an_image_document_is_read_too(wa: Running, fake_graph: FakeGraph) -> None:
    fake_graph.media["m2"] = jpeg(render(AD, 2))
    texts = await replies(wa, fake_graph, image("wamid.2", "m2", kind="document"))
    assert any("Работа в Корее" in t for t in texts)


async def test_hostile_and_failed_pictures_get_clear_replies(
    wa: Running, fake_graph: FakeGraph
) -> None:
    fake_graph.media["big"] = b"never fetched"
    fake_graph.media_sizes["big"] = 20 * 1024 * 1024
    fake_graph.media["bomb"] = png_bomb(60_000)
    fake_graph.media["pdf"] = b"%PDF-1.7\n" + bytes(3000)
    cases = [
        ("big", "picture_too_large"),
        ("bomb", "picture_too_large"),
        ("pdf", "picture_not_image"),
        ("missing", "picture_failed"),  # the Graph API answers 404
        ("../../etc", "picture_failed"),  # no path but a media id reaches the Graph API
    ]
    for number, (media_id, key) in enumerate(cases):
        texts = await replies(wa, fake_graph, image(f"wamid.h{number}", media_id))
        assert texts[-1] == said(wa, key), media_id
    assert "big" not in fake_graph.downloads

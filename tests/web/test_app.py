"""The web shell: health checks, security headers, size limit, the chat page."""

from __future__ import annotations

from pathlib import Path

import httpx

from bot.app import build
from bot.settings import load_settings
from bot.web.app import create_app
from tests.pictures import require_ocr


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] is True


async def test_readyz_says_503_when_the_database_is_unreachable() -> None:
    settings = load_settings(database={"url": "postgresql+asyncpg://nobody@127.0.0.1:1/none"})
    sapar = build(settings)
    transport = httpx.ASGITransport(app=create_app(sapar))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.get("/readyz")
    await sapar.db.dispose()
    assert response.status_code == 503 and response.json()["database"] is False


async def test_every_response_carries_security_headers(client: httpx.AsyncClient) -> None:
    for path in ("/", "/healthz", "/static/webchat.js", "/nowhere"):
        headers = (await client.get(path)).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


async def test_page_speaks_kyrgyz_by_default_and_russian_when_asked(
    client: httpx.AsyncClient,
) -> None:
    ky = await client.get("/")
    assert ky.status_code == 200 and '<html lang="ky">' in ky.text and "Жөнөтүү" in ky.text
    client.cookies.clear()  # a new browser
    ru = await client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert '<html lang="ru">' in ru.text and "Отправить" in ru.text
    assert "cdn" not in ky.text.lower() and "https://" not in ky.text


async def test_page_sets_an_http_only_chat_cookie(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    cookie = response.headers["set-cookie"]
    assert "sapar_chat=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie


async def test_bodies_over_the_limit_are_refused_with_413(client: httpx.AsyncClient) -> None:
    big = b'{"client_id": "abcdefgh", "text": "' + b"a" * 1_100_000 + b'"}'
    response = await client.post(
        "/webchat/api/messages", content=big, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_streamed_bodies_over_the_limit_are_refused_too(client: httpx.AsyncClient) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"a" * 50_000

    response = await client.post(
        "/webchat/api/messages", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_readyz_says_whether_pictures_are_read(tmp_path: Path) -> None:
    require_ocr()
    for languages, shown in (("kir+rus", "on"), ("kir+xyz", "off")):
        settings = load_settings(
            database={"url": f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"},
            pictures={"languages": languages},
        )
        sapar = build(settings)
        transport = httpx.ASGITransport(app=create_app(sapar))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            body = (await http.get("/readyz")).json()
        await sapar.db.dispose()
        assert body["pictures"] == shown
        assert ("xyz" in body.get("pictures_off", "")) is (shown == "off")

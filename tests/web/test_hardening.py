"""Production behind a TLS proxy: HSTS everywhere, every cookie Secure, no API map served."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from bot.app import build
from bot.settings import load_settings
from bot.web.app import create_app
from bot.web.hardening import secure_cookie
from tests.console.conftest import CSRF_FIELD, PASSWORD

SECRET = "s" * 40
DOCS = ("/openapi.json", "/docs", "/redoc")
Served = Callable[..., AbstractAsyncContextManager[tuple[httpx.AsyncClient, FastAPI]]]


@pytest.fixture
def served(tmp_path: Path) -> Served:
    """`async with served(environment, **web)`: a started app and a plain-HTTP client."""

    @asynccontextmanager
    async def serve(
        environment: str, **web: Any
    ) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
        settings = load_settings(
            app={"environment": environment, "secret_key": SECRET},
            database={"url": f"sqlite+aiosqlite:///{tmp_path / f'{environment}.db'}"},
            web=web,
        )
        sapar = build(settings)
        await sapar.start()
        try:
            app = create_app(sapar)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://proxied") as http:
                yield http, app
        finally:
            await sapar.stop()

    return serve


async def test_production_sends_hsts_on_every_response(served: Served) -> None:
    async with served("production") as (http, _):
        responses = [await http.get(p) for p in ("/", "/healthz", "/nowhere", "/console")]
        responses.append(await http.post("/webchat/api/messages", content=b"x" * 2_000_000))
    assert [r.headers.get("strict-transport-security") for r in responses] == [
        "max-age=31536000"
    ] * 5


async def test_development_sends_no_hsts(served: Served) -> None:
    async with served("development") as (http, _):
        assert "strict-transport-security" not in (await http.get("/healthz")).headers


async def test_production_marks_the_web_chat_and_login_cookies_secure(served: Served) -> None:
    async with served("production") as (http, _):
        chat = (await http.get("/")).headers.get_list("set-cookie")
        login = (await http.get("/console/login")).headers.get_list("set-cookie")
    assert any(c.startswith("sapar_chat=") for c in chat)
    assert all("; Secure" in c for c in chat + login), chat + login


async def test_production_marks_the_staff_session_cookie_secure(served: Served) -> None:
    async with served("production") as (http, app):
        await app.state.console.staff.add("ops", PASSWORD, "operator")
        page = await http.get("/console/login")
        form_cookie = page.headers["set-cookie"].split(";")[0]  # a browser sends it over TLS
        found = CSRF_FIELD.search(page.text)
        assert found
        response = await http.post(
            "/console/login",
            data={"username": "ops", "password": PASSWORD, "csrf_token": found.group(1)},
            headers={"cookie": form_cookie},
        )
    assert response.status_code == 303, response.text
    session = [c for c in response.headers.get_list("set-cookie") if c.startswith("sapar_staff=")]
    assert session and all(re.search(r";\s*Secure", c) for c in session)


async def test_development_over_http_keeps_the_chat_cookie_usable(served: Served) -> None:
    async with served("development") as (http, _):
        cookies = (await http.get("/")).headers.get_list("set-cookie")
    assert cookies and not any("secure" in c.lower() for c in cookies)


@pytest.mark.parametrize(
    ("environment", "api_docs", "status"),
    [("development", False, 404), ("development", True, 200), ("production", True, 404)],
)
async def test_the_api_map_is_served_only_when_development_asks(
    served: Served, environment: str, api_docs: bool, status: int
) -> None:
    async with served(environment, api_docs=api_docs) as (http, _):
        assert [(await http.get(p)).status_code for p in DOCS] == [status] * 3


def test_a_cookie_already_secure_is_left_alone() -> None:
    assert secure_cookie(b"a=1; Path=/; secure") == b"a=1; Path=/; secure"
    assert secure_cookie(b"a=1; Path=/") == b"a=1; Path=/; Secure"
    assert secure_cookie(b"secure=1") == b"secure=1; Secure"  # the name is not an attribute

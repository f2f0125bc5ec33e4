"""Clients logged in to the admin (the console's accounts, the admin's login form)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from itertools import count

import httpx
import pytest
from fastapi import FastAPI

from bot.app import Sapar
from bot.services.content.live import LiveContent
from tests.console.conftest import PASSWORD, Login, anonymous, app, client_for, csrf_of  # noqa: F401  (fixtures reused here)

_ids = count(1)


@pytest.fixture
async def login(app: FastAPI) -> AsyncIterator[Login]:  # noqa: F811  (the admin's own login)
    """`await login("editor")`: a client logged in to /admin as a new user with that role."""
    clients: list[httpx.AsyncClient] = []

    async def make(role: str, name: str | None = None) -> httpx.AsyncClient:
        name = name or f"admin-{role}{next(_ids)}"
        await app.state.console.staff.add(name, PASSWORD, role)
        http = client_for(app)
        clients.append(http)
        token = await csrf_of(http, "/admin/login")
        response = await http.post(
            "/admin/login", data={"username": name, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 303, response.text
        return http

    yield make
    for http in clients:
        await http.aclose()


async def csrf(http: httpx.AsyncClient, path: str = "/admin") -> str:
    """The session's CSRF token, as the admin's forms carry it."""
    return await csrf_of(http, path)


def live(sapar: Sapar) -> LiveContent:
    """The running Sapar's content from published revisions."""
    assert sapar.live_content is not None
    return sapar.live_content

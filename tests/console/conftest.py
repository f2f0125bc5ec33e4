"""A web app with the console installed, staff accounts, and logged-in clients."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from itertools import count
from typing import Protocol

import httpx
import pytest
from fastapi import FastAPI

from bot.app import Sapar
from bot.services.operators.desk import Desk
from bot.types import ConversationKey, UserMessage
from bot.web.app import create_app

PASSWORD = "correct-horse-battery"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
_ids = count(1)


class Login(Protocol):
    """Makes a client logged in as a new user with `role` (and `name`, if given)."""

    async def __call__(self, role: str, name: str | None = None) -> httpx.AsyncClient: ...


@pytest.fixture
def app(sapar: Sapar) -> FastAPI:
    return create_app(sapar)  # create_app installs the console


def client_for(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="https://testserver")


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as http:
        yield http


async def csrf_of(http: httpx.AsyncClient, path: str) -> str:
    page = await http.get(path, headers={"accept": "text/html"})
    found = CSRF_FIELD.search(page.text)
    assert found, page.text[:500]
    return found.group(1)


@pytest.fixture
async def login(app: FastAPI, sapar: Sapar) -> AsyncIterator[Login]:
    """`await login("operator")`: a client logged in as a new user with that role."""
    clients: list[httpx.AsyncClient] = []

    async def make(role: str, name: str | None = None) -> httpx.AsyncClient:
        name = name or f"{role}{next(_ids)}"
        await app.state.console.staff.add(name, PASSWORD, role)
        http = client_for(app)
        clients.append(http)
        token = await csrf_of(http, "/console/login")
        response = await http.post(
            "/console/login",
            data={"username": name, "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 303, response.text
        http.headers["x-test-user"] = name
        return http

    yield make
    for http in clients:
        await http.aclose()


async def hand_over(sapar: Sapar, text: str = "/operator", chat: str | None = None) -> int:
    """A web chat user asks for a person; returns the queue entry's id."""
    key = ConversationKey("webchat", chat or f"chat{next(_ids)}")
    outcome = await sapar.conversations.receive(
        UserMessage(key, f"m{next(_ids)}", datetime.now(UTC), text=text)
    )
    assert outcome.escalated
    items = await sapar_desk(sapar).queue()
    return max(i.entry.id for i in items if i.entry.conversation_id == outcome.conversation_id)


async def say(sapar: Sapar, chat_key: ConversationKey, text: str) -> None:
    await sapar.conversations.receive(
        UserMessage(chat_key, f"m{next(_ids)}", datetime.now(UTC), text=text)
    )


def sapar_desk(sapar: Sapar) -> Desk:
    return Desk(sapar.db, lambda: sapar.content.current, publish=_ignore, wake=lambda: None)


async def _ignore(_event: object) -> None:
    return None

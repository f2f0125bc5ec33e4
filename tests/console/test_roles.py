"""Every console route checks its role; nobody unauthenticated ever gets data."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from bot.app import Sapar
from bot.storage.voice_store import KeptVoice
from tests.console.conftest import Login, csrf_of, hand_over, sapar_desk

PUBLIC = {("GET", "/console/login"), ("POST", "/console/login"), ("POST", "/console/logout")}
ADMIN_ONLY = {("GET", "/console/audit"), ("GET", "/console/satisfaction")}
FORM = {
    "reply": {"text": "hello"},
    "template": {"name": "operator_answered", "text": "hello"},  # a web chat: refused (303)
    "note": {"text": "a note"},
    "close": {"outcome": "advised"},
    "transfer": {"operator_id": "1"},
    "presence": {"presence": "online"},
    "resend": {"row_id": "1"},  # no such dead row: the page says so
}


def api_routes(routes: list[Any], prefix: str = "") -> list[tuple[str, APIRoute]]:
    """Every APIRoute with its full path, also inside included routers (FastAPI keeps those
    as branches, with the prefix they were included under: /login is mounted twice)."""
    found: list[tuple[str, APIRoute]] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append((prefix + route.path, route))
        elif hasattr(route, "original_router"):
            inner = prefix + getattr(getattr(route, "include_context", None), "prefix", "")
            found.extend(api_routes(route.original_router.routes, inner))
    return found


def console_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every console route, found from the app so none is forgotten."""
    return [
        (method, path)
        for path, route in api_routes(app.routes)
        if path.startswith("/console")
        for method in sorted((route.methods or set()) - {"HEAD"})
    ]


async def keep_a_voice_note(sapar: Sapar, handoff_id: int) -> None:
    """The held chat's voice note that /console/voices/{ref} plays: without one the route
    answers 404 to everyone, and the role check behind it would go untested."""
    assert sapar.voices is not None
    items = await sapar_desk(sapar).queue()
    conversation_id = next(i.entry.conversation_id for i in items if i.entry.id == handoff_id)
    note = KeptVoice(f"voice{handoff_id}", conversation_id, "audio/ogg", b"OggS")
    await sapar.voices.store.keep(note)


async def call(http: httpx.AsyncClient, method: str, path: str, handoff_id: int) -> httpx.Response:
    url = path.replace("{handoff_id}", str(handoff_id)).replace("{ref}", f"voice{handoff_id}")
    url = url.replace("{request_id}", str(handoff_id))  # none such: "already done" (303)
    if method == "GET":
        return await http.get(url, headers={"accept": "text/html"})
    token = http.headers.get("x-csrf-token", "")
    data = {"csrf_token": token, **FORM.get(url.rsplit("/", 1)[-1], {})}
    return await http.post(url, data=data, headers={"accept": "text/html"})


def test_the_routes_under_test_are_the_ones_the_app_has(app: FastAPI) -> None:
    routes = set(console_routes(app))
    assert len(routes) >= 12
    assert routes >= PUBLIC | ADMIN_ONLY


async def test_anonymous_requests_get_the_login_page_or_401(
    app: FastAPI, sapar: Sapar, anonymous: httpx.AsyncClient
) -> None:
    handoff_id = await hand_over(sapar, "/operator")
    for method, path in console_routes(app):
        if (method, path) in PUBLIC:
            continue
        response = await call(anonymous, method, path, handoff_id)
        assert response.status_code in (303, 401, 403), (method, path, response.status_code)
        if response.status_code == 303:
            assert response.headers["location"] == "/console/login"
        assert "operator" not in response.text.lower(), (method, path)
    json_get = await anonymous.get("/console/queue", headers={"accept": "application/json"})
    assert json_get.status_code == 401


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("editor", set()), ("operator", {"operator"}), ("admin", {"operator", "admin"})],
)
async def test_each_role_reaches_only_its_routes(
    app: FastAPI, sapar: Sapar, login: Login, role: str, allowed: set[str]
) -> None:
    http = await login(role)
    if role != "editor":
        http.headers["x-csrf-token"] = await csrf_of(http, "/console")
    for method, path in console_routes(app):
        if (method, path) in PUBLIC:
            continue
        needs = "admin" if (method, path) in ADMIN_ONLY else "operator"
        handoff_id = await hand_over(sapar, "/operator")
        await keep_a_voice_note(sapar, handoff_id)
        response = await call(http, method, path, handoff_id)
        if needs in allowed:
            assert response.status_code in (200, 303), (role, method, path, response.text[:200])
            # A redirect to a login page is a refusal dressed as a success.
            location = response.headers.get("location", "")
            assert "/login" not in location, (role, method, path, location)
        else:
            assert response.status_code == 403, (role, method, path, response.status_code)

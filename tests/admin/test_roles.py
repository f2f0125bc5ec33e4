"""Every /admin route: anonymous and operators refused, editors and admins allowed."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.console.conftest import PASSWORD, Login, client_for, csrf_of

PAGES = (
    "/admin",
    "/admin/answers",
    "/admin/answers/documents",
    "/admin/doc/knowledge/hotlines.yml",
    "/admin/revision/1",
    "/admin/work",
    "/admin/try",
    "/admin/hotlines",
    "/admin/canned",
    "/admin/indicators",
    "/admin/indicators/document_retention",
    "/admin/concepts",
    "/admin/wages",
)
POSTS = (
    "/admin/answers/documents",
    "/admin/doc/knowledge/hotlines.yml",
    "/admin/revision/1/publish",
    "/admin/work/dismiss",
    "/admin/work/example",
    "/admin/try",
    "/admin/agencies/import",
    "/admin/hotlines/KG",
    "/admin/canned",
    "/admin/indicators/document_retention",
    "/admin/concepts",
    "/admin/wages",
)


@pytest.mark.parametrize("path", PAGES)
async def test_anonymous_is_sent_to_log_in(anonymous: httpx.AsyncClient, path: str) -> None:
    page = await anonymous.get(path, headers={"accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/admin/login"
    assert (await anonymous.get(path)).status_code == 401


@pytest.mark.parametrize("path", POSTS)
async def test_anonymous_may_not_post(anonymous: httpx.AsyncClient, path: str) -> None:
    assert (await anonymous.post(path, data={"csrf_token": "x"})).status_code == 401


async def test_an_operator_gets_403_everywhere_in_the_admin(login: Login) -> None:
    operator = await login("operator")
    for path in PAGES:
        assert (await operator.get(path)).status_code == 403, path
    for path in POSTS:
        assert (await operator.post(path, data={})).status_code == 403, path


@pytest.mark.parametrize("role", ["editor", "admin"])
async def test_editors_and_admins_see_every_page(login: Login, role: str) -> None:
    staff = await login(role)
    for path in PAGES:
        page = await staff.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        assert "Сапар · содержание" in page.text


async def test_an_editor_may_not_open_the_operators_console(app: FastAPI) -> None:
    await app.state.console.staff.add("ed", PASSWORD, "editor")
    async with client_for(app) as editor:
        token = await csrf_of(editor, "/console/login")
        form = {"username": "ed", "password": PASSWORD, "csrf_token": token}
        assert (await editor.post("/console/login", data=form)).status_code == 303
        assert (await editor.get("/console")).status_code == 403
        assert (await editor.get("/console/queue")).status_code == 403


async def test_wrong_password_is_refused(anonymous: httpx.AsyncClient, app: FastAPI) -> None:
    await app.state.console.staff.add("ed", PASSWORD, "editor")
    token = await csrf_of(anonymous, "/admin/login")
    form = {"username": "ed", "password": "wrong-password-1", "csrf_token": token}
    refused = await anonymous.post("/admin/login", data=form)
    assert refused.status_code == 401 and "Неверное имя или пароль" in refused.text
    assert (await anonymous.get("/admin")).status_code == 401


async def test_a_post_without_the_csrf_token_is_refused(login: Login) -> None:
    editor = await login("editor")
    for path in POSTS:
        refused = await editor.post(path, data={"text": "x"})
        assert refused.status_code == 403, path
        assert "CSRF" in refused.text
